// What a scheduled run keeps: the RunReport `lvs-play check --json` prints,
// plus the exit status it led to and, when the check could not run at all
// (an inventory that no longer loads), the reason. Stored as JSON in the
// state directory; metrics and `schedule status` are computed from it.

import { exitCode, type RunReport } from '../run/report.js';

export interface CheckRecord extends RunReport {
  /** check's exit status: 0 in sync, 2 drift, 1 error */
  exitCode: number;
  /** why no host was checked (the inventory, the playbook); absent when the check ran */
  error?: string;
}

export function recordOf(report: RunReport): CheckRecord {
  return { ...report, exitCode: exitCode(report, true) };
}

/** A run that ended before any host was checked. */
export function failedRecord(o: { inventory: string; cluster: string; startedAt: Date; durationMs: number; error: string }): CheckRecord {
  return {
    mode: 'check',
    inventory: o.inventory,
    cluster: o.cluster,
    startedAt: o.startedAt.toISOString(),
    durationMs: o.durationMs,
    hosts: [],
    exitCode: 1,
    error: o.error,
  };
}

export function resultWord(code: number): 'in sync' | 'drift' | 'error' {
  return code === 0 ? 'in sync' : code === 2 ? 'drift' : 'error';
}

/** Tasks that differ from the inventory (check reports them as "changed"). */
export function driftedTasks(host: RunReport['hosts'][number]): string[] {
  return host.tasks.filter((t) => t.status === 'changed').map((t) => t.task);
}
