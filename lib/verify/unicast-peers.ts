// Unicast VRRP (issue 13): each director's adverts go to its peers'
// addresses, so each peer must be routed out of the instance's interface and
// must answer ARP there. Read without sending a packet (lib/facts/peer-routes.ts):
// a wrong route or a peer that stopped answering ARP shows here before the
// BACKUP stops hearing its MASTER and both take the VIP. A neighbour entry
// not learned yet is normal on a director that only listens (a BACKUP).

import { canonicalIp } from '../inventory/address.js';
import type { Cluster } from '../inventory/types.js';
import { type UnicastPeer, unicastPeers } from '../inventory/unicast-peers.js';
import type { CheckResult, Observations } from './types.js';

const UNANSWERED = ['FAILED', 'INCOMPLETE'];

export function checkUnicastPeers(cluster: Cluster, obs: Observations): CheckResult[] {
  if (!cluster.vrrp.unicast) return [];
  const rows: CheckResult[] = [];
  for (const h of obs.hosts) {
    if (!h.reachable || !h.director?.peerRoutes) continue;
    // each peer once per interface the director's instances use with it
    const wanted = new Map<string, { peer: UnicastPeer; iface: string }>();
    for (const vip of cluster.vips) {
      if (!(h.host in vip.priorities)) continue;
      for (const peer of unicastPeers(cluster, vip, h.host)) wanted.set(`${peer.name} ${vip.interface}`, { peer, iface: vip.interface });
    }
    for (const { peer, iface } of wanted.values()) {
      const same = (a: string) => (canonicalIp(a) ?? a) === (canonicalIp(peer.address) ?? peer.address);
      const route = h.director.peerRoutes.find((r) => same(r.address));
      const row = (status: CheckResult['status'], detail: string): CheckResult => ({
        check: 'unicast-peer',
        target: `${h.host} -> ${peer.name} (${peer.address})`,
        status,
        detail,
      });
      if (!route || route.error !== null) {
        rows.push(row('fail', `no route to ${peer.address} (${route?.error ?? 'not read'}): its adverts to ${peer.name} cannot leave`));
      } else if (route.local) {
        rows.push(row('fail', `${peer.address} is an address of ${h.host} itself, not of ${peer.name}`));
      } else if (route.dev !== iface) {
        rows.push(row('degraded', `routed via ${route.dev}, not ${iface} (the instance's interface)`));
      } else if (route.neighbour.some((s) => UNANSWERED.includes(s))) {
        rows.push(
          row(
            'fail',
            `${peer.address} does not answer ARP on ${iface} (neighbour ${route.neighbour.join(',')}): adverts to ${peer.name} are not delivered`,
          ),
        );
      } else {
        rows.push(
          row('pass', `via ${iface}, neighbour ${route.neighbour.join(',') || 'not learned yet (this director has not sent to it)'}`),
        );
      }
    }
  }
  return rows;
}
