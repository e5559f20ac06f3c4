// Runs a playbook over the selected hosts: up to `forks` hosts at once, each
// host's tasks in order, one SSH connection per host. An unreachable or
// failing host does not stop the others unless maxFail is reached. A deploy
// runs inside a WriteSession (lib/lock/write-session.ts): its connections
// hold the run locks, and its run id names each host's journal.

import type { Cluster, Host } from '../inventory/types.js';
import type { WriteSession } from '../lock/write-session.js';
import { type Playbook, tasksFor } from '../playbook.js';
import { ConnectionPool } from '../ssh/pool.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import { runHost } from './host-run.js';
import { Journal } from './journal.js';
import type { RunObserver } from './observer.js';
import { secretsRedactor } from './redactor.js';
import type { HostReport, RunMode, RunReport } from './report.js';
import { stoppedBy } from './stop-on-interrupt.js';

export interface RunOptions {
  cluster: Cluster;
  inventoryFile: string;
  playbook: Playbook;
  hosts: Host[];
  mode: RunMode;
  forks: number;
  rollback: boolean;
  diff: boolean;
  acceptNewHostKeys: boolean;
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
  /** stop starting new hosts once this many have failed or were unreachable */
  maxFail?: number;
  observer: RunObserver;
  /** deploy: the session whose locks the run holds (the caller opens and closes it) */
  session?: WriteSession;
  /** without a session: connections the caller already started opening (a check's early start); the run closes it */
  pool?: ConnectionPool;
  /** aborted by Ctrl-C or SIGTERM (stop-on-interrupt.ts): no host is started any more; a deploy's hosts under way
   * stop and are put back, a check's reads under way are cut */
  stop?: AbortSignal;
}

export async function runPlaybook(o: RunOptions): Promise<RunReport> {
  const started = new Date();
  if (o.mode === 'deploy' && !o.session) throw new Error('runPlaybook: deploy needs a write session');
  const pool = o.session
    ? null
    : (o.pool ?? new ConnectionPool(o.cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys, routeGuard: o.routeGuard }));
  const connect = (h: Host) => (o.session ? o.session.connect(h) : pool!.get(h));
  const queue = o.hosts.filter((h) => tasksFor(o.playbook, h).length > 0);
  const reports = new Map<string, HostReport>();
  const redact = secretsRedactor(o.cluster);
  let failures = 0;
  // a deploy says it at once for each host under way (on a terminal, listr2 holds stderr until its last frame)
  const running = new Set<string>();
  const onStop = () => {
    // a check has nothing to finish or undo: its reads under way end now, their hosts reported as not checked
    if (o.mode === 'check') return void pool?.closeAll();
    for (const h of running) o.observer.note(h, `stopping (${String(o.stop!.reason)}): put back as it was once its running step ends`);
  };
  o.stop?.addEventListener('abort', onStop, { once: true });

  const worker = async () => {
    for (let host = queue.shift(); host; host = queue.shift()) {
      const tasks = tasksFor(o.playbook, host);
      const stopped = o.stop?.aborted === true;
      if (stopped || (o.maxFail !== undefined && failures >= o.maxFail)) {
        const skipped: HostReport = {
          host: host.name,
          status: 'skipped',
          durationMs: 0,
          error: `not started: ${stopped ? stoppedBy(o.stop!) : `${failures} host(s) failed (--max-fail ${o.maxFail})`}`,
          tasks: tasks.map((t) => ({ task: t.name, status: 'skipped', changes: [], notes: [] })),
        };
        o.observer.hostEnded(skipped);
        reports.set(host.name, skipped);
        continue;
      }
      const h = host;
      running.add(h.name);
      // one host's unexpected error fails that host, never the others' runs
      const report = await runHost({
        ctx: { cluster: o.cluster, host: h },
        tasks,
        connect: () => connect(h),
        mode: o.mode,
        journal: o.session ? new Journal(o.session.holder) : undefined,
        rollback: o.rollback,
        diff: o.diff,
        redact,
        observer: o.observer,
        stop: o.stop,
      }).catch((err: Error): HostReport => {
        const failed: HostReport = {
          host: h.name,
          status: 'failed',
          error: redact(err.message),
          durationMs: 0,
          tasks: tasks.map((t) => ({ task: t.name, status: 'skipped', changes: [], notes: [] })),
        };
        o.observer.hostEnded(failed);
        return failed;
      });
      running.delete(h.name);
      if (report.status === 'failed' || report.status === 'unreachable') failures++;
      reports.set(host.name, report);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.forks) }, worker));
  } finally {
    o.stop?.removeEventListener('abort', onStop);
    await pool?.closeAll();
  }
  return {
    mode: o.mode,
    inventory: o.inventoryFile,
    cluster: o.cluster.name,
    startedAt: started.toISOString(),
    ...(o.session ? { runId: o.session.runId } : {}),
    durationMs: Date.now() - started.getTime(),
    // inventory order, whatever order the hosts finished in
    hosts: o.hosts.map((h) => reports.get(h.name)).filter((r): r is HostReport => r !== undefined),
  };
}
