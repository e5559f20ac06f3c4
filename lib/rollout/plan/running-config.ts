// What the keepalived.conf a director runs now tells the rollout: whether it
// tracks lvs-play's handover switch (configs rendered before the switch
// existed do not: that director is handed over by stopping keepalived), and
// each instance's advert_int (waits are bounded by the slower of old and new),
// and which instances track their own switch (nopreempt clusters' handovers).

import { child, type KaNode } from '../../keepalived/parse.js';
import { HANDOVER_FILE, HANDOVER_TRACK, instanceFile, instanceTrack } from '../../render/switches.js';
import { parseOrWhy } from './classify-config.js';

const instancesOf = (conf: KaNode[]) => conf.filter((n) => n.keyword === 'vrrp_instance');

/** What the planner needs of a director's running config, from one parse of it. */
export interface RunningConfig {
  hasSwitch: boolean;
  adverts: Map<string, number>;
  /** the instances that track their own switch (handover-<instance>) */
  instanceSwitches: Set<string>;
}

export function readRunningConfig(conf: string | null): RunningConfig {
  const parsed = conf === null ? [] : parseOrWhy(conf);
  const nodes = typeof parsed === 'string' ? [] : parsed;
  return { hasSwitch: switchTracked(nodes), adverts: advertsOf(nodes), instanceSwitches: instanceSwitchesOf(nodes) };
}

export function hasHandoverSwitch(conf: string | null): boolean {
  return readRunningConfig(conf).hasSwitch;
}

export function runningAdverts(conf: string | null): Map<string, number> {
  return readRunningConfig(conf).adverts;
}

function switchTracked(parsed: KaNode[]): boolean {
  const defined = parsed.some(
    (n) => n.keyword === 'track_file' && n.values[0] === HANDOVER_TRACK && child(n, 'file')?.values[0]?.replace(/"/g, '') === HANDOVER_FILE,
  );
  const all = instancesOf(parsed);
  return defined && all.length > 0 && all.every((i) => (child(i, 'track_file')?.children ?? []).some((c) => c.keyword === HANDOVER_TRACK));
}

function instanceSwitchesOf(parsed: KaNode[]): Set<string> {
  const out = new Set<string>();
  for (const inst of instancesOf(parsed)) {
    const name = inst.values[0];
    if (!name) continue;
    const track = instanceTrack(name);
    const defined = parsed.some(
      (n) => n.keyword === 'track_file' && n.values[0] === track && child(n, 'file')?.values[0]?.replace(/"/g, '') === instanceFile(name),
    );
    if (defined && (child(inst, 'track_file')?.children ?? []).some((c) => c.keyword === track)) out.add(name);
  }
  return out;
}

function advertsOf(parsed: KaNode[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const inst of instancesOf(parsed)) {
    const adv = Number(child(inst, 'advert_int')?.values[0]);
    if (inst.values[0] && Number.isFinite(adv) && adv > 0) out.set(inst.values[0], adv);
  }
  return out;
}
