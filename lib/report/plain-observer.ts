// Progress as plain lines, one per event: for pipes, CI logs and cron mail.

import type { RunObserver } from '../run/observer.js';
import type { HostReport, RunMode, TaskReport } from '../run/report.js';

export function plainObserver(write: (line: string) => void, mode: RunMode = 'deploy'): RunObserver {
  const status = (s: TaskReport['status']) => (mode === 'check' && s === 'changed' ? 'drift' : s);
  return {
    hostStarted(host, tasks) {
      write(`${host}: start (${tasks.join(', ')})`);
    },
    taskStarted() {},
    taskEnded(host: string, r: TaskReport) {
      const detail = r.error ? `: ${r.error}` : r.changes.length ? `: ${r.changes.map((c) => c.summary).join('; ')}` : '';
      write(`${host}: ${r.task} ${status(r.status)}${detail}`);
      for (const note of r.notes) write(`${host}: ${r.task} note: ${note}`);
      for (const c of r.changes) if (c.diff) write(c.diff.trimEnd());
    },
    rollbackStarted(host) {
      write(`${host}: rolling back this run's changes`);
    },
    note(host, line) {
      write(`${host}: ${line}`);
    },
    hostEnded(r: HostReport) {
      if (r.status === 'unreachable') write(`${r.host}: unreachable: ${r.error}`);
      if (r.rolledBack) write(`${r.host}: rolled back: ${r.rolledBack.join('; ') || 'nothing to undo'}`);
      if (r.rollbackFailed) write(`${r.host}: ROLLBACK INCOMPLETE: ${r.rollbackFailed.join('; ')}`);
    },
  };
}
