// A small TypeScript process that installs one of lvs-play's signal handlers
// and prints what it sees, for tests that send it real signals
// (test/fixtures/signals/). Started ones that are still running are ended
// by their own pid in endStarted().

import { type ChildProcess, spawn } from 'node:child_process';

export interface SignalChild {
  proc: ChildProcess;
  out(): string;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Starts `script` with `args` and resolves once it printed "ready" (its handler is installed). */
export async function startSignalChild(script: string, args: string[] = []): Promise<SignalChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(proc);
  let out = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (!out.includes('ready\n')) {
    if (Date.now() > deadline) throw new Error(`${script} did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { proc, out: () => out, exited };
}

/** Whether the process is still running after `ms`. */
export function aliveAfter(c: SignalChild, ms: number): Promise<boolean> {
  return Promise.race([c.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);
}

/** Ends every child still running (a failed assertion leaves its child behind). */
export function endStarted(): void {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}
