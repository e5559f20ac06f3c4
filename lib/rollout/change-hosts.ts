// A rollout's "change" step: the deploy engine's own host run (gather, diff,
// apply with journal, re-diff, roll back on failure), with a journal the
// rollout keeps, so a host whose change went through can still be rolled
// back when a later wait of its stage fails.

import type { Cluster, Host } from '../inventory/types.js';
import type { LockHolder } from '../lock/holder.js';
import { type Playbook, tasksFor } from '../playbook.js';
import { runHost } from '../run/host-run.js';
import { Journal } from '../run/journal.js';
import type { RunObserver } from '../run/observer.js';
import type { HostReport } from '../run/report.js';
import { removeJournal, rollbackRun } from '../run/rollback.js';
import type { Transport } from '../ssh/transport.js';

export interface ChangeContext {
  cluster: Cluster;
  playbook: Playbook;
  runId: string;
  /** the run (its write session's holder): each host's journal records it */
  holder: LockHolder;
  connect(h: Host): Promise<Transport>;
  redact(s: string): string;
  observer: RunObserver;
  /** false: --no-rollback */
  rollback: boolean;
}

/** A host this run changed: its report and what undoes it. */
export interface Changed {
  host: Host;
  report: HostReport;
  journal: Journal;
}

export async function changeHosts(ctx: ChangeContext, hosts: Host[]): Promise<Changed[]> {
  return Promise.all(
    hosts.map(async (host) => {
      const journal = new Journal(ctx.holder);
      const report = await runHost({
        ctx: { cluster: ctx.cluster, host },
        tasks: tasksFor(ctx.playbook, host),
        connect: () => ctx.connect(host),
        mode: 'deploy',
        rollback: ctx.rollback,
        diff: false,
        redact: ctx.redact,
        observer: ctx.observer,
        journal,
        keepJournal: true,
      });
      return { host, report, journal };
    }),
  );
}

export const failed = (c: Changed) => c.report.status === 'failed' || c.report.status === 'unreachable';
/** runHost already rolled it back (or was told not to) */
export const settledByRunHost = (c: Changed) => failed(c);

/** Undoes a host's changes of this run that runHost kept (a later step failed); returns what was undone. */
export async function rollBackChanged(ctx: ChangeContext, c: Changed): Promise<{ undone: string[]; failed: string[] }> {
  if (settledByRunHost(c) || c.journal.entries.length === 0) return { undone: [], failed: [] };
  const transport = await ctx.connect(c.host);
  ctx.observer.rollbackStarted(c.host.name);
  const r = await rollbackRun(transport, c.journal.runId);
  c.journal.entries.length = 0;
  return r;
}

/** The journal's folder on the host, once the host's change is final. */
export async function forgetChanged(ctx: ChangeContext, c: Changed): Promise<void> {
  if (settledByRunHost(c) || c.journal.entries.length === 0) return;
  await removeJournal(await ctx.connect(c.host), c.journal.runId).catch(() => undefined);
}
