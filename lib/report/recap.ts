// The end-of-run summary: one line per host with counts, then what drifted
// (check) or failed (deploy), naming host, task and what differs.

import { describeInterrupted } from '../run/interrupted.js';
import type { RunReport, TaskStatus } from '../run/report.js';

const COUNTED: TaskStatus[] = ['ok', 'changed', 'failed', 'skipped', 'unreachable'];

export function recap(report: RunReport): string {
  const lines: string[] = [];
  const verb = report.mode === 'check' ? 'check' : 'deploy';
  lines.push(`RECAP ${verb} ${report.cluster} (${report.inventory}): ${report.hosts.length} host(s) in ${(report.durationMs / 1000).toFixed(1)}s`);
  const width = Math.max(4, ...report.hosts.map((h) => h.host.length));
  for (const h of report.hosts) {
    const counts = COUNTED.map((s) => `${report.mode === 'check' && s === 'changed' ? 'drift' : s}=${h.tasks.filter((t) => t.status === s).length}`);
    lines.push(`  ${h.host.padEnd(width)}  ${counts.join(' ')}`);
  }
  for (const h of report.hosts) {
    for (const t of h.tasks) {
      if (t.status === 'changed' && report.mode === 'check') for (const c of t.changes) lines.push(`DRIFT ${h.host} ${t.task}: ${c.summary}`);
      if (t.status === 'failed') lines.push(`FAILED ${h.host} ${t.task}: ${t.error ?? ''}`);
    }
    if (h.status === 'unreachable') lines.push(`UNREACHABLE ${h.host}: ${h.error ?? ''}`);
    for (const r of h.interrupted ?? []) {
      lines.push(r.rolledBack ? `RECOVERED ${h.host}: ${describeInterrupted(r, 'recovered')}`
        : `INTERRUPTED ${h.host}: ${describeInterrupted(r, 'found')}; lvs-play deploy (or lvs-play recover) rolls it back first`);
    }
    if (h.runInProgress) lines.push(`IN PROGRESS ${h.host}: another run holds this host: ${h.runInProgress}`);
    if (h.rolledBack) lines.push(`ROLLED BACK ${h.host}: ${h.rolledBack.length} change(s) undone${h.rolledBack.length ? ': ' + h.rolledBack.join('; ') : ''}`);
    if (h.rollbackFailed) lines.push(`ROLLBACK INCOMPLETE ${h.host}: ${h.rollbackFailed.join('; ')}`);
    if (h.packagesInstalled?.length) lines.push(`INSTALLED ${h.host}: ${h.packagesInstalled.join(' ')}${h.rolledBack ? ' (packages stay installed after a rollback)' : ''}`);
  }
  return lines.join('\n');
}
