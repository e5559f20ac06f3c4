// One SSH connection per host for a whole run, opened on first use and
// shared by every task. Handshakes in flight to one sshd are capped (sshd's
// MaxStartups 10:30:100 starts dropping new connections beyond 10
// unauthenticated ones); the cap is per sshd (where the connection goes, and
// through which jump host), so hosts with sshds of their own handshake in
// parallel up to --forks, as OpenSSH clients would.
// A connection sshd drops before its banner anyway is tried again after a
// short random pause: sshd counts a connection as unauthenticated for a moment
// after the client is in, so a cap below MaxStartups narrows the race but
// cannot close it on a busy server. Jump hosts are connected first, once, and
// shared by their targets.

import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import { droppedBeforeHandshake } from './connect-errors.js';
import { resolveJumpHost } from './jump.js';
import { Semaphore } from './semaphore.js';
import { sshAddress } from './ssh-address.js';
import { type ConnectOptions, connect, type KeyFileCache, SshTransport, type Transport } from './transport.js';

export interface PoolOptions extends Omit<ConnectOptions, 'jump'> {
  /** SSH handshakes in flight at once to one sshd (one address and port, reached directly or through one jump host);
   * default 8, below OpenSSH's MaxStartups 10 */
  maxHandshakes?: number;
  /** pauses before each new try of a connection dropped before the SSH handshake (each 50-100% of its value, at
   * random, so a burst does not come back at once); default DEFAULT_HANDSHAKE_RETRY_DELAYS_MS, [] never tries again */
  handshakeRetryDelaysMs?: readonly number[];
}

export const DEFAULT_MAX_HANDSHAKES = 8;
/** three more tries within about 1.75 s at most: a MaxStartups burst clears in well under that */
export const DEFAULT_HANDSHAKE_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000];

interface Entry {
  promise: Promise<Transport>;
  transport: Transport | null; // once connected
  jumpKey: string | null; // the entry this one connects through
}

export class ConnectionPool {
  readonly #hosts: readonly Host[];
  readonly #options: PoolOptions;
  /** one cap per sshd, by handshakeTarget */
  readonly #handshakes = new Map<string, Semaphore>();
  readonly #entries = new Map<string, Entry>();
  /** aborted by closeAll (the pool is closed from then on): a handshake still in flight is abandoned, not waited for */
  readonly #closing = new AbortController();
  /** each private key file read and parsed once for all the pool's connections */
  readonly #keyFiles: KeyFileCache = new Map();

  /** hosts: the cluster's hosts, where a jumpHost naming an inventory host is found */
  constructor(hosts: readonly Host[] = [], options: PoolOptions = {}) {
    this.#hosts = hosts;
    this.#options = options;
    // each handshake in flight listens to it, up to --forks of them: past 10, node would print a leak warning
    setMaxListeners(0, this.#closing.signal);
  }

  /** The host's connection, opened on first use. A host that failed to
   * connect fails again at once for the rest of the run; a connection that
   * was lost is opened again. */
  get(host: Host): Promise<Transport> {
    return this.#get(host, []);
  }

  #get(host: Host, via: string[]): Promise<Transport> {
    const key = keyOf(host);
    if (this.#closing.signal.aborted) return Promise.reject(new HostError(host.name, 'the connection pool is closed'));
    if (via.includes(key)) {
      const names = [...via, key].map((k) => k.split('\0')[0]).join(' -> ');
      return Promise.reject(
        new HostError(host.name, `ssh.jumpHost goes round in a circle: ${names}`, {
          hint: 'one of these hosts must be reachable without a jump host',
        }),
      );
    }
    const existing = this.#entries.get(key);
    if (existing && !(existing.transport instanceof SshTransport && existing.transport.closed)) return existing.promise;

    const entry = { transport: null, jumpKey: null } as Entry;
    entry.promise = (async () => {
      const jumpHost = resolveJumpHost(host, this.#hosts);
      let jump: Transport | null = null;
      if (jumpHost) {
        entry.jumpKey = keyOf(jumpHost);
        try {
          jump = await this.#get(jumpHost, [...via, key]);
        } catch (err) {
          const reason =
            err instanceof HostError && err.host === jumpHost.name ? err.message.slice(jumpHost.name.length + 2) : (err as Error).message;
          throw new HostError(host.name, `cannot connect to ${host.name} through jump host ${jumpHost.name}: ${reason}`, {
            hint: (err as HostError).hint,
            cause: err,
          });
        }
      }
      const transport = await this.#connect(host, jump, this.#capOf(handshakeTarget(host, entry.jumpKey)));
      entry.transport = transport;
      return transport;
    })();
    this.#entries.set(key, entry);
    return entry.promise;
  }

  /** One host's connection within the handshake cap, tried again (outside the cap) while sshd drops it before the
   * handshake. */
  async #connect(host: Host, jump: Transport | null, cap: Semaphore): Promise<Transport> {
    const delays = this.#options.handshakeRetryDelaysMs ?? DEFAULT_HANDSHAKE_RETRY_DELAYS_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await cap.run(() => connect(host, { ...this.#options, jump, signal: this.#closing.signal, keyFiles: this.#keyFiles }));
      } catch (err) {
        const delay = delays[attempt];
        if (!droppedBeforeHandshake(err)) throw err;
        if (delay === undefined || this.#closing.signal.aborted) {
          if (attempt === 0) throw err;
          throw new HostError(host.name, `${(err as HostError).message.slice(host.name.length + 2)} (${attempt + 1} tries)`, {
            hint: "raise sshd's MaxStartups on that host, or lower --forks",
            cause: err,
          });
        }
        // closeAll ends the pause at once; the next try then finds the signal aborted and gives the connection up
        await sleep(delay * (0.5 + Math.random() / 2), undefined, { signal: this.#closing.signal }).catch(() => undefined);
      }
    }
  }

  #capOf(target: string): Semaphore {
    let cap = this.#handshakes.get(target);
    if (!cap) {
      cap = new Semaphore(this.#options.maxHandshakes ?? DEFAULT_MAX_HANDSHAKES);
      this.#handshakes.set(target, cap);
    }
    return cap;
  }

  /** Close every connection: targets first, then the jump hosts they went through. */
  async closeAll(): Promise<void> {
    // a connection still being made (e.g. to a host that does not answer) would hold the close for its whole timeout
    this.#closing.abort();
    const entries = new Map(this.#entries);
    this.#entries.clear();
    await Promise.allSettled([...entries.values()].map((e) => e.promise));
    while (entries.size > 0) {
      const inUse = new Set([...entries.values()].map((e) => e.jumpKey));
      const leaves = [...entries].filter(([key]) => !inUse.has(key));
      if (leaves.length === 0) break; // impossible: circles never connect
      await Promise.all(
        leaves.map(async ([key, e]) => {
          entries.delete(key);
          await e.transport?.close();
        }),
      );
    }
    await Promise.all([...entries.values()].map((e) => e.transport?.close()));
  }
}

/** The sshd a host's handshake goes to: its address and port, as reached from the jump host's connection (or from
 * here). Hosts that share one (aliases of one machine in the ssh config) share its handshake cap. */
export function handshakeTarget(host: Host, jumpKey: string | null): string {
  return [jumpKey ?? '', sshAddress(host), host.ssh.port].join('\0');
}

/** Two Host objects for the same login share one connection. */
function keyOf(host: Host): string {
  return [host.name, host.ssh.user, sshAddress(host), host.ssh.port].join('\0');
}
