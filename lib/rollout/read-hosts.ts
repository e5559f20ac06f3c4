// Reads what the planner needs, one round trip per host (as `check` does):
// every fact the host's tasks declare, plus the keepalived.conf a director
// runs, and the same tasks' diff() over them. Directors are always read,
// even outside --limit: the gates and handovers involve them all.

import { executablesFact } from '../facts/executables.js';
import { type FileState, fileFact } from '../facts/file.js';
import { interfacesFact } from '../facts/interfaces.js';
import { canonicalIp } from '../inventory/address.js';
import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import { describeHolder } from '../lock/holder.js';
import { type Playbook, tasksFor } from '../playbook.js';
import { KEEPALIVED_CONF_PATH } from '../render/host-files.js';
import { renderKeepalivedConf } from '../render/keepalived-conf.js';
import { gatherFacts } from '../run/gather.js';
import { hostRunsFact, othersInterrupted } from '../run/journals-fact.js';
import type { Transport } from '../ssh/transport.js';
import type { Step } from '../tasks/step.js';
import type { HostRole, HostState, PendingChange } from './plan/types.js';

const KEEPALIVED_UNIT = 'keepalived.service';
/** nopreempt handovers silence a VIP's holder with nft (render/quiet-adverts.ts) */
const NFT = '/usr/sbin/nft';
const nftFact = executablesFact([NFT]);

export function roleOf(cluster: Cluster, host: string): HostRole {
  if ((cluster.groups[DIRECTORS] ?? []).includes(host)) return 'director';
  if ((cluster.groups[REALSERVERS] ?? []).includes(host)) return 'realserver';
  return 'other';
}

/** A host's state, and the journals of runs interrupted there (not `ownRunId`'s). */
export async function readHost(
  cluster: Cluster,
  playbook: Playbook,
  host: Host,
  connect: () => Promise<Transport>,
  redact: (s: string) => string,
  ownRunId: string | null = null,
): Promise<HostState> {
  const role = roleOf(cluster, host.name);
  const base: HostState = { host: host.name, role, changes: [], installs: [], restartsKeepalived: false, startsKeepalived: false };
  const tasks = tasksFor(playbook, host);
  const confFact = fileFact(KEEPALIVED_CONF_PATH);
  let values: Awaited<ReturnType<typeof gatherFacts>>;
  try {
    const transport = await connect();
    values = await gatherFacts(transport, [
      hostRunsFact,
      ...tasks.flatMap((t) => t.facts({ cluster, host })),
      ...(role === 'director' ? [confFact] : []),
      // nopreempt: each VIP goes back where it is now, not to its MASTER
      ...(role === 'director' && cluster.vrrp.preempt.nopreempt ? [interfacesFact, nftFact] : []),
    ]);
  } catch (err) {
    return { ...base, error: redact(`could not be read: ${(err as Error).message}`) };
  }
  const runs = values.get(hostRunsFact);
  const leftovers = othersInterrupted(runs, ownRunId);
  if (leftovers.length) base.interrupted = leftovers;
  if (runs.lockedBy && runs.lockedBy.runId !== ownRunId) base.runInProgress = describeHolder(runs.lockedBy);
  const changes: PendingChange[] = [];
  const steps: Step[] = [];
  for (const task of tasks) {
    try {
      for (const c of task.diff({ cluster, host }, values).changes) {
        changes.push({ task: task.name, summary: redact(c.summary) });
        steps.push(...c.steps);
      }
    } catch (err) {
      return { ...base, changes, error: redact(`${task.name}: ${(err as Error).message}`) };
    }
  }
  const state: HostState = {
    ...base,
    changes,
    installs: steps.flatMap((s) => (s.kind === 'install' ? s.packages : [])),
    restartsKeepalived: steps.some((s) => s.kind === 'service' && s.unit === KEEPALIVED_UNIT && s.action === 'restart'),
    startsKeepalived: steps.some((s) => s.kind === 'service' && s.unit === KEEPALIVED_UNIT && s.action === 'start'),
  };
  if (role === 'director') {
    const file: FileState = values.get(confFact);
    state.keepalivedConf = { current: file.exists ? file.content : null, next: renderKeepalivedConf(cluster, host.name) };
    if (cluster.vrrp.preempt.nopreempt) {
      // held: on an interface other than lo, as verify and the rollout's waits read it
      const held = new Set(
        values
          .get(interfacesFact)
          .filter((i) => i.name !== 'lo')
          .flatMap((i) => i.addresses.map((a) => canonicalIp(a.address) ?? a.address)),
      );
      state.vips = cluster.vips.map((v) => v.address).filter((v) => held.has(canonicalIp(v) ?? v));
      state.nft = values.get(nftFact)[NFT] === true;
    }
  }
  return state;
}
