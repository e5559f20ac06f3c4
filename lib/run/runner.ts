// Runs a playbook over the selected hosts: up to `forks` hosts at once, each
// host's tasks in order, one SSH connection per host. An unreachable or
// failing host does not stop the others unless maxFail is reached.

import { randomBytes } from 'node:crypto';
import type { Cluster, Host } from '../inventory/types.js';
import { tasksFor, type Playbook } from '../playbook.js';
import { secretsRedactor } from './redactor.js';
import { ConnectionPool } from '../ssh/pool.js';
import { runHost } from './host-run.js';
import type { RunObserver } from './observer.js';
import type { HostReport, RunMode, RunReport } from './report.js';

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
  /** stop starting new hosts once this many have failed or were unreachable */
  maxFail?: number;
  observer: RunObserver;
}

export function newRunId(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z') + '-' + randomBytes(3).toString('hex');
}

export async function runPlaybook(o: RunOptions): Promise<RunReport> {
  const started = new Date();
  const runId = newRunId(started);
  const pool = new ConnectionPool(o.cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys });
  const queue = o.hosts.filter((h) => tasksFor(o.playbook, h).length > 0);
  const reports = new Map<string, HostReport>();
  let failures = 0;

  const worker = async () => {
    for (let host = queue.shift(); host; host = queue.shift()) {
      const tasks = tasksFor(o.playbook, host);
      if (o.maxFail !== undefined && failures >= o.maxFail) {
        const skipped: HostReport = { host: host.name, status: 'skipped', durationMs: 0, error: `not started: ${failures} host(s) failed (--max-fail ${o.maxFail})`,
          tasks: tasks.map((t) => ({ task: t.name, status: 'skipped', changes: [], notes: [] })) };
        o.observer.hostEnded(skipped);
        reports.set(host.name, skipped);
        continue;
      }
      const report = await runHost({
        ctx: { cluster: o.cluster, host }, tasks, connect: () => pool.get(host), mode: o.mode, runId,
        rollback: o.rollback, diff: o.diff, redact: secretsRedactor(o.cluster), observer: o.observer,
      });
      if (report.status === 'failed' || report.status === 'unreachable') failures++;
      reports.set(host.name, report);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.forks) }, worker));
  } finally {
    await pool.closeAll();
  }
  return {
    mode: o.mode, inventory: o.inventoryFile, cluster: o.cluster.name, startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    // inventory order, whatever order the hosts finished in
    hosts: o.hosts.map((h) => reports.get(h.name)).filter((r): r is HostReport => r !== undefined),
  };
}
