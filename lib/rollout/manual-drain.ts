// `lvs-play drain` and `lvs-play undrain`: the rollout's drain switch by
// hand, e.g. to take a real server out for maintenance or to watch a drain
// under traffic. A drain is recorded (switch-record.ts) like a rollout's, so
// every command warns about it until `undrain` (or a deploy) clears it.

import { UserError } from '../errors.js';
import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import { WriteSession } from '../lock/write-session.js';
import { secretsRedactor } from '../run/redactor.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import type { Transport } from '../ssh/transport.js';
import { type DirectorsAccess, viewAll } from './director-checks.js';
import { type DrainStop, stopDrainOnInterrupt } from './drain-interrupt.js';
import { HealthCheckFailed, Interrupted, SwitchFailed, WaitTimeout } from './errors.js';
import { drainSwitchesOn, outOfPool } from './out-of-pool.js';
import { checkCapacity, connectionsProbe, tablesUnreadable, weightsProbe } from './realserver-checks.js';
import type { DrainEntry } from './switch-record.js';
import { Switchboard } from './switchboard.js';
import { waitUntil } from './wait-until.js';

export interface ManualDrainOptions {
  cluster: Cluster;
  inventoryFile: string;
  /** real-server host names; undrain: empty means every recorded one */
  hosts: string[];
  undrain: boolean;
  waitMs: number;
  acceptNewHostKeys: boolean;
  /** drain even when a service would be left with no real server answering its health check */
  force?: boolean;
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
  command: string;
  log(line: string): void;
}

/** `recorded`: for undrain, the hosts the record lists as drained (one the inventory no longer has can still be undrained). */
export function checkRealServers(cluster: Cluster, hosts: string[], recorded: string[] = []): void {
  const members = cluster.groups[REALSERVERS] ?? [];
  const bad = hosts.filter((h) => !members.includes(h) && !recorded.includes(h));
  if (bad.length)
    throw new UserError(`not a real server of cluster ${cluster.name}: ${bad.join(', ')}`, { hint: `real servers: ${members.join(', ')}` });
}

/**
 * Refuses a drain that would leave a service with no real server answering
 * its health check (the others down, or drained already), before anything is
 * recorded or set: a drain by hand must not be how a site goes down. Asked
 * from the first director that answers: with one director down, the drain
 * on the others is what the operator needs most.
 */
async function checkLeftServing(
  o: ManualDrainOptions,
  drained: string[],
  directors: Host[],
  connect: (h: Host) => Promise<Transport>,
): Promise<void> {
  const { host: from, transport } = await firstAnswering(directors, connect);
  // the directors' own switches too: a drain from another control machine is not in this machine's record
  const out = outOfPool(drained, await drainSwitchesOn(directors, connect), o.hosts);
  try {
    const kept = await checkCapacity(o.cluster, transport, o.hosts, out);
    if (kept.length) o.log(`${kept.join('; ')} (asked from ${from.name})`);
  } catch (err) {
    if (!(err instanceof HealthCheckFailed)) throw err;
    if (!o.force)
      throw new UserError(`drain refused, nothing drained: ${err.message}`, {
        hint: `put another real server back in the pool first (a drained one: lvs-play undrain ${o.inventoryFile} HOST), or --force to drain anyway`,
      });
    o.log(`--force: draining anyway: ${err.message}`);
  }
}

async function firstAnswering(hosts: Host[], connect: (h: Host) => Promise<Transport>): Promise<{ host: Host; transport: Transport }> {
  const errors: string[] = [];
  for (const host of hosts) {
    try {
      return { host, transport: await connect(host) };
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  throw new UserError(`drain refused, nothing drained: no director answers: ${errors.join('; ')}`);
}

/**
 * A switch set (or cleared) on some directors only: what is true on which
 * director, and what the operator does next. The record still lists every
 * director it could not be cleared on (it never says less than is set);
 * `drains`, the record after the undrain, tells those from directors it
 * never listed the server on, where its state is unknown.
 */
function incomplete(err: unknown, o: ManualDrainOptions, hosts: string[], directors: string[], drains: DrainEntry[] = []): unknown {
  if (!(err instanceof SwitchFailed)) return err;
  const done = directors.filter((d) => !err.hosts.includes(d));
  const them = hosts.join(', ');
  const where = done.length ? `on ${done.join(', ')} only` : 'on no director';
  if (o.undrain) {
    o.log(`undrained ${them} ${where}; ${notCleared(hosts, err.hosts, drains)}`);
    return new UserError(`undrain incomplete: ${err.message}`, {
      hint: `lvs-play undrain ${o.inventoryFile} ${hosts.join(' ')} again once ${err.hosts.join(', ')} answer${err.hosts.length === 1 ? 's' : ''}`,
    });
  }
  o.log(
    `drained ${them} ${where}; NOT on ${err.hosts.join(', ')}: a VIP held there still sends ${hosts.length === 1 ? 'it' : 'them'} new connections`,
  );
  return new UserError(`drain incomplete: ${err.message}`, {
    hint: `lvs-play drain ${o.inventoryFile} ${hosts.join(' ')} again once ${err.hosts.join(', ')} answer${err.hosts.length === 1 ? 's' : ''}, or lvs-play undrain ${o.inventoryFile} ${hosts.join(' ')} to put ${hosts.length === 1 ? 'it' : 'them'} back everywhere`,
  });
}

/**
 * What an undrain left on the directors it did not reach, per server: still
 * drained where the record lists it (it keeps the entry), unknown where it
 * does not (another machine's drain, or none).
 */
export function notCleared(hosts: string[], failed: string[], drains: DrainEntry[]): string {
  const parts = hosts.map((h) => {
    const listed = drains.find((d) => d.realServer === h)?.directors ?? [];
    const recorded = failed.filter((d) => listed.includes(d));
    const unknown = failed.filter((d) => !listed.includes(d));
    return { h, recorded: recorded.join(', '), unknown: unknown.join(', ') };
  });
  const same = parts.every((p) => p.recorded === parts[0]!.recorded && p.unknown === parts[0]!.unknown);
  const say = (p: (typeof parts)[number], who: string) =>
    [
      p.recorded && `${who}still drained on ${p.recorded} (recorded)`,
      p.unknown &&
        `${who}not cleared on ${p.unknown}, where this machine's record lists no drain of ${who ? 'it' : hosts.length === 1 ? 'it' : 'them'} (drained there or not: unknown)`,
    ]
      .filter(Boolean)
      .join('; ');
  return same ? say(parts[0]!, '') : parts.map((p) => say(p, `${p.h} `)).join('; ');
}

/**
 * Returns the exit code: 0 done (including "not observable here"), 1 a
 * director failed or the weights did not come back, 130/143 stopped by
 * SIGINT/SIGTERM (drain-interrupt.ts).
 */
export async function manualDrain(o: ManualDrainOptions): Promise<number> {
  const stop = stopDrainOnInterrupt(o.log, o.undrain);
  try {
    return await drainOrUndrain(o, stop);
  } finally {
    stop.off();
  }
}

async function drainOrUndrain(o: ManualDrainOptions, stop: DrainStop): Promise<number> {
  const directors = o.cluster.groups[DIRECTORS] ?? [];
  const directorHosts = o.cluster.hosts.filter((h) => directors.includes(h.name));
  // the switches live on the directors: those are the hosts this run changes, and locks
  const session = await WriteSession.open({
    cluster: o.cluster,
    command: o.command,
    acceptNewHostKeys: o.acceptNewHostKeys,
    routeGuard: o.routeGuard,
    hosts: directorHosts,
  });
  try {
    const connect = (h: Host) => session.connect(h);
    const access: DirectorsAccess = { cluster: o.cluster, directors: directorHosts, connect, redact: secretsRedactor(o.cluster) };
    const board = await Switchboard.open({
      cluster: o.cluster,
      inventoryFile: o.inventoryFile,
      runId: session.runId,
      command: o.command,
      connect,
    });
    const hosts = o.undrain && o.hosts.length === 0 ? board.drained : o.hosts;
    if (hosts.length === 0) {
      o.log('nothing is recorded as drained');
      return 0;
    }
    checkRealServers(o.cluster, hosts, o.undrain ? board.drained : []);
    const views = () => viewAll(access, true);
    if (o.undrain) {
      stop.phase('switching');
      await board.undrain(hosts, directors).catch((err) => {
        throw incomplete(err, o, hosts, directors, board.record.drains);
      });
      o.log(`undrained ${hosts.join(', ')} on ${directors.join(', ')}`);
    } else {
      await checkLeftServing(o, board.drained, directorHosts, connect);
      stop.phase('switching');
      await board.drain(hosts, directors, { byHand: true }).catch((err) => {
        throw incomplete(err, o, hosts, directors);
      });
      o.log(
        `drained ${hosts.join(', ')} on ${directors.join(', ')} (recorded; lvs-play undrain ${o.inventoryFile} ${hosts.join(' ')} puts ${hosts.length === 1 ? 'it' : 'them'} back)`,
      );
    }
    stop.phase('waiting');
    const stopped = () => {
      o.log(
        o.undrain
          ? `${stop.by}: stopped; ${hosts.join(', ')} undrained on ${directors.join(', ')}, the inventory's weights not confirmed`
          : `${stop.by}: stopped; ${hosts.join(', ')} stay${hosts.length === 1 ? 's' : ''} drained on ${directors.join(', ')} (recorded; lvs-play undrain ${o.inventoryFile} ${hosts.join(' ')} puts ${hosts.length === 1 ? 'it' : 'them'} back)`,
      );
      return stop.code;
    };
    if (stop.signal.aborted) return stopped();
    const unreadable = tablesUnreadable(o.cluster, await views());
    if (unreadable) {
      o.log(`${o.undrain ? 'weights' : 'connections'} not observable: ${unreadable}`);
      return 0;
    }
    if (o.waitMs === 0) return 0;
    const probe = o.undrain ? weightsProbe(o.cluster, views, hosts, directors) : connectionsProbe(o.cluster, views, hosts);
    try {
      await waitUntil(
        {
          what: o.undrain ? "for the inventory's weights" : 'for active connections to reach zero',
          timeoutMs: o.waitMs,
          log: o.log,
          intervalMs: 500,
          signal: stop.signal,
        },
        probe,
      );
    } catch (err) {
      if (err instanceof Interrupted) return stopped();
      if (!(err instanceof WaitTimeout)) throw err;
      o.log(err.message);
      return o.undrain ? 1 : 0; // a drain still finishing is not an error: the switch is set
    }
    return 0;
  } finally {
    await session.close();
  }
}
