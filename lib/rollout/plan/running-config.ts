// What the keepalived.conf a director runs now tells the rollout: whether it
// tracks lvs-play's handover switch (configs rendered before the switch
// existed do not: that director is handed over by stopping keepalived), and
// each instance's advert_int (waits are bounded by the slower of old and new).

import { child, type KaNode } from '../../keepalived/parse.js';
import { HANDOVER_FILE, HANDOVER_TRACK } from '../../render/switches.js';
import { parseOrWhy } from './classify-config.js';

const instancesOf = (conf: KaNode[]) => conf.filter((n) => n.keyword === 'vrrp_instance');

export function hasHandoverSwitch(conf: string | null): boolean {
  if (conf === null) return false;
  const parsed = parseOrWhy(conf);
  if (typeof parsed === 'string') return false;
  const defined = parsed.some((n) => n.keyword === 'track_file' && n.values[0] === HANDOVER_TRACK
    && child(n, 'file')?.values[0]?.replace(/"/g, '') === HANDOVER_FILE);
  const all = instancesOf(parsed);
  return defined && all.length > 0 && all.every((i) => (child(i, 'track_file')?.children ?? []).some((c) => c.keyword === HANDOVER_TRACK));
}

export function runningAdverts(conf: string | null): Map<string, number> {
  const out = new Map<string, number>();
  const parsed = conf === null ? [] : parseOrWhy(conf);
  if (typeof parsed === 'string') return out;
  for (const inst of instancesOf(parsed)) {
    const adv = Number(child(inst, 'advert_int')?.values[0]);
    if (inst.values[0] && Number.isFinite(adv) && adv > 0) out.set(inst.values[0], adv);
  }
  return out;
}
