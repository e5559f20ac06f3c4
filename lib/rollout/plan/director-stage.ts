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

import { DIRECTORS } from '../../inventory/defaults.js';
import type { Cluster } from '../../inventory/types.js';
import { classesOf } from './classify-director.js';
import type { RunningConfig } from './running-config.js';
import type { Action, Classified, Stage } from './types.js';
import { directorBounds } from './vrrp-timing.js';

/** each director's running config, parsed once by the planner (plan.ts) */
type RunningOf = (director: string) => RunningConfig;

const mastered = (cluster: Cluster, d: string) => cluster.vips.filter((v) => v.master === d).map((v) => v.address);
const peersOf = (cluster: Cluster, d: string) => (cluster.groups[DIRECTORS] ?? []).filter((x) => x !== d);
/** from settle's start: keepalived (re)starting after the change, then the observation */
const START_MS = 30_000;

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

export function directorStage(cluster: Cluster, d: string, classes: Classified[], runningOf: RunningOf, changedBefore: string[]): Stage {
  const notes = runningOf(d).hasSwitch ? [] : [switchlessNote(d)];
  if (classesOf(classes).has('disruptive')) notes.push(`${d}: disruptive changes are made while its peers hold its VIPs`);
  const peers = peersOf(cluster, d);
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
      ...handOver(cluster, d, runningOf),
      { kind: 'change', hosts: [d] },
      settle(cluster, d, runningOf),
      ...handBack(cluster, d, runningOf),
      { kind: 'confirm-vips' },
    ],
  };
}

export function agreeStage(cluster: Cluster, changed: string[], classes: Record<string, Classified[]>, runningOf: RunningOf): Stage {
  const all = cluster.groups[DIRECTORS] ?? [];
  const unchanged = all.filter((d) => !changed.includes(d));
  // with an unchanged director left, it holds the VIPs and every changed one goes out
  const out = unchanged.length > 0 ? changed : changed.slice(0, -1);
  const alone = unchanged.length > 0 ? null : changed[changed.length - 1]!;
  const notes = [
    `must-agree changes: ${out.join(', ')} ${out.length === 1 ? 'is' : 'are'} changed out of the election (handover switch -254: FAULT) while ${alone ?? unchanged.join(', ')} ${alone || unchanged.length === 1 ? 'holds' : 'hold'} every VIP, so no director ever hears adverts that differ from its own`,
    ...changed.filter((d) => !runningOf(d).hasSwitch).map(switchlessNote),
  ];
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
  for (const d of out) {
    actions.push(...handOver(cluster, d, runningOf), { kind: 'switch', director: d, level: 'out' }, { kind: 'change', hosts: [d] });
  }
  if (alone) {
    const b = directorBounds(cluster, alone, runningOf(alone).adverts);
    actions.push(
      { kind: 'change', hosts: [alone] },
      { kind: 'settle', director: alone, observeMs: 0, timeoutMs: START_MS + b.homeMs, alone: true },
    );
  }
  for (const d of out)
    actions.push({ kind: 'switch', director: d, level: 'yield' }, settle(cluster, d, runningOf), ...handBack(cluster, d, runningOf));
  actions.push({ kind: 'confirm-vips' });
  return { kind: 'directors-agree', hosts: changed, classes, notes, actions };
}
