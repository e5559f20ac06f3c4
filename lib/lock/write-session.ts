// A run that changes hosts (deploy, rollout, drain, undrain, recover) works
// through a WriteSession: one run id, one connection per host, and the run
// locks. The cluster's lock on this machine is taken first, then every host
// the run will touch; only then does anything change. A second write run on
// the same cluster finds a lock taken and stops at once, naming the first.
//
// Each host's lock lives on that host's connection: connect() gives a
// transport only while this run holds the host's lock on it, taking it again
// after a reconnect (a rollback after the connection was cut).

import { homedir } from 'node:os';
import { join } from 'node:path';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import { ConnectionPool } from '../ssh/pool.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import type { Held, Transport } from '../ssh/transport.js';
import { type LockHolder, thisProcessHolder } from './holder.js';
import { localExec, localHold } from './local-shell.js';
import { controlLock, HOST_LOCK, parseHolderLine, readHolderCommand } from './lock-commands.js';
import { newRunId } from './run-id.js';
import { LockHeld, takeLock } from './take-lock.js';

export interface WriteSessionOptions {
  cluster: Cluster;
  /** the command line, for the holder record */
  command: string;
  acceptNewHostKeys: boolean;
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
  /** the hosts the run will change; locked before it starts */
  hosts: Host[];
  /** the control machine's lock folder; default LVS_PLAY_LOCK_DIR or /run/lvs-play/control */
  controlDir?: string;
}

/**
 * The control machine's lock folder: LVS_PLAY_LOCK_DIR if set; for root
 * /run/lvs-play/control; for another user (lvs-play run with sudo on the
 * hosts) a folder of their own, $XDG_RUNTIME_DIR/lvs-play/control or
 * ~/.cache/lvs-play/control: it keeps that user's runs apart, and the hosts'
 * locks keep every user's runs apart.
 */
export function controlLockDir(env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.() ?? 0): string {
  if (env.LVS_PLAY_LOCK_DIR) return env.LVS_PLAY_LOCK_DIR;
  if (uid === 0) return '/run/lvs-play/control';
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'lvs-play/control') : join(homedir(), '.cache/lvs-play/control');
}

interface HostLock {
  transport: Transport;
  held: Promise<Held>;
  lost: boolean;
}

export class WriteSession {
  readonly runId: string;
  readonly holder: LockHolder;
  readonly pool: ConnectionPool;
  readonly #cluster: Cluster;
  readonly #control: Held;
  readonly #locks = new Map<string, HostLock>();
  #closed = false;

  private constructor(cluster: Cluster, holder: LockHolder, pool: ConnectionPool, control: Held) {
    this.#cluster = cluster;
    this.runId = holder.runId;
    this.holder = holder;
    this.pool = pool;
    this.#control = control;
  }

  static async open(o: WriteSessionOptions): Promise<WriteSession> {
    const holder = thisProcessHolder({ runId: newRunId(), cluster: o.cluster.name, command: o.command });
    const control = await takeLock(
      { exec: localExec, hold: localHold },
      controlLock(o.cluster.name, o.controlDir ?? controlLockDir()),
      holder,
      `cluster ${o.cluster.name} (this machine's lock)`,
    );
    const session = new WriteSession(
      o.cluster,
      holder,
      new ConnectionPool(o.cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys, routeGuard: o.routeGuard }),
      control,
    );
    try {
      await session.#lockAll(o.hosts);
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /**
   * The cluster's first director is locked first, alone: two runs started at
   * once from two machines meet there, and exactly one goes on. Then every
   * other host at once. A host that cannot be reached is left to the run,
   * which reports it; a host locked by another run stops this one.
   */
  async #lockAll(hosts: Host[]): Promise<void> {
    const firstDirector = (this.#cluster.groups[DIRECTORS] ?? [])[0];
    const arbiter = this.#cluster.hosts.find((h) => h.name === firstDirector);
    const attempt = async (h: Host) => {
      try {
        await this.connect(h);
      } catch (err) {
        if (err instanceof LockHeld) throw err;
      }
    };
    // the handshakes need not wait for the arbiter: a connection changes
    // nothing and takes no lock; only the locks keep that order. A host that
    // fails here fails again in attempt(), from the pool.
    for (const h of arbiter ? [arbiter, ...hosts] : hosts) this.pool.get(h).catch(() => undefined);
    if (arbiter) await attempt(arbiter);
    const results = await Promise.allSettled(hosts.filter((h) => h !== arbiter).map(attempt));
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (refused) throw refused.reason;
  }

  /** The host's connection, with this run's lock on the host held on it. */
  async connect(host: Host): Promise<Transport> {
    if (this.#closed) throw new Error('the write session is closed');
    const transport = await this.pool.get(host);
    const known = this.#locks.get(host.name);
    if (known && known.transport === transport && !known.lost) {
      await known.held;
      return transport;
    }
    const entry: HostLock = { transport, lost: false, held: takeLock(transport, HOST_LOCK, this.holder, host.name) };
    this.#locks.set(host.name, entry);
    entry.held.then(
      (h) =>
        h.ended.then(() => {
          entry.lost = true;
        }),
      () => {
        if (this.#locks.get(host.name) === entry) this.#locks.delete(host.name);
      },
    );
    await entry.held;
    return transport;
  }

  /** Releases every lock (hosts first) and closes the connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#locks.values()].map(async (l) => (await l.held).release()));
    await this.pool.closeAll();
    await this.#control.release();
  }
}

/** Says whether a write run holds the cluster on this machine, for read-only commands' notes. */
export async function controlHolderLine(cluster: string, controlDir = controlLockDir()): Promise<string | null> {
  const r = await localExec(readHolderCommand(controlLock(cluster, controlDir))).catch(() => null);
  if (!r) return null;
  const h = parseHolderLine(r.stdout);
  return h.state === 'held' ? h.line : null;
}
