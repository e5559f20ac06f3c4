// What `deploy` (and a rollout) does about switches an earlier run left set
// (its record, switch-record.ts): drained real servers are undrained first
// (they were left out of the pool by a run that never finished); handovers
// are undone once the directors are converged, so a director that was left
// half-changed takes its VIPs back only with the inventory's config.

import type { Cluster, Host } from '../inventory/types.js';
import type { Transport } from '../ssh/transport.js';
import { homeOn, vipProbe, type DirectorsAccess } from './director-checks.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Switchboard } from './switchboard.js';
import { waitUntil } from './wait-until.js';

export async function undrainRecorded(board: Switchboard, log: (line: string) => void): Promise<void> {
  for (const d of board.record.drains) {
    log(`${d.realServer}: undraining on ${d.directors.join(', ')} (recorded as drained since ${d.since} by a run that did not finish)`);
    await board.undrain([d.realServer], d.directors);
  }
}

export async function clearRecordedHandovers(board: Switchboard, access: { cluster: Cluster; connect(h: Host): Promise<Transport>; redact(s: string): string }, log: (line: string) => void): Promise<void> {
  const directors = (access.cluster.groups[DIRECTORS] ?? []).map((d) => access.cluster.hosts.find((h) => h.name === d)!).filter(Boolean);
  const a: DirectorsAccess = { ...access, directors };
  for (const h of board.record.handovers) {
    log(`${h.director}: its handover switch was left "${h.level}" since ${h.since}: handing its VIPs back`);
    await board.handover(h.director, 'normal');
    await waitUntil({ what: `for ${h.director} to take back its VIPs`, timeoutMs: 60_000, log: (l) => log(`  ${l}`) }, vipProbe(a, homeOn(access.cluster, h.director)));
  }
}
