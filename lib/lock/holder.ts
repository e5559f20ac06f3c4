// Who holds a run lock: written by the holder when it takes the lock, read by
// whoever finds the lock taken, so every refusal names the run that holds it.
// Plain data, one line of JSON on the host (see lock-commands.ts).

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockHolder {
  runId: string;
  cluster: string;
  /** the lvs-play command line, as typed */
  command: string;
  /** the control machine: its host name and the boot it runs in, so a holder from before its reboot is known dead */
  controlHost: string;
  controlBootId: string;
  pid: number;
  startedAt: string;
}

export function thisProcessHolder(o: { runId: string; cluster: string; command: string; now?: Date }): LockHolder {
  return {
    runId: o.runId,
    cluster: o.cluster,
    command: o.command,
    controlHost: hostname(),
    controlBootId: bootId(),
    pid: process.pid,
    startedAt: (o.now ?? new Date()).toISOString(),
  };
}

/** This machine's boot: it changes at every reboot (Linux); '' where unknown. */
export function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

/** "lvs-play deploy inv.json (run R, pid 123 on ctl, since 2026-...)"; the command is shown with control characters escaped. */
export function describeHolder(h: LockHolder): string {
  return `${printable(h.command)} (run ${printable(h.runId)}, pid ${h.pid} on ${printable(h.controlHost)}, since ${printable(h.startedAt)})`;
}

/** The holder line a host printed, or null when it is not one (a damaged or foreign file). */
export function parseHolder(text: string): LockHolder | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const strings = ['runId', 'cluster', 'command', 'controlHost', 'controlBootId', 'startedAt'] as const;
  if (!strings.every((k) => typeof o[k] === 'string') || !Number.isInteger(o.pid)) return null;
  return {
    runId: o.runId,
    cluster: o.cluster,
    command: o.command,
    controlHost: o.controlHost,
    controlBootId: o.controlBootId,
    pid: o.pid,
    startedAt: o.startedAt,
  } as LockHolder;
}

/**
 * Is the process that holds this lock certainly gone? Only this machine can
 * tell, and only for its own processes: a holder from this machine's current
 * boot whose pid no longer runs lvs-play, or from an earlier boot. A holder on
 * another control machine is never declared gone from here.
 */
export function holderIsGoneFromHere(h: LockHolder, here: { host: string; bootId: string; alive(pid: number): boolean }): boolean {
  if (h.controlHost !== here.host || here.bootId === '') return false;
  if (h.controlBootId !== here.bootId) return true;
  return !here.alive(h.pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Control characters (ANSI escapes, newlines) shown escaped, so text from a file cannot forge output. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
