// A sync group's VIPs on one director (issue 13): keepalived moves a group's
// instances together, so VIPs of one group held by different directors mean
// the group did not move as one, e.g. a NAT director's outside VIP without
// its inside one. Each VIP's own placement is checked in vip-placement.ts;
// this only compares the holders of a group.

import { canonicalIp } from '../inventory/address.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import type { CheckResult, Observations } from './types.js';

export function checkSyncGroups(cluster: Cluster, obs: Observations): CheckResult[] {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const read = obs.hosts.filter((h) => h.reachable && directors.includes(h.host));
  if (read.length < directors.length) return []; // a director unread: vip-placement already says the VIPs cannot be checked
  return cluster.vrrp.syncGroups.map((group): CheckResult => {
    const vips = cluster.vips.filter((v) => group.instances.includes(v.instance));
    const holderOf = (address: string) => {
      const want = canonicalIp(address) ?? address;
      return read
        .filter(
          (h) =>
            h.reachable &&
            h.interfaces.some((i) => i.name !== 'lo' && i.addresses.some((a) => (canonicalIp(a.address) ?? a.address) === want)),
        )
        .map((h) => h.host);
    };
    const held = vips.map((v) => ({ vip: v.address, on: holderOf(v.address) }));
    const places = [...new Set(held.flatMap((h) => h.on))];
    const where = held.map((h) => `${h.vip} on ${h.on.join(' and ') || 'no director'}`).join(', ');
    const row = (status: CheckResult['status'], detail: string): CheckResult => ({
      check: 'sync-group',
      target: group.name,
      status,
      detail,
    });
    if (places.length > 1) return row('fail', `its VIPs are on different directors (${where}); a sync group moves as one`);
    if (held.some((h) => h.on.length === 0)) return row('fail', `not every VIP is held (${where})`);
    return row('pass', `every VIP on ${places[0]} (${group.instances.join(', ')})`);
  });
}
