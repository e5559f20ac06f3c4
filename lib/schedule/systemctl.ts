// The only place `schedule` talks to the machine's systemd. Called only for
// units in the system directory (/etc/systemd/system); units written with
// --unit-dir elsewhere are files only, so tests never reach this.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { nextRunOf } from './timer-state.js';

export const SYSTEM_UNIT_DIR = '/etc/systemd/system';

/** sd_booted(): is systemd PID 1 here? */
export function systemdRunning(): boolean {
  return existsSync('/run/systemd/system');
}

export function assertSystemdRunning(what: string): void {
  if (!systemdRunning()) {
    throw new UserError(`cannot ${what}: systemd is not running on this machine (no /run/systemd/system)`, {
      hint: 'write the units elsewhere with --unit-dir DIR, or add --no-enable to write them without starting the timer',
    });
  }
}

export interface SystemctlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function systemctl(args: string[]): Promise<SystemctlResult> {
  return new Promise((resolve, reject) => {
    execFile('systemctl', args, { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string')
        reject(new UserError(`cannot run systemctl: ${err.message}`, { cause: err }));
      else resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** systemctl that must succeed. */
export async function systemctlOk(args: string[]): Promise<string> {
  const r = await systemctl(args);
  if (r.code !== 0) throw new UserError(`systemctl ${args.join(' ')} failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

export interface TimerState {
  activeState: string;
  /** see nextRunOf: systemd's wall time (calendar timers) or an ISO 8601 time (interval timers) */
  nextRun: string | null;
  lastTrigger: string | null;
  serviceResult: string | null;
}

/** What systemd says about the timer and its service. */
export async function timerState(timer: string, service: string): Promise<TimerState> {
  const t = parseShow(
    (await systemctl(['show', timer, '--property=ActiveState,NextElapseUSecRealtime,NextElapseUSecMonotonic,LastTriggerUSec'])).stdout,
  );
  // read right after systemd answered: process.hrtime is CLOCK_MONOTONIC, the clock of OnUnitActiveSec=
  const now = { monotonicUsec: Number(process.hrtime.bigint() / 1000n), wallMs: Date.now() };
  const s = parseShow((await systemctl(['show', service, '--property=Result'])).stdout);
  const time = (v: string | undefined) => (v && v !== 'n/a' && v !== '0' ? v : null);
  return {
    activeState: t.ActiveState ?? 'unknown',
    nextRun: nextRunOf(t, now),
    lastTrigger: time(t.LastTriggerUSec),
    serviceResult: s.Result ?? null,
  };
}

function parseShow(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
