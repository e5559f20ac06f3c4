// Processes are identified by PID *and* start time (field 22 of
// /proc/PID/stat), so a recorded PID that the kernel has since given to some
// other program is never signalled.

import { readFileSync } from 'node:fs';

export interface ProcessId {
  pid: number;
  start: number;
}

/** The process's start time in clock ticks since boot, or null if it is gone. */
export function startTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: split after the last ")"
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return null;
  }
}

export function processId(pid: number): ProcessId | null {
  const start = startTime(pid);
  return start === null ? null : { pid, start };
}

export function isRunning(p: ProcessId): boolean {
  if (startTime(p.pid) !== p.start) return false;
  // a zombie is gone for our purposes
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

export function signal(p: ProcessId, sig: NodeJS.Signals): void {
  if (!isRunning(p)) return;
  try {
    process.kill(p.pid, sig);
  } catch {
    /* exited in between */
  }
}

/** Signals the processes and waits until they are gone; SIGKILL after graceMs. */
export async function stopProcesses(ps: ProcessId[], sig: NodeJS.Signals, graceMs: number): Promise<void> {
  for (const p of ps) signal(p, sig);
  if (await waitGone(ps, graceMs)) return;
  for (const p of ps) signal(p, 'SIGKILL');
  if (!(await waitGone(ps, 10_000))) {
    throw new Error(
      `processes ${ps
        .filter(isRunning)
        .map((p) => p.pid)
        .join(', ')} survived SIGKILL`,
    );
  }
}

async function waitGone(ps: ProcessId[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!ps.some(isRunning)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
