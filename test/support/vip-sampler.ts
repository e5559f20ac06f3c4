// Which director holds each VIP, exactly, while a rollout or a failover runs.
//
// For each director, `ip -n <its netns> -ts monitor address` runs on the
// control machine (TZ=UTC, so its timestamps read back as this machine's
// clock): every address the kernel adds to or removes from the director's
// interfaces arrives as an event stamped when it happened, give or take the
// monitor's wake-up delay. The directors are containers on this machine, so
// all events share one clock and the holding intervals they give can be
// compared to the millisecond. On top of that:
//
// - start() waits until each monitor has really subscribed (its netlink socket
//   is bound to the address groups, read from /proc), then reads each
//   director's addresses once (`ip -j addr show`): the state the events are
//   applied to;
// - every pollMs, and once more at stop(), each director is read directly
//   again; a read that no instant of the event stream explains means the
//   monitor lost events, and stop() fails instead of reporting;
// - anything a monitor prints on stderr (a netlink overrun says so) or a
//   monitor that exits early also fails stop().
//
// stop() returns, per VIP, the holding intervals, every stretch in which two
// or more directors held it (overlaps, with the longest in ms) and every
// stretch in which none did (gaps): test/support/vip-timeline.ts says why
// tests bound the longest overlap by an advert interval instead of asking for
// none. Tests of this sampler: test/support/vip-sampler.test.ts (two
// throwaway network namespaces) and test/support/vip-timeline.test.ts.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { hostNames } from '../../lib/lab/paths.js';
import {
  type AddressEvent,
  type AddressPoll,
  buildTimeline,
  parseIpJsonAddresses,
  parseMonitorLine,
  type VipSummary,
} from './vip-timeline.js';

export { describeSummary, type VipSummary } from './vip-timeline.js';

const run = promisify(execFile);

/**
 * What ip monitor may print without having lost anything: after subscribing, before it reads, it
 * maps every namespace in /run/netns to an id, and one deleted meanwhile (any test's throwaway
 * namespace) gives this. Anything else it prints (a netlink overrun) fails the sampler.
 */
const BENIGN_STDERR = /^Error: Peer netns reference is invalid\.$/;

/** RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR: what `ip monitor address` subscribes to */
const ADDRESS_GROUPS = 0x10 | 0x100;

export interface VipSamplerOptions {
  /** interfaces on which a VIP counts as held (keepalived's VRRP interface); default eth0 */
  devices?: string[];
  /** the network namespace of a director; default the lab's (lvsp-<director>) */
  netnsOf?: (director: string) => string;
  /** how often each director is read directly to check the monitors; default 500 ms */
  pollMs?: number;
}

export interface VipReport {
  start: number;
  end: number;
  seconds: number;
  vips: VipSummary[];
  /** address events the monitors delivered, and direct reads that checked them */
  events: number;
  polls: number;
}

/** The first line of a monitor's stderr that may mean lost events, or null. */
export function monitorComplaint(stderr: string): string | null {
  return (
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !BENIGN_STDERR.test(l)) ?? null
  );
}

interface Monitor {
  director: string;
  child: ChildProcess;
  stderr: string;
  exited: boolean;
}

/** Whether the process holds a netlink route socket bound to the address groups (read from /proc). */
export function subscribedToAddresses(pid: number): boolean {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`)
        .map((fd) => {
          try {
            return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '';
          } catch {
            return '';
          }
        })
        .filter(Boolean),
    );
  } catch {
    return false;
  }
  let table: string;
  try {
    table = readFileSync(`/proc/${pid}/net/netlink`, 'utf8');
  } catch {
    return false;
  }
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      const f = line.trim().split(/\s+/);
      // sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
      return f.length >= 10 && f[1] === '0' && inodes.has(f[9]!) && (parseInt(f[3]!, 16) & ADDRESS_GROUPS) === ADDRESS_GROUPS;
    });
}

export class VipSampler {
  readonly #devices: string[];
  readonly #netnsOf: (director: string) => string;
  readonly #pollMs: number;
  readonly #monitors: Monitor[] = [];
  readonly #events: AddressEvent[] = [];
  readonly #initial: AddressPoll[] = [];
  readonly #polls: AddressPoll[] = [];
  readonly #errors: string[] = [];
  #timer: NodeJS.Timeout | null = null;
  #inFlight: Promise<void> = Promise.resolve();
  #start = 0;

  constructor(
    readonly directors: string[],
    readonly vips: string[],
    options: VipSamplerOptions = {},
  ) {
    this.#devices = options.devices ?? ['eth0'];
    this.#netnsOf = options.netnsOf ?? ((d) => hostNames(d).netns);
    this.#pollMs = options.pollMs ?? 500;
  }

  async #read(director: string): Promise<AddressPoll> {
    const from = Date.now();
    const { stdout } = await run('ip', ['-n', this.#netnsOf(director), '-j', 'addr', 'show']);
    return { director, from, to: Date.now(), addresses: parseIpJsonAddresses(stdout) };
  }

  /** the monitors' process ids (tests of the sampler stop one to see it noticed) */
  get monitorPids(): number[] {
    return this.#monitors.flatMap((m) => (m.child.pid ? [m.child.pid] : []));
  }

  /** direct reads made so far (each reads every director) */
  get readsMade(): number {
    return this.#polls.length / Math.max(1, this.directors.length);
  }

  /** Starts a monitor per director, waits until each is subscribed, then reads each director once. */
  async start(): Promise<void> {
    for (const director of this.directors) {
      const child = spawn('ip', ['-n', this.#netnsOf(director), '-ts', 'monitor', 'address'], {
        env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const m: Monitor = { director, child, stderr: '', exited: false };
      let partial = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          const e = parseMonitorLine(line, director);
          if (e) this.#events.push(e);
        }
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        m.stderr += chunk;
      });
      child.on('exit', () => {
        m.exited = true;
      });
      child.on('error', (err) => {
        m.stderr += err.message;
        m.exited = true;
      });
      this.#monitors.push(m);
    }
    const deadline = Date.now() + 5_000;
    for (const m of this.#monitors) {
      while (!m.exited && !(m.child.pid && subscribedToAddresses(m.child.pid))) {
        if (Date.now() > deadline) {
          await this.#killAll();
          throw new Error(`the VIP sampler: ip monitor for ${m.director} did not subscribe within 5 s`);
        }
        await sleep(10);
      }
      if (m.exited) {
        await this.#killAll();
        throw new Error(`the VIP sampler: ip monitor for ${m.director} exited: ${m.stderr.trim()}`);
      }
    }
    this.#initial.push(...(await Promise.all(this.directors.map((d) => this.#read(d)))));
    this.#start = Math.max(...this.#initial.map((p) => p.to));
    this.#timer = setInterval(() => {
      this.#inFlight = this.#inFlight.then(async () => {
        try {
          this.#polls.push(...(await Promise.all(this.directors.map((d) => this.#read(d)))));
        } catch (err) {
          this.#errors.push((err as Error).message);
        }
      });
    }, this.#pollMs);
  }

  async #killAll(): Promise<void> {
    await Promise.all(
      this.#monitors.map(async (m) => {
        if (m.exited) return;
        const gone = new Promise((resolve) => m.child.once('exit', resolve));
        m.child.kill('SIGTERM');
        await gone;
      }),
    );
  }

  /** Reads each director a last time, stops the monitors, and returns the timeline; throws if it cannot be trusted. */
  async stop(): Promise<VipReport> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#inFlight;
    const early = this.#monitors
      .filter((m) => m.exited)
      .map((m) => `ip monitor for ${m.director} exited early: ${m.stderr.trim() || 'no message'}`);
    let last: AddressPoll[] = [];
    try {
      last = await Promise.all(this.directors.map((d) => this.#read(d)));
    } catch (err) {
      this.#errors.push((err as Error).message);
    }
    const end = Math.max(this.#start, ...last.map((p) => p.to));
    await sleep(200); // events stamped before `end` still in the pipes
    await this.#killAll();
    const complaints = this.#monitors.flatMap((m) => {
      const said = monitorComplaint(m.stderr);
      return said ? [`ip monitor for ${m.director} said: ${said}`] : [];
    });
    const timeline = buildTimeline({
      directors: this.directors,
      vips: this.vips,
      devices: this.#devices,
      start: this.#start,
      end,
      initial: this.#initial,
      events: this.#events,
      polls: [...this.#polls, ...last],
    });
    const problems = [...early, ...complaints, ...this.#errors, ...timeline.problems];
    if (problems.length) throw new Error(`the VIP sampler cannot be trusted: ${problems.slice(0, 3).join('; ')}`);
    return {
      start: this.#start,
      end,
      seconds: (end - this.#start) / 1000,
      vips: timeline.vips,
      events: this.#events.length,
      polls: this.#polls.length + last.length,
    };
  }
}
