// lvs-play's own switches on each director (lib/render/switches.ts). A real
// server drained there is out of the pool whatever else verify can see (in
// the container lab there is no IPVS table to show its weight 0), and a
// handover switch left set holds the director's VIPs away from it: both are
// serving with less than the inventory says, so degraded, with the command
// that puts it back.

import { drainedIn } from '../facts/switches.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { HANDOVER_VALUES } from '../render/switches.js';
import type { CheckResult, Observations } from './types.js';

export function checkSwitches(cluster: Cluster, obs: Observations, inventoryFile = 'INVENTORY'): CheckResult[] {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const out: CheckResult[] = [];
  for (const h of obs.hosts) {
    if (!h.reachable || !h.director || !directors.includes(h.host)) continue;
    const row = (status: CheckResult['status'], detail: string): CheckResult => ({
      check: 'switches',
      target: h.host,
      host: h.host,
      status,
      detail,
    });
    const drained = drainedIn(h.director.switches);
    const handover = h.director.switches.handover ?? 0;
    if (drained.length) {
      out.push(
        row(
          'degraded',
          `${drained.join(', ')} drained here (out of the pool, connections finishing): lvs-play undrain ${inventoryFile} ${drained.join(' ')} puts ${drained.length === 1 ? 'it' : 'them'} back`,
        ),
      );
    }
    if (handover !== 0) {
      const level =
        handover === HANDOVER_VALUES.yield
          ? 'yield: its VIPs go to its peer'
          : handover === HANDOVER_VALUES.out
            ? 'out: every VRRP instance in FAULT'
            : `${handover} added to every instance's priority`;
      out.push(
        row(
          'degraded',
          `the handover switch is set (${level}); a rollout in progress sets it, else lvs-play recover ${inventoryFile} clears it`,
        ),
      );
    }
    if (!drained.length && handover === 0) out.push(row('pass', 'no real server drained, no handover set'));
  }
  return out;
}
