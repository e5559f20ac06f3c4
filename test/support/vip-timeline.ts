// Who held each VIP when, from timestamped address observations: the pure
// half of the VIP sampler (test/support/vip-sampler.ts), tested on its own in
// test/support/vip-timeline.test.ts.
//
// Split brain, operationally, is two directors holding a VIP (so both answer
// ARP for it) at the same time for longer than a takeover's own overlap. A
// keepalived takeover does overlap briefly: the new MASTER adds the VIP and
// sends its advert at once, and the old one removes the VIP only when that
// advert reaches it (a few ms). So this measures every stretch of time in
// which two or more directors held a VIP, and callers bound the longest one
// (by one advert interval: a new MASTER's first advert, or at worst the next
// one, ends a healthy overlap; two MASTERs that ignore each other's adverts
// stay so for Master_Down_Interval and beyond), rather than expecting zero.
//
// The inputs are exact intervals, not samples: address events as `ip -ts
// monitor address` prints them, run in each director's network namespace.
// The directors are containers on this machine, so every timestamp comes
// from one clock. Reading the directors one after the other at different
// instants (as an earlier sampler did) turns a takeover between the two reads
// into "two holders"; events cannot.

/** An address added to or removed from a director's interface, at `t` (ms since the epoch). */
export interface AddressEvent {
  t: number;
  director: string;
  kind: 'add' | 'del';
  dev: string;
  address: string;
}

/** A direct read of a director's addresses (`ip -j addr show`) made between `from` and `to`. */
export interface AddressPoll {
  director: string;
  from: number;
  to: number;
  addresses: { dev: string; address: string }[];
}

export interface Interval {
  from: number;
  to: number;
}
export interface Overlap extends Interval {
  directors: string[];
}

export interface Observation {
  directors: string[];
  vips: string[];
  /** interfaces whose addresses count as holding a VIP (keepalived's VRRP interface) */
  devices: string[];
  /** the window the summary covers */
  start: number;
  end: number;
  /** per director, the read the events apply on top of: events at or after its `from` are applied to it */
  initial: AddressPoll[];
  events: AddressEvent[];
  /** reads made during the window, checked against what the events say */
  polls: AddressPoll[];
  /** how far a read may be from an event and still agree with it: the monitors' receive delay the sampler tolerates (default 150 ms, far below the advert intervals the overlaps are bounded by) */
  slackMs?: number;
}

export interface VipSummary {
  vip: string;
  windowMs: number;
  /** the directors that held it at some point */
  heldBy: string[];
  /** each director's holding intervals, clipped to the window */
  holding: Record<string, Interval[]>;
  /** who held it, in order: "lvs-dr", "lvs-dr+lvs-dr2", "none", ... */
  sequence: string[];
  /** stretches in which two or more directors held it */
  overlaps: Overlap[];
  maxOverlapMs: number;
  totalOverlapMs: number;
  /** stretches in which no director held it */
  gaps: Interval[];
  worstNoHolderMs: number;
  totalNoHolderMs: number;
}

export interface Timeline {
  vips: VipSummary[];
  problems: string[];
}

/** Canonical text of an address, for comparing IPv6 spellings. */
export function canonicalAddress(address: string): string {
  if (!address.includes(':')) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}

const MONITOR_LINE =
  /^\[(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?\] (Deleted )?\d+: (\S+?)(?:@\S+)?\s+inet6? ([0-9A-Fa-f:.]+)\/\d+/;

/**
 * One line of `ip -ts monitor address` run with TZ=UTC ("[2026-12-01T20:54:19.460497] 3: eth0    inet
 * 198.18.0.110/32 scope global eth0", "Deleted" before the index for a removal). Continuation lines
 * ("valid_lft ...") and other events give null.
 */
export function parseMonitorLine(line: string, director: string): AddressEvent | null {
  const m = MONITOR_LINE.exec(line);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '0', deleted, dev, address] = m;
  const t = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) + Number(`0.${frac}`) * 1000;
  return { t, director, kind: deleted ? 'del' : 'add', dev: dev!, address: canonicalAddress(address!) };
}

/** `ip -j addr show` output as (dev, address) pairs. */
export function parseIpJsonAddresses(json: string): { dev: string; address: string }[] {
  const links = JSON.parse(json) as { ifname?: string; addr_info?: { local?: string }[] }[];
  return links.flatMap((l) =>
    (l.addr_info ?? []).filter((a) => a.local).map((a) => ({ dev: l.ifname ?? '', address: canonicalAddress(a.local!) })),
  );
}

/** The VIPs a director holds, by the devices that count. */
function heldIn(addresses: { dev: string; address: string }[], vips: string[], devices: string[]): Set<string> {
  return new Set(addresses.filter((a) => devices.includes(a.dev) && vips.includes(a.address)).map((a) => a.address));
}

interface DirectorTrack {
  /** per VIP: its holding intervals (the last may be open: to = Infinity) */
  intervals: Map<string, Interval[]>;
  /** per VIP: the state after each event, to check polls against */
  changes: Map<string, { t: number; held: boolean }[]>;
  from: number;
}

function track(director: string, obs: Observation): DirectorTrack {
  const first = obs.initial.find((p) => p.director === director);
  if (!first) throw new Error(`no initial read of ${director}`);
  const vips = obs.vips.map(canonicalAddress);
  const onDevs = new Map<string, Set<string>>(
    vips.map((v) => [v, new Set(first.addresses.filter((a) => a.address === v && obs.devices.includes(a.dev)).map((a) => a.dev))]),
  );
  const intervals = new Map<string, Interval[]>(vips.map((v) => [v, onDevs.get(v)!.size > 0 ? [{ from: first.from, to: Infinity }] : []]));
  const changes = new Map<string, { t: number; held: boolean }[]>(vips.map((v) => [v, [{ t: first.from, held: onDevs.get(v)!.size > 0 }]]));
  const events = obs.events
    .filter((e) => e.director === director && e.t >= first.from && obs.devices.includes(e.dev) && vips.includes(e.address))
    .sort((a, b) => a.t - b.t);
  for (const e of events) {
    const devs = onDevs.get(e.address)!;
    const was = devs.size > 0;
    if (e.kind === 'add') devs.add(e.dev);
    else devs.delete(e.dev);
    const is = devs.size > 0;
    if (was === is) continue; // a repeated event, or another device of the same director
    const list = intervals.get(e.address)!;
    if (is) list.push({ from: e.t, to: Infinity });
    else list[list.length - 1]!.to = e.t;
    changes.get(e.address)!.push({ t: e.t, held: is });
  }
  return { intervals, changes, from: first.from };
}

function clip(list: Interval[], start: number, end: number): Interval[] {
  return list.map((i) => ({ from: Math.max(i.from, start), to: Math.min(i.to, end) })).filter((i) => i.to > i.from);
}

/** Merges touching runs of segments into intervals. */
function runs(segments: { from: number; to: number; holders: string[] }[], pick: (h: string[]) => boolean): Overlap[] {
  const out: Overlap[] = [];
  for (const s of segments) {
    if (!pick(s.holders)) continue;
    const last = out.at(-1);
    if (last && last.to === s.from) {
      last.to = s.to;
      last.directors = [...new Set([...last.directors, ...s.holders])].sort();
    } else out.push({ from: s.from, to: s.to, directors: [...s.holders].sort() });
  }
  return out;
}

const longest = (list: Interval[]) => list.reduce((m, i) => Math.max(m, i.to - i.from), 0);
const total = (list: Interval[]) => list.reduce((m, i) => m + (i.to - i.from), 0);

/** Holding intervals, overlaps and no-holder gaps of every VIP over the window; problems if the reads contradict the events. */
export function buildTimeline(obs: Observation): Timeline {
  const problems: string[] = [];
  const slack = obs.slackMs ?? 150;
  const tracks = new Map(obs.directors.map((d) => [d, track(d, obs)]));
  for (const e of obs.events) {
    if (e.t < obs.start - 5_000 || e.t > obs.end + 5_000) {
      problems.push(
        `an address event of ${e.director} at ${new Date(e.t).toISOString()} lies outside the window ${new Date(obs.start).toISOString()}..${new Date(obs.end).toISOString()}: the monitor's clock or time zone is not this machine's`,
      );
      break;
    }
  }

  // every read must match what the events say at some instant of the read (give or take the slack)
  for (const p of obs.polls) {
    const t = tracks.get(p.director);
    if (!t) continue;
    const seen = heldIn(p.addresses, obs.vips.map(canonicalAddress), obs.devices);
    for (const vip of obs.vips.map(canonicalAddress)) {
      const changes = t.changes.get(vip)!;
      const stateAt = (at: number) => [...changes].reverse().find((c) => c.t <= at)?.held ?? changes[0]!.held;
      const lo = p.from - slack;
      const hi = p.to + slack;
      const candidates = [lo, hi, ...changes.filter((c) => c.t >= lo && c.t <= hi).map((c) => c.t)];
      if (!candidates.some((at) => stateAt(at) === seen.has(vip))) {
        problems.push(
          `a read of ${p.director} at ${new Date(p.from).toISOString()} saw ${vip} ${seen.has(vip) ? 'held' : 'not held'}, the address events say ${stateAt(p.from) ? 'held' : 'not held'}: the monitor missed events`,
        );
      }
    }
  }

  const vips = obs.vips.map((raw) => {
    const vip = canonicalAddress(raw);
    const holding = Object.fromEntries(obs.directors.map((d) => [d, clip(tracks.get(d)!.intervals.get(vip)!, obs.start, obs.end)]));
    const cuts = [...new Set([obs.start, obs.end, ...Object.values(holding).flatMap((l) => l.flatMap((i) => [i.from, i.to]))])]
      .filter((c) => c >= obs.start && c <= obs.end)
      .sort((a, b) => a - b);
    const segments = cuts.slice(0, -1).map((from, i) => {
      const to = cuts[i + 1]!;
      const mid = (from + to) / 2;
      return { from, to, holders: obs.directors.filter((d) => holding[d]!.some((h) => h.from <= mid && mid < h.to)) };
    });
    const sequence: string[] = [];
    for (const s of segments) {
      const label = s.holders.length ? [...s.holders].sort().join('+') : 'none';
      if (sequence.at(-1) !== label) sequence.push(label);
    }
    const overlaps = runs(segments, (h) => h.length >= 2);
    const gaps = runs(segments, (h) => h.length === 0).map(({ from, to }) => ({ from, to }));
    return {
      vip: raw,
      windowMs: obs.end - obs.start,
      heldBy: obs.directors.filter((d) => holding[d]!.length > 0).sort(),
      holding,
      sequence,
      overlaps,
      maxOverlapMs: longest(overlaps),
      totalOverlapMs: total(overlaps),
      gaps,
      worstNoHolderMs: longest(gaps),
      totalNoHolderMs: total(gaps),
    };
  });
  return { vips, problems };
}

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

export function describeSummary(s: VipSummary): string {
  return (
    `${s.vip} over ${(s.windowMs / 1000).toFixed(1)} s: ${s.sequence.join(' -> ')}; ` +
    `on two directors at once ${s.overlaps.length} time(s), longest ${ms(s.maxOverlapMs)} ms; ` +
    `on none ${s.gaps.length} time(s), longest ${ms(s.worstNoHolderMs)} ms`
  );
}
