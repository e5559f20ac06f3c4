// The remote side of lvs-play: one SSH connection per host, reused for every
// command of a run. This is the only file that imports ssh2; everything else
// takes a Transport, so tests and other transports can stand in.

import { lookup } from 'node:dns/promises';
import { readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { constants as osConstants } from 'node:os';
import type { Duplex } from 'node:stream';
import type { ClientChannel, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import ssh2 from 'ssh2';
import { HostError, type UserError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import { connectFailureReason, formatSeconds } from './connect-errors.js';
import { createHostVerifier } from './host-verifier.js';
import { knownHostsFiles, loadReadableKnownHosts } from './known-hosts-files.js';
import { knownKeyTypesIn } from './known-hosts-index.js';
import { type RouteGuard, refuseBenchmarkRange } from './route-guard.js';
import { Semaphore } from './semaphore.js';
import { sshAddress } from './ssh-address.js';
import { sudoRefusal, wrapSudo } from './sudo.js';

const { Client, utils } = ssh2;

export interface ExecResult {
  code: number;
  signal?: string;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  stdin?: string | Buffer;
  timeoutMs?: number;
  /** run as root through `sudo -n sh -c`; default: true when the ssh user is not root */
  sudo?: boolean;
}

/** A command kept running after its first line of output (a lock's keeper). */
export interface Held {
  /** its first line of output */
  line: string;
  /** settles when the command has ended: released, killed, or its connection lost */
  ended: Promise<void>;
  /** ends its stdin, which ends the command, and waits for that */
  release(): Promise<void>;
}

/** Either the command printed its first line and runs on, or it ended before that. */
export type HoldResult = { held: Held } | { exited: ExecResult };

export interface Transport {
  readonly host: Host;
  /** command is a complete shell string, built with sh`` */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** runs command with its stdin left open, until release() (see Held); timeoutMs bounds the wait for the first line */
  hold(command: string, options?: { timeoutMs?: number }): Promise<HoldResult>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  acceptNewHostKeys?: boolean;
  /** record accepted keys hashed, like OpenSSH's HashKnownHosts */
  hashKnownHosts?: boolean;
  connectTimeoutMs?: number; // default 10000: TCP connect, handshake and authentication
  keepaliveMs?: number; // default 15000; the connection is dropped after 3 unanswered
  maxChannels?: number; // default 8, below OpenSSH's MaxSessions 10
  sessionOpenRetries?: number; // default 6: a session refused while sshd still counts a closed one
  agent?: string; // default SSH_AUTH_SOCK
  env?: NodeJS.ProcessEnv; // for SSH_AUTH_SOCK and ssh.passphraseEnv; default process.env
  jump?: Transport | null; // connect through this host (a bastion)
  /** told, in one line, of a host key recorded because acceptNewHostKeys; default: a note on stderr */
  onHostKeyRecorded?: (line: string) => void;
  /** checked before every direct connection (not through a jump host); default: refuse 198.18.0.0/15 */
  routeGuard?: RouteGuard;
  /** abandons the connection while it is being made (the pool's closeAll): the socket is destroyed at once */
  signal?: AbortSignal;
  /** private key files already read and parsed, shared by a pool's connections (see KeyFileCache) */
  keyFiles?: KeyFileCache;
}

/** A private key file as read and parsed once for a run: a 100-host run read and parsed the same file 100 times. */
export type KeyFileCache = Map<string, Promise<LoadedKeyFile>>;
type LoadedKeyFile = { data: Buffer; parsed: ReturnType<typeof utils.parseKey> } | { readError: unknown };

function loadKeyFile(path: string, passphrase: string | undefined, cache: KeyFileCache | undefined): Promise<LoadedKeyFile> {
  const key = `${path}\0${passphrase ?? ''}`;
  let loaded = cache?.get(key);
  if (!loaded) {
    loaded = readFile(path).then(
      (data) => ({ data, parsed: utils.parseKey(data, passphrase) }),
      (readError: unknown) => ({ readError }),
    );
    cache?.set(key, loaded);
  }
  return loaded;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_KEEPALIVE_MS = 15_000;
export const DEFAULT_MAX_CHANNELS = 8;
/** a refused session open is tried again this many times (50, 100, 200, 400, 800, 800 ms apart) */
export const DEFAULT_SESSION_OPEN_RETRIES = 6;

type ClientInstance = InstanceType<typeof Client>;

export class SshTransport implements Transport {
  readonly host: Host;
  readonly #client: ClientInstance;
  readonly #channels: Semaphore;
  /** why the connection is gone, once it is */
  #lost: HostError | null = null;
  readonly #onLost = new Set<(err: HostError) => void>();
  readonly #closed: Promise<void>;

  readonly #openRetries: number;

  constructor(host: Host, client: ClientInstance, maxChannels: number, openRetries = DEFAULT_SESSION_OPEN_RETRIES) {
    this.host = host;
    this.#client = client;
    this.#channels = new Semaphore(maxChannels);
    this.#openRetries = openRetries;
    this.#closed = new Promise((resolve) =>
      client.once('close', () => {
        this.#markLost(new HostError(host.name, `connection to ${host.name} lost`));
        resolve();
      }),
    );
    client.on('error', (err) =>
      this.#markLost(new HostError(host.name, `connection to ${host.name} lost: ${err.message}`, { cause: err })),
    );
  }

  /** true once the connection has closed (by close() or lost) */
  get closed(): boolean {
    return this.#lost !== null;
  }

  #markLost(err: HostError): void {
    if (this.#lost) return;
    this.#lost = err;
    for (const abort of this.#onLost) abort(err);
    this.#onLost.clear();
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const sudo = options.sudo ?? this.host.ssh.user !== 'root';
    const full = sudo ? wrapSudo(command) : command;
    const result = await this.#channels.run(() => this.#run(full, options));
    if (sudo) {
      const refusal = sudoRefusal(this.host.name, this.host.ssh.user, result);
      if (refusal) throw refusal;
    }
    return result;
  }

  #run(command: string, options: ExecOptions): Promise<ExecResult> {
    const name = this.host.name;
    return new Promise<ExecResult>((resolve, reject) => {
      if (this.#lost) return reject(this.#lost);
      let channel: ClientChannel | undefined;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (err: HostError | null, result?: ExecResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#onLost.delete(onLost);
        if (err) {
          channel?.destroy();
          reject(err);
        } else resolve(result!);
      };
      const onLost = (err: HostError) =>
        finish(new HostError(name, `${err.message.replace(`${name}: `, '')} while a command was running`, { cause: err }));
      this.#onLost.add(onLost);
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          channel?.signal('KILL');
          finish(new HostError(name, `a command on ${name} did not finish within ${formatSeconds(options.timeoutMs!)}`));
        }, options.timeoutMs);
      }
      try {
        this.#openSession(command, (err, stream) => {
          if (err) return finish(new HostError(name, `cannot open a session on ${name}: ${err.message}`, { cause: err }));
          channel = stream;
          if (settled) return stream.destroy();
          collect(stream, options.stdin, (exit) => {
            if (exit === null) finish(new HostError(name, `the session on ${name} closed without an exit status (connection lost?)`));
            else finish(null, exit);
          });
        });
      } catch (err) {
        finish(new HostError(name, `cannot run a command on ${name}: ${(err as Error).message}`, { cause: err }));
      }
    });
  }

  /**
   * A new session channel running command. sshd counts a session until it has
   * cleaned it up, a moment after the client saw it close, so a channel
   * opened at once in a freed slot can be refused ("open failed") although we
   * stay below MaxSessions: such a refusal is tried again, a few times over
   * about 2 s, before it counts. Nothing has run on the host then.
   */
  #openSession(command: string, done: (err: Error | undefined, stream: ClientChannel) => void, attempt = 0): void {
    this.#client.exec(command, (err, stream) => {
      if (err && /open failed/i.test(err.message) && attempt < this.#openRetries && !this.#lost) {
        setTimeout(() => this.#openSession(command, done, attempt + 1), 50 * 2 ** Math.min(attempt, 4));
        return;
      }
      done(err, stream);
    });
  }

  async hold(command: string, options: { timeoutMs?: number } = {}): Promise<HoldResult> {
    const name = this.host.name;
    const full = this.host.ssh.user !== 'root' ? wrapSudo(command) : command;
    // the channel stays open while held: its slot is given back only when it closes
    const releaseSlot = await this.#channels.acquire();
    return new Promise<HoldResult>((resolve, reject) => {
      if (this.#lost) {
        releaseSlot();
        return reject(this.#lost);
      }
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const fail = (err: HostError) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          reject(err);
        }
      };
      const onLost = (err: HostError) =>
        fail(new HostError(name, `${err.message.replace(`${name}: `, '')} while taking a lock`, { cause: err }));
      this.#onLost.add(onLost);
      this.#openSession(full, (err, stream) => {
        if (err) {
          this.#onLost.delete(onLost);
          releaseSlot();
          return fail(new HostError(name, `cannot open a session on ${name}: ${err.message}`, { cause: err }));
        }
        if (options.timeoutMs !== undefined) {
          timer = setTimeout(() => {
            stream.destroy();
            fail(new HostError(name, `a command on ${name} printed nothing within ${formatSeconds(options.timeoutMs!)}`));
          }, options.timeoutMs);
        }
        const out: Buffer[] = [];
        const errOut: Buffer[] = [];
        let exit: number | null = null;
        const ended = new Promise<void>((done) =>
          stream.on('close', () => {
            this.#onLost.delete(onLost);
            releaseSlot();
            done();
            if (!settled) {
              settled = true;
              clearTimeout(timer);
              if (exit === null) reject(new HostError(name, `the session on ${name} closed without an exit status (connection lost?)`));
              else
                resolve({
                  exited: { code: exit, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') },
                });
            }
          }),
        );
        stream.on('exit', (code: number | null) => {
          exit = typeof code === 'number' ? code : 255;
        });
        stream.stderr.on('data', (d: Buffer) => errOut.push(d));
        stream.on('error', () => {
          /* the close that follows reports it */
        });
        stream.on('data', (d: Buffer) => {
          out.push(d);
          const text = Buffer.concat(out).toString('utf8');
          const nl = text.indexOf('\n');
          if (nl < 0 || settled) return;
          settled = true;
          clearTimeout(timer);
          const release = async () => {
            stream.end();
            // a keeper that does not end on EOF within 10 s is cut off: its channel closes, and with it its stdin
            const cut = setTimeout(() => stream.destroy(), 10_000);
            await ended;
            clearTimeout(cut);
          };
          resolve({ held: { line: text.slice(0, nl), ended, release } });
        });
      });
    });
  }

  /** Open a TCP stream from this host to address:port (a direct-tcpip channel,
   * not a session: sshd's MaxSessions does not count it). */
  forwardOut(address: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      if (this.#lost) return reject(this.#lost);
      this.#client.forwardOut('127.0.0.1', 0, address, port, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }

  async close(): Promise<void> {
    if (!this.#lost) this.#markLost(new HostError(this.host.name, `connection to ${this.host.name} was closed`));
    this.#client.end();
    const timer = setTimeout(() => this.#client.destroy(), 2000);
    await this.#closed;
    clearTimeout(timer);
  }
}

/** Gather a channel's output; done(null) when it closed without an exit status. */
function collect(stream: ClientChannel, stdin: string | Buffer | undefined, done: (r: ExecResult | null) => void): void {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let exit: { code: number; signal?: string } | null = null;
  stream.on('data', (d: Buffer) => out.push(d));
  stream.stderr.on('data', (d: Buffer) => err.push(d));
  stream.on('exit', (code: number | null, signal?: string) => {
    if (typeof code === 'number') exit = { code };
    else {
      const name = signal?.startsWith('SIG') ? signal : `SIG${signal ?? 'KILL'}`;
      const number = (osConstants.signals as Record<string, number>)[name];
      exit = { code: 128 + (number ?? 127), signal: name };
    }
  });
  stream.on('close', () => {
    done(exit === null ? null : { ...exit, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
  });
  stream.on('error', () => {
    /* the close that follows reports it */
  });
  // always end stdin, so a command that reads it gets EOF instead of waiting forever
  stream.end(stdin ?? undefined);
}

// ------------------------------------------------------------------ connect

/** ssh2's host key algorithms (1.17 defaults), and which ones sign with each key type. */
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];
const ALGORITHMS_FOR_KEY_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-dss': ['ssh-dss'],
};

/** Ask for the key types known_hosts already holds first, as OpenSSH does, so
 * a host with several keys offers the one we can check. */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const preferred = knownTypes.flatMap((t) => ALGORITHMS_FOR_KEY_TYPE[t] ?? (HOST_KEY_ALGORITHMS.includes(t) ? [t] : []));
  return [...new Set([...preferred, ...HOST_KEY_ALGORITHMS])];
}

interface Credentials {
  agent?: string;
  privateKey?: Buffer;
  passphrase?: string;
  identityFile?: string;
  note?: string;
}

async function loadCredentials(host: Host, options: ConnectOptions): Promise<Credentials> {
  const env = options.env ?? process.env;
  const { identityFile, passphraseEnv, user } = host.ssh;
  const agentPath = options.agent ?? env.SSH_AUTH_SOCK;
  const agent =
    agentPath &&
    (await stat(agentPath).then(
      () => true,
      () => false,
    ))
      ? agentPath
      : undefined;
  if (!identityFile) {
    if (agent) return { agent };
    throw new HostError(
      host.name,
      `no SSH credentials for ${user}@${host.name}: no ssh.identityFile and no ssh-agent${agentPath ? ` (SSH_AUTH_SOCK ${agentPath} does not exist)` : ''}`,
      { hint: 'set ssh.identityFile in the inventory, or start ssh-agent and add the key (ssh-add)' },
    );
  }
  const passphrase = passphraseEnv ? env[passphraseEnv] : undefined;
  const loaded = await loadKeyFile(identityFile, passphrase, options.keyFiles);
  if ('readError' in loaded) {
    const err = loaded.readError;
    throw new HostError(
      host.name,
      `cannot read private key ${identityFile} for ${user}@${host.name}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { hint: 'check ssh.identityFile in the inventory', cause: err },
    );
  }
  if (passphraseEnv && passphrase === undefined) {
    throw new HostError(host.name, `the passphrase for ${identityFile} is read from $${passphraseEnv}, which is not set`, {
      hint: `export ${passphraseEnv}=... before running, or load the key into ssh-agent`,
    });
  }
  const { data, parsed } = loaded;
  if (parsed instanceof Error) {
    const encrypted = /no passphrase given|encrypted/i.test(parsed.message);
    if (encrypted && passphrase === undefined) {
      if (agent)
        return { agent, note: `${identityFile} is encrypted and ssh.passphraseEnv is not set, so only the agent's keys were tried` };
      throw new HostError(host.name, `private key ${identityFile} is encrypted and no passphrase was given`, {
        hint: 'set ssh.passphraseEnv to the name of an environment variable holding it, or load the key into ssh-agent',
      });
    }
    if (/bad passphrase|integrity check failed|decrypt/i.test(parsed.message)) {
      throw new HostError(host.name, `wrong passphrase for private key ${identityFile} (from $${passphraseEnv})`, {
        hint: `check $${passphraseEnv}`,
      });
    }
    throw new HostError(host.name, `cannot use private key ${identityFile}: ${parsed.message}`, {
      hint: 'ssh.identityFile must be a private key (OpenSSH or PEM format)',
    });
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) {
    throw new HostError(host.name, `${identityFile} is not a private key`, {
      hint: 'ssh.identityFile must name the private key, not the .pub file',
    });
  }
  return { ...(agent ? { agent } : {}), privateKey: data, passphrase, identityFile };
}

function describeCredentials(c: Credentials): string {
  const parts = [c.identityFile ? `key ${c.identityFile}` : null, c.agent ? `the ssh-agent's keys (${c.agent})` : null].filter(Boolean);
  return parts.join(' or ');
}

/** Where the socket comes from: a direct TCP connection (after the caller's
 * route guard), or a channel through the jump host (its packets leave from the jump
 * host, whose own address was checked when it connected). */
async function openSocket(host: Host, options: ConnectOptions, where: string): Promise<{ host?: string; sock?: Duplex }> {
  const { jump } = options;
  if (jump) {
    if (!(jump instanceof SshTransport)) throw new TypeError('connect(): options.jump must be a Transport made by connect()');
    try {
      return { sock: await jump.forwardOut(sshAddress(host), host.ssh.port) };
    } catch (err) {
      throw new HostError(host.name, `cannot connect to ${where} through jump host ${jump.host.name}: ${connectFailureReason(err, 0)}`, {
        cause: err,
      });
    }
  }
  let address = sshAddress(host);
  if (!isIP(address)) {
    try {
      address = (await lookup(address)).address;
    } catch (err) {
      throw new HostError(host.name, `cannot connect to ${where}: ${connectFailureReason(err, 0)}`, { cause: err });
    }
  }
  try {
    await (options.routeGuard ?? refuseBenchmarkRange)(address);
  } catch (err) {
    const e = err as UserError;
    throw new HostError(host.name, `cannot connect to ${where}: ${e.message}`, { hint: e.hint, cause: err });
  }
  return { host: address };
}

export async function connect(host: Host, options: ConnectOptions = {}): Promise<Transport> {
  const { user, port, knownHosts } = host.ssh;
  const where = `${host.name} (${sshAddress(host)}:${port})`;
  const timeoutMs = options.connectTimeoutMs ?? (host.ssh.connectTimeout ? host.ssh.connectTimeout * 1000 : DEFAULT_CONNECT_TIMEOUT_MS);
  const abandoned = () => new HostError(host.name, `connection to ${where} abandoned: the run no longer needs it`);
  // abandoned while it waited for a handshake slot: nothing is read or looked up for it
  if (options.signal?.aborted) throw abandoned();
  const credentials = await loadCredentials(host, options);
  const known = await loadReadableKnownHosts(knownHostsFiles(host)); // unreadable files: the verifier says so
  const acceptNew = options.acceptNewHostKeys || host.ssh.acceptNewHostKeys === true;
  const verifier = createHostVerifier(host, { acceptNew, hashKnownHosts: options.hashKnownHosts });
  const socket = await openSocket(host, options, where);
  if (options.signal?.aborted) {
    socket.sock?.destroy();
    throw abandoned();
  }

  const client = new Client();
  // the transport listens for 'error' and 'close' from the start, so no event
  // between the handshake and the first command goes unheard
  const transport = new SshTransport(host, client, options.maxChannels ?? DEFAULT_MAX_CHANNELS, options.sessionOpenRetries);
  const config: ConnectConfig = {
    ...socket,
    port,
    username: user,
    readyTimeout: timeoutMs,
    keepaliveInterval: options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
    keepaliveCountMax: 3,
    hostVerifier: verifier.verify,
    algorithms: { serverHostKey: hostKeyAlgorithms(knownKeyTypesIn(known, sshAddress(host), port)) as ServerHostKeyAlgorithm[] },
    ...(credentials.agent ? { agent: credentials.agent } : {}),
    ...(credentials.privateKey ? { privateKey: credentials.privateKey, passphrase: credentials.passphrase } : {}),
  };

  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error & { level?: string }) => {
      cleanup();
      client.destroy();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the server closed the connection'));
    };
    const onAbort = () => {
      cleanup();
      client.destroy();
      reject(abandoned());
    };
    const cleanup = () => {
      client.off('ready', onReady).off('error', onError).off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
    };
    client.on('ready', onReady).on('error', onError).on('close', onClose);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.connect(config);
    // SSH sends many small packets, each waiting on the last: without this,
    // Nagle + delayed ACKs add ~40 ms to the handshake (measured: 90 -> 45 ms)
    client.setNoDelay(true);
  }).catch((err: Error & { level?: string }) => {
    if (options.signal?.aborted) throw err instanceof HostError ? err : abandoned();
    if (verifier.rejection) throw verifier.rejection;
    if (err.level === 'client-authentication') {
      throw new HostError(host.name, `authentication failed for ${user}@${host.name} with ${describeCredentials(credentials)}`, {
        hint: `add the public key to ~${user}/.ssh/authorized_keys on ${host.name}${credentials.note ? `; ${credentials.note}` : ''}`,
        cause: err,
      });
    }
    throw new HostError(host.name, `cannot connect to ${where}: ${connectFailureReason(err, timeoutMs)}`, { cause: err });
  });

  // accepted with --accept-new-host-keys: never silently (OpenSSH says "Permanently added ...")
  const accepted = verifier.accepted;
  if (accepted?.recorded) {
    const say = options.onHostKeyRecorded ?? ((line: string) => process.stderr.write(`note: ${line}\n`));
    const why = options.acceptNewHostKeys ? '--accept-new-host-keys' : 'StrictHostKeyChecking accept-new in the ssh config';
    say(`${host.name}: host key ${accepted.keyType} ${accepted.fingerprint} was not known: recorded in ${knownHosts} (${why})`);
  }
  return transport;
}
