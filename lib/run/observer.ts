// Progress is an observer of the runner: listr2 on a terminal, plain lines in
// a pipe, nothing at all under --json or in tests.

import type { HostReport, TaskReport } from './report.js';

export interface RunObserver {
  hostStarted(host: string, tasks: string[]): void;
  taskStarted(host: string, task: string): void;
  taskEnded(host: string, report: TaskReport): void;
  rollbackStarted(host: string): void;
  /** a line about the host outside its tasks (an interrupted run rolled back first) */
  note(host: string, line: string): void;
  hostEnded(report: HostReport): void;
}

export const silentObserver: RunObserver = {
  hostStarted() {},
  taskStarted() {},
  taskEnded() {},
  rollbackStarted() {},
  note() {},
  hostEnded() {},
};
