// What `deploy` (and a rollout) does about switches an earlier run left set
// (its record, switch-record.ts): drained real servers are undrained first
// (they were left out of the pool by a run that never finished; a drain by
// hand, `lvs-play drain`, is the operator's and stays); handovers
// are undone once the directors are converged, so a director that was left
// half-changed takes its VIPs back only with the inventory's config.
// nopreempt clusters' instance switches are cleared too (FAULTs first): no
// VIP moves back by itself there, so the wait is for every VIP held once.

import { UserError } from '../errors.js';
import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import { WriteSession } from '../lock/write-session.js';
import { secretsRedactor } from '../run/redactor.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import type { Transport } from '../ssh/transport.js';
import { type DirectorsAccess, homeOn, vipProbe } from './director-checks.js';
import { clearInstanceSwitches, heldOnceEverywhere } from './instance-moves.js';
import { keptDrain, readRecord, type SwitchRecordData } from './switch-record.js';
import { Switchboard } from './switchboard.js';
import { waitUntil } from './wait-until.js';

/**
 * Undrains what runs that did not finish left drained; a drain by hand
 * (`lvs-play drain`) stays, said once, unless its host is no longer a real
 * server of the inventory (it can be in no pool; its switch would only linger).
 */
export async function undrainRecorded(board: Switchboard, cluster: Cluster, log: (line: string) => void): Promise<void> {
  const realServers = cluster.groups[REALSERVERS] ?? [];
  for (const d of board.record.drains) {
    if (keptDrain(d, realServers)) {
      log(`${d.realServer}: stays drained on ${d.directors.join(', ')} (drained by hand since ${d.since}; lvs-play undrain puts it back)`);
      continue;
    }
    log(
      d.byHand
        ? `${d.realServer}: drained by hand since ${d.since}, and no longer a real server of the inventory: its drain switch removed on ${d.directors.join(', ')}`
        : `${d.realServer}: undraining on ${d.directors.join(', ')} (recorded as drained since ${d.since} by a run that did not finish)`,
    );
    await board.undrain([d.realServer], d.directors);
  }
}

export async function clearRecordedHandovers(
  board: Switchboard,
  access: { cluster: Cluster; connect(h: Host): Promise<Transport>; redact(s: string): string },
  log: (line: string) => void,
): Promise<void> {
  const directors = (access.cluster.groups[DIRECTORS] ?? []).map((d) => access.cluster.hosts.find((h) => h.name === d)!).filter(Boolean);
  const a: DirectorsAccess = { ...access, directors };
  const quiet = { log: (l: string) => log(`  ${l}`) };
  const left = board.record.handovers;
  if (left.some((h) => h.instance))
    log(
      `switches of single vrrp_instances left set since ${left.find((h) => h.instance)!.since}: clearing them (nopreempt: every VIP stays where it is)`,
    );
  await clearInstanceSwitches(board, a, left, { ...quiet, timeoutMs: 60_000 }, log);
  const { nopreempt, delay } = access.cluster.vrrp.preempt;
  for (const h of board.record.handovers.filter((x) => !x.instance)) {
    log(
      `${h.director}: its handover switch was left "${h.level}" since ${h.since}: ${nopreempt ? 'clearing it' : 'handing its VIPs back'}`,
    );
    await board.handover(h.director, 'normal');
    await waitUntil(
      {
        ...quiet,
        what: nopreempt ? 'for every VIP held by exactly one director' : `for ${h.director} to take back its VIPs`,
        // under preempt_delay the director takes them back only after the delay
        timeoutMs: 60_000 + delay * 1000,
      },
      vipProbe(a, nopreempt ? heldOnceEverywhere() : homeOn(access.cluster, h.director)),
    );
  }
}

/**
 * Plain `deploy`, inside its write session (the run locks on the hosts it
 * changes and on the directors): switches an interrupted run left set are
 * undone around it (drains before, handovers after a successful run). With
 * no record this reads one file and runs the deploy as it is.
 */
export async function deployWithSession(o: {
  cluster: Cluster;
  inventoryFile: string;
  hosts: Host[];
  acceptNewHostKeys: boolean;
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
  command: string;
  log(line: string): void;
  run(session: WriteSession): Promise<number>;
}): Promise<number> {
  const old = await readRecord(o.cluster.name);
  if (old) assertNotRunning(old, o.cluster.name);
  const recorded = old ? [...old.drains.flatMap((d) => d.directors), ...old.handovers.map((h) => h.director)] : [];
  const lockHosts = o.cluster.hosts.filter((h) => o.hosts.includes(h) || recorded.includes(h.name));
  const session = await WriteSession.open({
    cluster: o.cluster,
    command: o.command,
    acceptNewHostKeys: o.acceptNewHostKeys,
    routeGuard: o.routeGuard,
    hosts: lockHosts,
  });
  try {
    if (!old) return await o.run(session);
    const connect = (h: Host) => session.connect(h);
    const board = await Switchboard.open({
      cluster: o.cluster,
      inventoryFile: o.inventoryFile,
      runId: session.runId,
      command: o.command,
      connect,
    });
    await undrainRecorded(board, o.cluster, o.log);
    const code = await o.run(session);
    if (code === 0 && board.record.handovers.length)
      await clearRecordedHandovers(board, { cluster: o.cluster, connect, redact: secretsRedactor(o.cluster) }, o.log);
    return code;
  } finally {
    await session.close();
  }
}

/** A record whose process still runs is that run's, not a leftover. */
export function assertNotRunning(record: SwitchRecordData, cluster: string): void {
  if (record.pid === process.pid || !alive(record.pid)) return;
  throw new UserError(`another lvs-play run (pid ${record.pid}, ${record.command}) has switches set on cluster ${cluster}`, {
    hint: 'wait for it to finish; if that process is not lvs-play, remove the record named in the warning above',
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
