// A unicast instance's peers: every other director of the instance, taken
// from the inventory (never typed twice), in the VIP's address family. keepalived.conf's unicast_peer
// block and verify's reachability rows read the same list.

import { addressOfFamily } from './host-addresses.js';
import type { Cluster, Vip } from './types.js';

export interface UnicastPeer {
  name: string;
  address: string;
}

export function unicastPeers(cluster: Cluster, vip: Vip, director: string): UnicastPeer[] {
  return Object.keys(vip.priorities)
    .filter((d) => d !== director)
    .map((name) => ({ name, address: unicastAddress(cluster, name, vip) }));
}

/** A director's address in the VIP's family (a dual-stack director has one of each; the rules made sure it has one). */
export function unicastAddress(cluster: Cluster, director: string, vip: Vip): string {
  const host = cluster.hosts.find((h) => h.name === director)!;
  return addressOfFamily(host, vip.family) ?? host.address;
}
