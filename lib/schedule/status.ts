// `lvs-play schedule status`: whether the units are installed, what systemd
// says about the timer (when it can be asked), and the last run from
// latest.json: when, how long, the result, drifted and unreachable hosts.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatVersion } from '../report/json-format.js';
import { listReports, readLatest } from './history.js';
import { type CheckRecord, driftedTasks, resultWord } from './record.js';
import { type TimerState, timerState } from './systemctl.js';

export interface ScheduleStatus {
  name: string;
  unitDir: string;
  installed: boolean;
  /** null when systemd was not asked (units outside the system directory, or no systemd) */
  timer: TimerState | null;
  stateDir: string;
  reports: number;
  /** latest.json as kept (records kept before format 1.0 have no formatVersion) */
  latest: ({ formatVersion?: FormatVersion } & CheckRecord) | null;
}

export async function scheduleStatus(o: { name: string; unitDir: string; stateDir: string; askSystemd: boolean }): Promise<ScheduleStatus> {
  const installed = existsSync(join(o.unitDir, `${o.name}.timer`)) && existsSync(join(o.unitDir, `${o.name}.service`));
  const timer = installed && o.askSystemd ? await timerState(`${o.name}.timer`, `${o.name}.service`) : null;
  return {
    name: o.name,
    unitDir: o.unitDir,
    installed,
    timer,
    stateDir: o.stateDir,
    reports: (await listReports(o.stateDir)).length,
    latest: await readLatest(o.stateDir),
  };
}

/** The status command's exit: the last run's (0 in sync, 2 drift, 1 error), 1 when there was none. */
export function statusExitCode(s: ScheduleStatus): number {
  return s.latest ? s.latest.exitCode : 1;
}

export function formatStatus(s: ScheduleStatus): string {
  const lines: string[] = [];
  if (!s.installed) lines.push(`${s.name}: not installed in ${s.unitDir}`);
  else if (!s.timer)
    lines.push(`${s.name}: installed in ${s.unitDir} (timer state not asked: not the system's unit directory, or no systemd)`);
  else {
    const next = s.timer.nextRun ? `, next run ${s.timer.nextRun}` : '';
    const result = s.timer.serviceResult ? `, service result ${s.timer.serviceResult}` : '';
    lines.push(`${s.name}: installed in ${s.unitDir}, timer ${s.timer.activeState}${next}${result}`);
  }
  const r = s.latest;
  if (!r) {
    lines.push(`last run: none yet (no ${join(s.stateDir, 'latest.json')})`);
    return lines.join('\n');
  }
  lines.push(...recordLines(r));
  lines.push(`reports kept: ${s.reports} in ${join(s.stateDir, 'reports')}`);
  return lines.join('\n');
}

/** The result of one run: when, how long, the result, then each drifted, failed or unreachable host. */
export function recordLines(r: CheckRecord, label = 'last run'): string[] {
  const lines: string[] = [];
  const finished = new Date(Date.parse(r.startedAt) + r.durationMs).toISOString();
  lines.push(`${label}: ${finished} (${(r.durationMs / 1000).toFixed(1)} s), ${resultWord(r.exitCode)} (exit ${r.exitCode})`);
  if (r.error) lines.push(`  error: ${r.error.split('\n').join('\n    ')}`);
  for (const h of r.hosts) {
    if (h.status === 'unreachable') {
      lines.push(`  ${h.host}: unreachable${h.error ? `: ${h.error}` : ''}`);
      continue;
    }
    for (const t of h.tasks.filter((x) => x.status === 'changed'))
      lines.push(`  ${h.host}: drifted: ${t.task}${t.changes.length ? ` (${t.changes.map((c) => c.summary).join('; ')})` : ''}`);
    for (const r of h.interrupted ?? [])
      lines.push(
        `  ${h.host}: interrupted: run ${r.runId}${r.by ? ` (${r.by})` : ''}, ${r.steps.length} step(s) left: lvs-play deploy or recover rolls it back`,
      );
    for (const t of h.tasks.filter((x) => x.status === 'failed'))
      lines.push(`  ${h.host}: failed: ${t.task}${t.error ? `: ${t.error}` : ''}`);
    if (h.status === 'failed' && h.error && !h.tasks.some((t) => t.status === 'failed')) lines.push(`  ${h.host}: failed: ${h.error}`);
  }
  const drifted = r.hosts.filter((h) => driftedTasks(h).length > 0).map((h) => h.host);
  const unreachable = r.hosts.filter((h) => h.status === 'unreachable').map((h) => h.host);
  lines.push(
    `hosts: ${r.hosts.length} checked, drifted: ${drifted.join(', ') || 'none'}, unreachable: ${unreachable.join(', ') || 'none'}`,
  );
  return lines;
}
