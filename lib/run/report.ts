// The outcome of a run, host by host and task by task. Plain data: printed
// as a recap, as plain lines or as JSON (--json) by lib/report/.

import type { InterruptedRunReport } from './interrupted.js';

export type TaskStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';
export type HostStatus = 'ok' | 'changed' | 'failed' | 'unreachable' | 'skipped';
export type RunMode = 'check' | 'deploy';

export interface ChangeReport {
  summary: string;
  /** unified diff, secrets redacted; only with --diff */
  diff?: string;
}

export interface TaskReport {
  task: string;
  status: TaskStatus;
  /** check: what differs; deploy: what was changed */
  changes: ChangeReport[];
  notes: string[];
  error?: string;
}

export interface HostReport {
  host: string;
  status: HostStatus;
  tasks: TaskReport[];
  error?: string;
  /** what the rollback undid, newest first */
  rolledBack?: string[];
  rollbackFailed?: string[];
  /** packages this run installed (they stay installed after a rollback) */
  packagesInstalled?: string[];
  /** runs interrupted on this host: found (check), or rolled back first (deploy) */
  interrupted?: InterruptedRunReport[];
  /** read-only runs: the write run that holds this host's lock right now */
  runInProgress?: string;
  durationMs: number;
}

export interface RunReport {
  mode: RunMode;
  inventory: string;
  cluster: string;
  /** deploy: the run's id (its lock and its journals on the hosts carry it) */
  runId?: string;
  startedAt: string;
  durationMs: number;
  hosts: HostReport[];
}

/** An interrupted run left on a host is not "in sync": check counts it as drift, deploy as a change it undid. */
export function hostStatus(
  tasks: TaskReport[],
  error?: string,
  mode: RunMode = 'deploy',
  interrupted: InterruptedRunReport[] = [],
): HostStatus {
  if (tasks.some((t) => t.status === 'unreachable')) return 'unreachable';
  if (error || tasks.some((t) => t.status === 'failed')) return 'failed';
  if (
    tasks.some((t) => t.status === 'changed') ||
    (interrupted.length > 0 && mode === 'check') ||
    interrupted.some((r) => r.rolledBack?.undone.length)
  )
    return 'changed';
  if (tasks.length > 0 && tasks.every((t) => t.status === 'skipped')) return 'skipped';
  return 'ok';
}

/** Terraform's codes: deploy 0 ok / 1 failed; check and deploy --check 0 in sync, 2 drift, 1 error. */
export function exitCode(report: RunReport, predictive: boolean): number {
  const statuses = report.hosts.map((h) => h.status);
  if (statuses.some((s) => s === 'failed' || s === 'unreachable')) return 1;
  if (predictive && statuses.includes('changed')) return 2;
  return 0;
}
