// Progress as a live listr2 tree (hosts, then their tasks) on a terminal.
// The runner does the work; each listr task only waits for the runner's
// event about it, so listr2 draws and never decides anything.

import { Listr, ListrLogger, type ListrTask, ProcessOutput, Spinner } from 'listr2';
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

  // with --forks below the host count, a host waits for its turn: said on its line, its tasks drawn once it starts
  const hostStart = new Map(hosts.map(({ host }) => [host.name, new Deferred<void>()]));
  const started = new Set<string>();
  // hosts the run ended without starting them (a stop, --max-fail), and why: drawn skipped, without their tasks
  const endedUnstarted = new Map<string, string>();
  // what is said about a host before listr2 has run its task, shown once it has
  const saidEarly = new Map<string, string>();
  const setTitle = (host: string, title: string) => {
    const set = hostTitle.get(host);
    if (set) set(title);
    else saidEarly.set(host, title);
  };

  // subtasks are returned (not run) so listr2 draws them under their host
  const listrTasks: ListrTask[] = hosts.map(({ host, tasks }) => ({
    title: host.name,
    task: async (_ctx, hostTask) => {
      hostTitle.set(host.name, (title) => {
        hostTask.title = title;
      });
      const early = saidEarly.get(host.name);
      if (early !== undefined) hostTask.title = early;
      else if (!started.has(host.name)) hostTask.title = `${host.name}: waiting for its turn (--forks)`;
      await hostStart.get(host.name)!.promise;
      const notStarted = endedUnstarted.get(host.name);
      if (notStarted !== undefined) return hostTask.skip(`${host.name}: ${notStarted}`);
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

  // held here so that a process that exits while the tree is drawn can end the drawing (endOnExit)
  const output = new ProcessOutput();
  const spinner = new Spinner();
  const listr = new Listr(listrTasks, {
    concurrent: true,
    exitOnError: false,
    // listr2's own Ctrl-C handler exits at once (127), in the middle of a change: lvs-play stops a run itself
    // (lib/run/stop-on-interrupt.ts, a rollout's interrupt.ts)
    registerSignalListeners: false,
    rendererOptions: {
      collapseSubtasks: false,
      collapseErrors: false,
      spinner,
      logger: new ListrLogger({ useIcons: true, toStderr: [], processOutput: output }),
    },
  });
  // the hosts started and not ended, named if the process exits under the tree
  const unfinished = new Set<string>();
  // listr2 hides the cursor and holds stdout and stderr while it draws. A process that exits before the tree ends
  // (a second Ctrl-C) would leave the shell without a cursor and lose what was held: the drawing ends first
  // ('exit' listeners run synchronously, and so do these writes to a terminal).
  const endOnExit = () => {
    for (const host of unfinished) setTitle(host, `${host}: ${interruptedTitle(mode)}`);
    spinner.stop();
    output.release(); // also when listr2 has not taken the output yet: the cursor is shown, nothing else changes
  };
  process.once('exit', endOnExit);
  const done = listr
    .run()
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => process.off('exit', endOnExit));

  const observer: RunObserver = {
    hostStarted(host) {
      unfinished.add(host);
      started.add(host);
      setTitle(host, host);
      hostStart.get(host)?.resolve();
    },
    taskStarted() {},
    taskEnded(host, r) {
      taskDone.get(key(host, r.task))?.resolve(r);
    },
    rollbackStarted(host) {
      setTitle(host, `${host}: rolling back`);
    },
    note(host, line) {
      setTitle(host, `${host}: ${line}`);
    },
    hostEnded(r) {
      unfinished.delete(r.host);
      if (!started.has(r.host)) endedUnstarted.set(r.host, r.error ?? 'not started');
      started.add(r.host);
      hostStart.get(r.host)?.resolve();
      // tasks never reached (unreachable host) end with the host, carrying its error
      for (const t of r.tasks) taskDone.get(key(r.host, t.task))?.resolve(r.status === 'unreachable' ? { ...t, error: r.error } : t);
      if (r.rolledBack) setTitle(r.host, `${r.host}: failed, rolled back ${r.rolledBack.length} change(s)`);
      // not started or not finished (a stop, --max-fail): said on the host, whose tasks only show "skipped"
      else if (r.status === 'skipped' && r.error) setTitle(r.host, `${r.host}: ${r.error}`);
    },
  };
  return { observer, done };
}

/** A host under way when lvs-play exited before the run's end. */
function interruptedTitle(mode: RunMode): string {
  return mode === 'check'
    ? 'not checked: lvs-play exited'
    : "lvs-play exited here: the host's journal keeps this run's changes (lvs-play recover undoes them)";
}
