// The rollout plan, from the cluster and what each host's tasks would change
// (the same diffs `check` computes). Pure: no host is contacted here.
//
// Directors first, one at a time: each hands its VIPs to its peers through
// the handover switch, is changed, proves it agrees with them, and takes its
// VIPs back (director-stage.ts). When a change must agree on every director
// at once (advert_int, authentication, a VIP list), the directors are
// sequenced so that one of them holds every VIP while the others are changed
// out of the election (agree-stage.ts). Then the real servers, one batch at
// a time, drained on every director around their change. Other hosts last.

import { DIRECTORS, REALSERVERS } from '../../inventory/defaults.js';
import type { Cluster } from '../../inventory/types.js';
import { interruptedReport } from '../../run/interrupted.js';
import { keptDrain, type SwitchRecordData } from '../switch-record.js';
import { type BatchSpec, batches } from './batches.js';
import { classesOf, classifyDirector } from './classify-director.js';
import { agreeStage, directorStage, Holders } from './director-stage.js';
import { leftSwitches } from './left-switches.js';
import { type RunningConfig, readRunningConfig } from './running-config.js';
import type { HostState, RolloutPlan, Stage } from './types.js';

export interface PlanInput {
  cluster: Cluster;
  /** every host read: the selected ones and every director (the gates read them all) */
  states: HostState[];
  /** the hosts the user selected (--limit); only these are changed */
  selected: string[];
  batch: BatchSpec;
  /** how long to wait for a drained real server's connections to finish */
  drainTimeoutMs: number;
  /** the control machine's record of switches a killed run left set, or null */
  record?: SwitchRecordData | null;
}

export function planRollout(input: PlanInput): RolloutPlan {
  const { cluster } = input;
  const directors = cluster.groups[DIRECTORS] ?? [];
  const realServers = cluster.groups[REALSERVERS] ?? [];
  const byHost = new Map(input.states.map((s) => [s.host, s]));
  const problems = input.states.filter((s) => s.error !== undefined).map((s) => ({ host: s.host, error: s.error! }));
  const changed = (h: string) => input.selected.includes(h) && (byHost.get(h)?.changes.length ?? 0) > 0 && !byHost.get(h)?.error;
  const inOrder = cluster.hosts.map((h) => h.name);
  const stages: Stage[] = [];

  const changedDirectors = inOrder.filter((h) => directors.includes(h) && changed(h));
  const classes = Object.fromEntries(changedDirectors.map((d) => [d, classifyDirector(byHost.get(d)!)]));
  // each director's running config, parsed once for every action that depends on it
  const running = new Map<string, RunningConfig>();
  const runningOf = (d: string) =>
    running.get(d) ?? running.set(d, readRunningConfig(byHost.get(d)?.keepalivedConf?.current ?? null)).get(d)!;
  const holders = cluster.vrrp.preempt.nopreempt && changedDirectors.length ? nopreemptHolders(cluster, byHost, runningOf, problems) : null;
  if (holders === undefined) {
    // a nopreempt cluster the rollout cannot hand over: said as problems, no director stage
  } else if (changedDirectors.some((d) => classesOf(classes[d]!).has('must-agree'))) {
    stages.push(agreeStage(cluster, changedDirectors, classes, runningOf, holders));
  } else {
    for (const d of changedDirectors)
      stages.push(directorStage(cluster, d, classes[d]!, runningOf, changedDirectors.slice(0, changedDirectors.indexOf(d)), holders));
  }

  const changedReal = inOrder.filter((h) => realServers.includes(h) && !directors.includes(h) && changed(h));
  const byHand = (input.record?.drains ?? []).filter((d) => keptDrain(d, realServers)).map((d) => d.realServer);
  for (const batch of batches(changedReal, input.batch, realServers.length))
    stages.push(realServerStage(cluster, batch, directors, input.drainTimeoutMs, byHand));

  for (const h of inOrder.filter((x) => !directors.includes(x) && !realServers.includes(x) && changed(x))) {
    stages.push({ kind: 'other', hosts: [h], actions: [{ kind: 'change', hosts: [h] }], classes: {}, notes: [] });
  }

  const inStages = new Set(stages.flatMap((s) => s.hosts));
  return {
    cluster: cluster.name,
    stages,
    unchanged: inOrder.filter((h) => byHost.has(h) && input.selected.includes(h) && !inStages.has(h) && !byHost.get(h)!.error),
    problems,
    interrupted: input.states
      .filter((s) => s.interrupted?.length)
      .map((s) => ({ host: s.host, runs: s.interrupted!.map(interruptedReport) })),
    ipvs: cluster.keepalived.mode === 'full',
    leftSwitches: leftSwitches(input.record ?? null, cluster.vrrp.preempt.nopreempt, realServers),
  };
}

/**
 * nopreempt: where each VIP is (read with the hosts), and every director able
 * to move one VIP alone (its running config tracks a switch per instance);
 * undefined, with the problems added, when the rollout cannot plan it.
 */
function nopreemptHolders(
  cluster: Cluster,
  byHost: Map<string, HostState>,
  runningOf: (d: string) => RunningConfig,
  problems: RolloutPlan['problems'],
): Holders | undefined {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const before = problems.length;
  for (const d of directors) {
    if (byHost.get(d)?.error) continue; // already a problem
    const missing = cluster.vips.map((v) => v.instance).filter((i) => !runningOf(d).instanceSwitches.has(i));
    if (missing.length)
      problems.push({
        host: d,
        error: `nopreempt: its running keepalived.conf has no switch of its own for ${missing.join(', ')} (rendered before lvs-play handed nopreempt clusters over VIP by VIP); run lvs-play deploy once (adding the switches is reload-safe: no VIP moves), then the rollout`,
      });
    if (byHost.get(d)?.nft === false)
      problems.push({
        host: d,
        error:
          "nopreempt: nft is not installed (package nftables), and a handover silences the VIP holder's adverts with an nftables rule so the VIP is never without a holder; run lvs-play deploy once (it installs nftables on nopreempt directors, no VIP moves), then the rollout",
      });
  }
  const start = new Map<string, string>();
  for (const v of cluster.vips) {
    const on = directors.filter((d) => byHost.get(d)?.vips?.includes(v.address));
    if (on.length === 1) start.set(v.address, on[0]!);
    else if (directors.every((d) => byHost.get(d) && !byHost.get(d)!.error))
      problems.push({
        host: directors[0] ?? cluster.name,
        error: `nopreempt: VIP ${v.address} is on ${on.length ? on.join(' and ') : 'no director'}; the rollout puts each VIP back where it was, so it needs each on exactly one`,
      });
  }
  return problems.length > before ? undefined : new Holders(start);
}

/**
 * A batch of real servers. Those the operator drained by hand (`lvs-play
 * drain`) are changed while out of the pool and stay out: not checked, not
 * undrained; the others' gate does not count them as serving.
 */
function realServerStage(cluster: Cluster, hosts: string[], directors: string[], drainTimeoutMs: number, byHand: string[]): Stage {
  const kept = hosts.filter((h) => byHand.includes(h));
  const back = hosts.filter((h) => !byHand.includes(h));
  const drainedByHand = byHand.filter((h) => !hosts.includes(h));
  // after an undrain keepalived's checker runs its checks again: one delay_loop, a connect, the retries
  let confirm = 10_000;
  for (const s of cluster.vips.flatMap((v) => v.services)) {
    for (const rs of s.realServers.filter((r) => hosts.includes(r.host))) {
      const h = rs.healthCheck;
      confirm = Math.max(confirm, (s.delayLoop + h.connectTimeout + h.retry * h.delayBeforeRetry) * 1000 + 10_000);
    }
  }
  const notes = [
    ...(cluster.keepalived.mode === 'full'
      ? []
      : [
          // a batch drained by hand stays drained: its switch is not cleared, and no weight is waited for
          back.length
            ? 'keepalived runs VRRP-only (keepalived.mode "vrrp-only"): the drain switch is set and cleared, but there is no IPVS table to show connections or weights'
            : 'keepalived runs VRRP-only (keepalived.mode "vrrp-only"): the drain switch is set, but there is no IPVS table to show connections',
        ]),
    ...(kept.length
      ? [
          `${kept.join(', ')} drained by hand (lvs-play drain): changed while out of the pool, and left drained (lvs-play undrain puts ${kept.length === 1 ? 'it' : 'them'} back)`,
        ]
      : []),
  ];
  return {
    kind: 'realservers',
    hosts,
    classes: {},
    notes,
    actions: [
      // a batch drained by hand already is out of the pool: no capacity to lose
      ...(back.length ? [{ kind: 'capacity', realServers: hosts, ...(drainedByHand.length ? { drainedByHand } : {}) } as const] : []),
      { kind: 'drain', realServers: hosts, directors, ...(kept.length ? { staysDrained: kept } : {}) },
      { kind: 'wait-connections', realServers: hosts, directors, timeoutMs: drainTimeoutMs },
      { kind: 'change', hosts },
      ...(back.length
        ? ([
            { kind: 'check-serving', realServers: back },
            { kind: 'undrain', realServers: back, directors },
            { kind: 'confirm-weights', realServers: back, directors, timeoutMs: confirm },
          ] as const)
        : []),
    ],
  };
}
