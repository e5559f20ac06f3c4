// Progress as a live listr2 tree (hosts, then their tasks) on a terminal.
// The runner does the work; each listr task only waits for the runner's
// event about it, so listr2 draws and never decides anything.

import { Listr, type ListrTask } from 'listr2';
import type { Host } from '../inventory/types.js';
import type { RunObserver } from '../run/observer.js';
import type { RunMode, TaskReport } from '../run/report.js';

class Deferred<T> {
  resolve!: (v: T) => void;
  readonly promise = new Promise<T>((r) => {
    this.resolve = r;
  });
}

export function listrObserver(hosts: { host: Host; tasks: string[] }[], mode: RunMode): { observer: RunObserver; done: Promise<void> } {
  const changed = mode === 'check' ? 'drift' : 'changed';
  const taskDone = new Map<string, Deferred<TaskReport>>();
  const hostTitle = new Map<string, (title: string) => void>();
  const key = (h: string, t: string) => `${h}\u0000${t}`;
  for (const { host, tasks } of hosts) for (const t of tasks) taskDone.set(key(host.name, t), new Deferred());

  // subtasks are returned (not run) so listr2 draws them under their host
  const listrTasks: ListrTask[] = hosts.map(({ host, tasks }) => ({
    title: host.name,
    task: (_ctx, hostTask) => {
      hostTitle.set(host.name, (title) => {
        hostTask.title = title;
      });
      return hostTask.newListr(
        tasks.map((name) => ({
          title: name,
          task: async (_c, t) => {
            const r = await taskDone.get(key(host.name, name))!.promise;
            if (r.status === 'failed' || r.status === 'unreachable') throw new Error(`${name}: ${r.error ?? r.status}`);
            if (r.status === 'skipped') {
              t.skip(`${name}: skipped`);
              return;
            }
            t.title = r.status === 'changed' ? `${name}: ${changed} (${r.changes.map((c) => c.summary).join('; ')})` : `${name}: ok`;
          },
        })),
        { concurrent: false, exitOnError: true },
      );
    },
  }));

  const listr = new Listr(listrTasks, {
    concurrent: true,
    exitOnError: false,
    // listr2's own Ctrl-C handler exits at once (127), in the middle of a change: lvs-play stops a run itself
    // (lib/run/stop-on-interrupt.ts, a rollout's interrupt.ts)
    registerSignalListeners: false,
    rendererOptions: { collapseSubtasks: false, collapseErrors: false },
  });
  const done = listr.run().then(
    () => undefined,
    () => undefined,
  );

  const observer: RunObserver = {
    hostStarted() {},
    taskStarted() {},
    taskEnded(host, r) {
      taskDone.get(key(host, r.task))?.resolve(r);
    },
    rollbackStarted(host) {
      hostTitle.get(host)?.(`${host}: rolling back`);
    },
    note(host, line) {
      hostTitle.get(host)?.(`${host}: ${line}`);
    },
    hostEnded(r) {
      // tasks never reached (unreachable host) end with the host, carrying its error
      for (const t of r.tasks) taskDone.get(key(r.host, t.task))?.resolve(r.status === 'unreachable' ? { ...t, error: r.error } : t);
      if (r.rolledBack) hostTitle.get(r.host)?.(`${r.host}: failed, rolled back ${r.rolledBack.length} change(s)`);
    },
  };
  return { observer, done };
}
