// The live view of a run too large for one row per host and task (issue
// 11): what a screen of `rows` x `cols` shows. Pure: state in, lines out.
//
//   deploy farm: 152/200 hosts done (ok 120, changed 30, failed 2), 28 running, 20 waiting
//   running: web017 keepalived, web018 packages, web019 packages, ... +45
//   FAILED web003 keepalived: write /etc/keepalived/keepalived.conf failed: ...
//   FAILED web090 packages: ...
//
// Every failure gets a line while they fit; the rest are counted (the recap
// and --json list them all).

import type { RunMode } from '../run/report.js';

/** skipped: ended without being worked on (the run was stopped, or --max-fail) */
export type HostPhase = 'waiting' | 'running' | 'ok' | 'changed' | 'failed' | 'unreachable' | 'skipped';

export interface HostProgress {
  phase: HostPhase;
  task?: string; // the task running now
  failure?: string; // "keepalived: <error>" once failed or unreachable
}

export interface ProgressState {
  mode: RunMode;
  cluster: string;
  hosts: Map<string, HostProgress>; // in inventory order
}

/** Whether one row per host and per task (listr2's tree) fits in `rows`, with room for the header. */
export function treeFits(hosts: { tasks: string[] }[], rows: number): boolean {
  const needed = hosts.reduce((n, h) => n + 1 + h.tasks.length, 0);
  return needed <= Math.max(0, rows - 2);
}

export function summaryLines(state: ProgressState, screen: { rows: number; cols: number }): string[] {
  const all = [...state.hosts.entries()];
  const count = (...phases: HostPhase[]) => all.filter(([, h]) => phases.includes(h.phase)).length;
  const changed = state.mode === 'check' ? 'drift' : 'changed';
  const done = count('ok', 'changed', 'failed', 'unreachable', 'skipped');
  // only the counts that are not zero, so a narrow screen still shows what matters
  const parts = (
    [
      ['ok', 'ok'],
      [changed, 'changed'],
      ['failed', 'failed'],
      ['unreachable', 'unreachable'],
      ['skipped', 'skipped'],
    ] as const
  )
    .map(([label, phase]) => [label, count(phase)] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${n}`);
  const head =
    `${state.mode} ${state.cluster}: ${done}/${all.length} hosts done${parts.length ? ` (${parts.join(', ')})` : ''}, ${count('running')} running` +
    (count('waiting') ? `, ${count('waiting')} waiting` : '');
  const lines = [head];
  const running = all.filter(([, h]) => h.phase === 'running').map(([name, h]) => (h.task ? `${name} ${h.task}` : name));
  if (running.length) lines.push(listWithin('running: ', running, screen.cols));
  const failures = all
    .filter(([, h]) => h.failure !== undefined)
    .map(([name, h]) => `${h.phase === 'unreachable' ? 'UNREACHABLE' : 'FAILED'} ${name} ${h.failure}`);
  const room = Math.max(1, screen.rows - lines.length - 1);
  if (failures.length <= room) lines.push(...failures);
  else lines.push(...failures.slice(0, room - 1), `+${failures.length - (room - 1)} more failed (listed in the recap)`);
  return lines.map((l) => clip(l, screen.cols));
}

/** "running: a, b, c, ... +N" within cols. */
function listWithin(prefix: string, items: string[], cols: number): string {
  let line = prefix;
  for (let i = 0; i < items.length; i++) {
    const rest = items.length - i - 1;
    const next = `${i ? ', ' : ''}${items[i]}`;
    const tail = rest ? `, ... +${rest}` : '';
    if ((line + next + tail).length > cols - 1 && i > 0) return `${line}, ... +${items.length - i}`;
    line += next;
  }
  return line;
}

/** One screen row: longer lines would wrap and throw the redraw's line count off. */
function clip(line: string, cols: number): string {
  const width = Math.max(10, cols - 1);
  const one = line.replace(/\s*\n\s*/g, ' ');
  return one.length > width ? `${one.slice(0, width - 1)}…` : one;
}
