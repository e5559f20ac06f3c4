// The actions that change directors without a VIP ever held by two of them.
//
// One director (reload-safe or disruptive changes):
//   gate -> yield (handover switch -253: priority 1) -> its peers take its
//   VIPs -> change -> settle (it claims nothing for one Master_Down_Interval:
//   its adverts agree with its peers') -> hand back (switch removed: it
//   preempts) -> it holds its VIPs again -> confirm.
//
// Changes every director must agree on: each changed director but the last
// yields, then goes out of the election (-254: FAULT) and is changed there;
// the last is changed while it holds every VIP, alone in the election; then
// each one comes back in at priority 1 (settle proves it agrees), and is
// handed its VIPs back. Where an unchanged director remains, every changed
// one goes out and the unchanged one holds the VIPs meanwhile.
//
// nopreempt (a BACKUP never preempts, so neither a yield nor a hand-back by
// priority moves anything): each VIP moves by its instance's own switches.
// Hand over: the taker's instance boosted to 254 (switches.ts), the giver's
// instance quiet (its adverts dropped out and in, quiet-adverts.ts: it keeps
// the VIP), so the taker becomes MASTER after Master_Down_Interval; once the
// taker holds the VIP too, the giver's instance goes to FAULT and drops it
// (no moment without a holder); wait, then the switches cleared: the giver
// comes back BACKUP and, nopreempt, stays BACKUP. Hand back is the same the
// other way, for the VIPs the director held when the hosts were read (under nopreempt a
// VIP's place is where it is, not its MASTER). The plan follows where every
// VIP is at each step (Holders), so it names each director it switches.
// preempt_delay: the same yield and hand-back, each wait longer by the delay
// (vrrp-timing.ts).

import { DIRECTORS } from '../../inventory/defaults.js';
import type { Cluster } from '../../inventory/types.js';
import { classesOf } from './classify-director.js';
import type { RunningConfig } from './running-config.js';
import type { Action, Classified, Stage } from './types.js';
import { directorBounds, instanceMoveMs, QUIET_MARGIN_MS } from './vrrp-timing.js';

/** each director's running config, parsed once by the planner (plan.ts) */
type RunningOf = (director: string) => RunningConfig;

const mastered = (cluster: Cluster, d: string) => cluster.vips.filter((v) => v.master === d).map((v) => v.address);
const peersOf = (cluster: Cluster, d: string) => (cluster.groups[DIRECTORS] ?? []).filter((x) => x !== d);
/** from settle's start: keepalived (re)starting after the change, then the observation */
const START_MS = 30_000;

/**
 * nopreempt: where each VIP is (VIP -> director), from the read and then as
 * the planned actions move VIPs; `start` stays as read: where VIPs go back to.
 */
export class Holders {
  readonly start: ReadonlyMap<string, string>;
  readonly #now: Map<string, string>;
  constructor(start: Map<string, string>) {
    this.start = new Map(start);
    this.#now = new Map(start);
  }
  on(director: string): string[] {
    return [...this.#now].filter(([, d]) => d === director).map(([v]) => v);
  }
  startOn(director: string): string[] {
    return [...this.start].filter(([, d]) => d === director).map(([v]) => v);
  }
  of(vip: string): string | undefined {
    return this.#now.get(vip);
  }
  move(vip: string, to: string): void {
    this.#now.set(vip, to);
  }
}

const instanceOf = (cluster: Cluster, vip: string) => cluster.vips.find((v) => v.address === vip)!.instance;

/** VIPs grouped by a director chosen for each, in first-seen order */
function groupBy(vips: string[], pick: (vip: string) => string): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const v of vips) out.set(pick(v), [...(out.get(pick(v)) ?? []), v]);
  return [...out];
}

/** nopreempt: the taker of a VIP is its highest-priority candidate (the one that would win an election among them). */
function taker(cluster: Cluster, vip: string, candidates: string[]): string {
  const v = cluster.vips.find((x) => x.address === vip)!;
  return [...candidates].sort((a, b) => (v.priorities[b] ?? 0) - (v.priorities[a] ?? 0))[0]!;
}

/**
 * boost each taker, silence the givers (quiet: they keep the VIPs), wait until
 * the takers hold them too, put the givers' instances in FAULT (they drop the
 * VIPs only now), wait until they are gone, clear the givers then the takers
 */
function moveByInstance(cluster: Cluster, moves: { from: string; to: string; vips: string[] }[], wait: Action): Action[] {
  const is = (vips: string[]) => vips.map((v) => instanceOf(cluster, v));
  const on = (side: 'from' | 'to') =>
    groupBy(
      moves.flatMap((m) => m.vips),
      (v) => moves.find((m) => m.vips.includes(v))![side],
    );
  const takers = on('to');
  const waitMs = wait.kind === 'wait-vips-away' || wait.kind === 'wait-vips-home' ? wait.timeoutMs : 0;
  const givers = on('from');
  const taken: Action = {
    kind: 'wait-vips-taken',
    moves: moves.flatMap((m) => m.vips.map((vip) => ({ vip, from: m.from, to: m.to }))),
    timeoutMs: waitMs,
  };
  return [
    ...takers.map(([d, vips]): Action => ({ kind: 'instance-switch', director: d, instances: is(vips), level: 'boost' })),
    // the quiet outlasts both waits: if the move does not come, a wait fails and the giver advertises again by itself
    ...givers.map(
      ([d, vips]): Action => ({
        kind: 'instance-switch',
        director: d,
        instances: is(vips),
        level: 'quiet',
        forMs: 2 * waitMs + QUIET_MARGIN_MS,
      }),
    ),
    taken,
    ...givers.map(([d, vips]): Action => ({ kind: 'instance-switch', director: d, instances: is(vips), level: 'out' })),
    wait,
    ...givers.map(([d, vips]): Action => ({ kind: 'instance-switch', director: d, instances: is(vips), level: 'normal' })),
    ...takers.map(([d, vips]): Action => ({ kind: 'instance-switch', director: d, instances: is(vips), level: 'normal' })),
  ];
}

/** nopreempt: every VIP on the director goes to its best candidate */
function handOverByInstance(cluster: Cluster, d: string, runningOf: RunningOf, holders: Holders, candidates: string[]): Action[] {
  const vips = holders.on(d);
  const wait: Action = { kind: 'wait-vips-away', director: d, vips, timeoutMs: instanceMoveMs(cluster, runningOf(d).adverts) };
  if (vips.length === 0) return [wait];
  const moves = groupBy(vips, (v) => taker(cluster, v, candidates)).map(([to, vs]) => ({ from: d, to, vips: vs }));
  for (const m of moves) for (const v of m.vips) holders.move(v, m.to);
  return moveByInstance(cluster, moves, wait);
}

/** nopreempt: the VIPs the director held when read come back to it from wherever they are */
function handBackByInstance(cluster: Cluster, d: string, runningOf: RunningOf, holders: Holders): Action[] {
  const vips = holders.startOn(d);
  const wait: Action = { kind: 'wait-vips-home', director: d, vips, timeoutMs: instanceMoveMs(cluster, runningOf(d).adverts) };
  const away = vips.filter((v) => holders.of(v) !== d);
  if (away.length === 0) return [wait];
  const moves = groupBy(away, (v) => holders.of(v)!).map(([from, vs]) => ({ from, to: d, vips: vs }));
  for (const v of away) holders.move(v, d);
  return moveByInstance(cluster, moves, wait);
}

function confirm(holders: Holders | null): Action {
  return holders ? { kind: 'confirm-vips', holders: Object.fromEntries(holders.start) } : { kind: 'confirm-vips' };
}

function switchlessNote(d: string): string {
  return `${d} runs a keepalived.conf without lvs-play's handover switch (rendered before it existed): it is handed over by stopping keepalived (its peers take over after their skew time, a gap of under one advert_int)`;
}

/** yield and wait until the peers hold every VIP the director held */
function handOver(cluster: Cluster, d: string, runningOf: RunningOf): Action[] {
  const b = directorBounds(cluster, d, runningOf(d).adverts);
  return [
    { kind: 'switch', director: d, level: 'yield', ...(runningOf(d).hasSwitch ? {} : { stop: true }) },
    { kind: 'wait-vips-away', director: d, vips: mastered(cluster, d), timeoutMs: b.awayMs },
  ];
}

function handBack(cluster: Cluster, d: string, runningOf: RunningOf): Action[] {
  const b = directorBounds(cluster, d, runningOf(d).adverts);
  return [
    { kind: 'switch', director: d, level: 'normal' },
    { kind: 'wait-vips-home', director: d, vips: mastered(cluster, d), timeoutMs: b.homeMs },
  ];
}

/** a cluster that just (re)started elects within one Master_Down_Interval: the gate waits that long */
function gateBound(cluster: Cluster, d: string, runningOf: RunningOf): number {
  return directorBounds(cluster, d, runningOf(d).adverts).awayMs;
}

function settle(cluster: Cluster, d: string, runningOf: RunningOf): Action {
  const b = directorBounds(cluster, d, runningOf(d).adverts);
  return { kind: 'settle', director: d, observeMs: b.observeMs, timeoutMs: START_MS + b.observeMs };
}

const NOPREEMPT_NOTE =
  "nopreempt: each VIP moves by its vrrp_instance's own switches: the taker's instance at priority 254, the holder made quiet (nftables drops its adverts for that instance, out and in) while it keeps the VIP; the taker, hearing nothing for Master_Down_Interval, becomes MASTER and takes the VIP, and only then is the holder's instance put in FAULT: the VIP is on both for a moment, never on none; then all cleared, and a director given back nothing stays BACKUP";

export function directorStage(
  cluster: Cluster,
  d: string,
  classes: Classified[],
  runningOf: RunningOf,
  changedBefore: string[],
  holders: Holders | null = null,
): Stage {
  const notes = runningOf(d).hasSwitch ? [] : [switchlessNote(d)];
  if (classesOf(classes).has('disruptive')) notes.push(`${d}: disruptive changes are made while its peers hold its VIPs`);
  const peers = peersOf(cluster, d);
  if (holders) notes.push(NOPREEMPT_NOTE);
  const delay = cluster.vrrp.preempt.delay;
  if (delay > 0)
    notes.push(
      `preempt_delay ${delay} s: each director takes VIPs over only ${delay} s after it hears the lower priority, so the rollout waits that long on every handover and hand-back`,
    );
  return {
    kind: 'director',
    hosts: [d],
    classes: { [d]: classes },
    notes,
    actions: [
      {
        kind: 'gate',
        director: d,
        peers,
        changedPeers: changedBefore.filter((p) => peers.includes(p)),
        timeoutMs: gateBound(cluster, d, runningOf),
      },
      ...(holders ? handOverByInstance(cluster, d, runningOf, holders, peers) : handOver(cluster, d, runningOf)),
      { kind: 'change', hosts: [d] },
      settle(cluster, d, runningOf),
      ...(holders ? handBackByInstance(cluster, d, runningOf, holders) : handBack(cluster, d, runningOf)),
      confirm(holders),
    ],
  };
}

export function agreeStage(
  cluster: Cluster,
  changed: string[],
  classes: Record<string, Classified[]>,
  runningOf: RunningOf,
  holders: Holders | null = null,
): Stage {
  const all = cluster.groups[DIRECTORS] ?? [];
  const unchanged = all.filter((d) => !changed.includes(d));
  // with an unchanged director left, it holds the VIPs and every changed one goes out
  const out = unchanged.length > 0 ? changed : changed.slice(0, -1);
  const alone = unchanged.length > 0 ? null : changed[changed.length - 1]!;
  const notes = [
    `must-agree changes: ${out.join(', ')} ${out.length === 1 ? 'is' : 'are'} changed out of the election (handover switch -254: FAULT) while ${alone ?? unchanged.join(', ')} ${alone || unchanged.length === 1 ? 'holds' : 'hold'} every VIP, so no director ever hears adverts that differ from its own`,
    ...changed.filter((d) => !runningOf(d).hasSwitch).map(switchlessNote),
  ];
  if (holders) notes.push(NOPREEMPT_NOTE);
  if (unchanged.length > 0)
    notes.push(
      `${unchanged.join(', ')} ${unchanged.length === 1 ? 'is' : 'are'} not changed: the changed directors will only come back in if they agree with ${unchanged.length === 1 ? 'it' : 'them'}`,
    );
  if (alone && classesOf(classes[alone] ?? []).has('disruptive')) {
    notes.push(
      `${alone} is changed while it holds every VIP and its change is disruptive: expect the VIPs to drop while keepalived recreates its instances`,
    );
  }
  const actions: Action[] = [
    {
      kind: 'gate',
      director: changed[0]!,
      peers: peersOf(cluster, changed[0]!),
      changedPeers: [],
      timeoutMs: gateBound(cluster, changed[0]!, runningOf),
    },
  ];
  const gone: string[] = [];
  for (const d of out) {
    // under nopreempt a VIP goes to a director still in the election
    const candidates = all.filter((x) => x !== d && !gone.includes(x));
    gone.push(d);
    actions.push(
      ...(holders ? handOverByInstance(cluster, d, runningOf, holders, candidates) : handOver(cluster, d, runningOf)),
      { kind: 'switch', director: d, level: 'out' },
      { kind: 'change', hosts: [d] },
    );
  }
  if (alone) {
    const b = directorBounds(cluster, alone, runningOf(alone).adverts);
    actions.push(
      { kind: 'change', hosts: [alone] },
      { kind: 'settle', director: alone, observeMs: 0, timeoutMs: START_MS + b.homeMs, alone: true },
    );
  }
  for (const d of out)
    actions.push(
      { kind: 'switch', director: d, level: 'yield' },
      settle(cluster, d, runningOf),
      // under nopreempt its handover switch is cleared first: a yield and a boost would add up to its own priority + 1
      ...(holders
        ? [{ kind: 'switch', director: d, level: 'normal' } as Action, ...handBackByInstance(cluster, d, runningOf, holders)]
        : handBack(cluster, d, runningOf)),
    );
  actions.push(confirm(holders));
  return { kind: 'directors-agree', hosts: changed, classes, notes, actions };
}
