// `ip -j route get ADDRESS` answered by one long-lived `ip -batch` process
// instead of one `ip` process per lookup. The lab's route guard looks before
// every connection, and at 400 lab hosts those spawns were the largest cost
// lvs-play itself paid (forking a 120 MB process 400 times: 2.4 s of system
// CPU for one check; docs/benchmarks.md). Nothing is cached: each answer is
// the kernel's at the moment it is asked, as with one process per lookup.
//
// Lookups go one at a time. A lookup that fails (no route) prints to stderr
// only, so each address is followed by `link show dev lo`, which always
// answers (every network namespace has lo, up or down): the lines before the
// marker's answer are the address's. Whenever the process cannot be used (not started, exited, no
// answer in time), a lookup runs `ip` on its own, as before.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { tryRunDirect } from './local-command.js';

export interface RouteAnswer {
  /** ip's exit code as a lookup of its own would give it: 0 with a route, 2 without */
  code: number;
  stdout: string;
  stderr: string;
}

const MARKER_COMMAND = 'link show dev lo';
const MARKER_ANSWER = '"ifname":"lo"'; // a route answer names its device "dev", never "ifname"
/** a batch process that has not answered in this long is ended and the lookup runs on its own */
const ANSWER_TIMEOUT_MS = 5000;

/** Splits what the batch printed for "address, marker" into the address's answer; null until the marker's answer is in. */
export function answerBeforeMarker(stdout: string, stderr: string): RouteAnswer | null {
  const lines = stdout.split('\n').slice(0, -1); // whole lines only: the last may still be arriving
  const markerAt = lines.findIndex((l) => l.includes(MARKER_ANSWER));
  if (markerAt < 0) return null;
  const answer = lines.slice(0, markerAt).join('\n').trim();
  const errors = stderr
    .split('\n')
    .filter((l) => l.trim() && !/^Command failed /.test(l))
    .join('\n');
  return answer ? { code: 0, stdout: `${answer}\n`, stderr: '' } : { code: 2, stdout: '', stderr: errors };
}

interface Pending {
  address: string;
  resolve: (a: RouteAnswer) => void;
  reject: (err: Error) => void;
}

export class RouteLookups {
  readonly #command: readonly string[];
  #child: ChildProcessWithoutNullStreams | null = null;
  #broken = false;
  #queue: Pending[] = [];
  #current: { pending: Pending; timer: NodeJS.Timeout; waited: boolean } | null = null;
  #stdout = '';
  #stderr = '';

  /** command: the batch process, -force so that a failed lookup does not end it (tests run it in another network namespace) */
  constructor(command: readonly string[] = ['ip', '-j', '-force', '-batch', '-']) {
    this.#command = command;
  }

  /** the batch process's pid while it runs (tests end it from outside) */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The route to an IPv4 or IPv6 address as `ip -j route get` prints it. */
  lookup(address: string): Promise<RouteAnswer> {
    if (this.#broken || !/^[0-9A-Fa-f.:]+$/.test(address)) return tryRunDirect('ip', ['-j', 'route', 'get', address]);
    return new Promise((resolve, reject) => {
      this.#queue.push({ address, resolve, reject });
      this.#next();
    });
  }

  #start(): ChildProcessWithoutNullStreams | null {
    if (this.#child) return this.#child;
    try {
      const child = spawn(this.#command[0]!, this.#command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        this.#stdout += d;
        this.#answered();
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        this.#stderr += d;
      });
      child.stdin.on('error', () => this.#fail());
      child.on('error', () => this.#fail());
      child.on('exit', () => this.#fail());
      this.#child = child;
      this.#idle(true);
      return child;
    } catch {
      this.#fail();
      return null;
    }
  }

  /** Idle, the process keeps nothing alive: lvs-play exits when its work is done, and ip with it (stdin closes). */
  #idle(idle: boolean): void {
    const c = this.#child;
    if (!c) return;
    // a child's pipes are sockets
    for (const s of [c.stdin, c.stdout, c.stderr] as unknown as Socket[]) (idle ? s.unref : s.ref).call(s);
    (idle ? c.unref : c.ref).call(c);
  }

  #next(): void {
    if (this.#current || this.#queue.length === 0) return;
    const child = this.#start();
    if (!child) return; // #fail ran the queue on its own
    const pending = this.#queue.shift()!;
    this.#stdout = '';
    this.#stderr = '';
    this.#idle(false);
    this.#current = { pending, timer: setTimeout(() => this.#fail(), ANSWER_TIMEOUT_MS), waited: false };
    child.stdin.write(`route get ${pending.address}\n${MARKER_COMMAND}\n`);
  }

  #answered(): void {
    if (!this.#current) return;
    const answer = answerBeforeMarker(this.#stdout, this.#stderr);
    if (!answer) return;
    if (answer.code !== 0 && !this.#current.waited) {
      // a failed lookup's message is on stderr, which may be read just after stdout
      this.#current.waited = true;
      setImmediate(() => this.#answered());
      return;
    }
    const { pending, timer } = this.#current;
    clearTimeout(timer);
    this.#current = null;
    this.#idle(true);
    pending.resolve(answer);
    this.#next();
  }

  /** The process is no use any more: it is ended, and every lookup left (and every later one) runs on its own. */
  #fail(): void {
    if (this.#broken) return;
    this.#broken = true;
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const left = [...(this.#current ? [this.#current.pending] : []), ...this.#queue];
    if (this.#current) clearTimeout(this.#current.timer);
    this.#current = null;
    this.#queue = [];
    for (const p of left) tryRunDirect('ip', ['-j', 'route', 'get', p.address]).then(p.resolve, p.reject);
  }

  /** Ends the process (tests); later lookups run on their own. */
  close(): void {
    this.#fail();
  }
}
