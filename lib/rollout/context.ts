// What every stage runner of a rollout shares: the cluster, the connections,
// the switchboard, the progress log, and the signal that says Ctrl-C.

import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import type { ChangeContext } from './change-hosts.js';
import type { DirectorsAccess } from './director-checks.js';
import { Interrupted } from './errors.js';
import type { Switchboard } from './switchboard.js';

export interface RolloutContext extends ChangeContext {
  inventoryFile: string;
  switchboard: Switchboard;
  /** one progress line: which host, what it waits on */
  log(line: string): void;
  /** aborted on SIGINT/SIGTERM: waits stop, the stage rolls back and undrains */
  signal: AbortSignal;
}

export function hostOf(cluster: Cluster, name: string): Host {
  const h = cluster.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`${name} is not a host of cluster ${cluster.name}`); // the plan names only the cluster's hosts: a bug
  return h;
}

export function directorsAccess(ctx: RolloutContext): DirectorsAccess {
  const directors = (ctx.cluster.groups[DIRECTORS] ?? []).map((d) => hostOf(ctx.cluster, d));
  return { cluster: ctx.cluster, directors, connect: ctx.connect, redact: ctx.redact };
}

export function checkSignal(ctx: RolloutContext, where: string): void {
  if (ctx.signal.aborted) throw new Interrupted(where);
}
