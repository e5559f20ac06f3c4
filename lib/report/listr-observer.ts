// Progress as a live listr2 tree (hosts, then their tasks) on a terminal.
// The runner does the work; each listr task only waits for the runner's
// event about it, so listr2 draws and never decides anything.

import { Listr, type ListrTask } from 'listr2';
import type { Host } from '../inventory/types.js';
import type { RunObserver } from '../run/observer.js';
import type { HostReport, TaskReport } from '../run/report.js';

class Deferred<T> {
  resolve!: (v: T) => void;
  readonly promise = new Promise<T>((r) => { this.resolve = r; });
}

export function listrObserver(hosts: { host: Host; tasks: string[] }[]): { observer: RunObserver; done: Promise<void> } {
  const taskDone = new Map<string, Deferred<TaskReport>>();
  const hostDone = new Map<string, Deferred<HostReport>>();
  const key = (h: string, t: string) => `${h}\u0000${t}`;
  for (const { host, tasks } of hosts) {
    hostDone.set(host.name, new Deferred());
    for (const t of tasks) taskDone.set(key(host.name, t), new Deferred());
  }

  const listrTasks: ListrTask[] = hosts.map(({ host, tasks }) => ({
    title: host.name,
    task: async (_ctx, hostTask) => {
      const sub = hostTask.newListr(tasks.map((name) => ({
        title: name,
        task: async (_c, t) => {
          const r = await taskDone.get(key(host.name, name))!.promise;
          if (r.status === 'failed') throw new Error(`${name}: ${r.error ?? 'failed'}`);
          if (r.status === 'skipped' || r.status === 'unreachable') { t.skip(`${name}: ${r.status}`); return; }
          t.title = r.status === 'changed' ? `${name}: changed (${r.changes.map((c) => c.summary).join('; ')})` : `${name}: ok`;
        },
      })), { concurrent: false, exitOnError: true });
      const report = hostDone.get(host.name)!.promise;
      const [r] = await Promise.all([report, sub.run().catch(() => undefined)]);
      if (r.status === 'unreachable') throw new Error(`unreachable: ${r.error}`);
      if (r.rolledBack) hostTask.title = `${host.name}: rolled back ${r.rolledBack.length} change(s)`;
      if (r.status === 'failed') throw new Error(r.error ?? 'failed');
    },
  }));

  const listr = new Listr(listrTasks, { concurrent: true, exitOnError: false, rendererOptions: { collapseSubtasks: false, collapseErrors: false } });
  const done = listr.run().then(() => undefined, () => undefined);

  const observer: RunObserver = {
    hostStarted() {},
    taskStarted() {},
    taskEnded(host, r) { taskDone.get(key(host, r.task))?.resolve(r); },
    rollbackStarted() {},
    hostEnded(r) {
      // tasks never reached (unreachable host) end with the host
      for (const t of r.tasks) taskDone.get(key(r.host, t.task))?.resolve(t);
      hostDone.get(r.host)?.resolve(r);
    },
  };
  return { observer, done };
}
