// A unicast instance's peers: every other director of the instance, taken
// from the inventory (never typed twice). keepalived.conf's unicast_peer
// block and verify's reachability rows read the same list.

import type { Cluster, Vip } from './types.js';

export interface UnicastPeer {
  name: string;
  address: string;
}

export function unicastPeers(cluster: Cluster, vip: Vip, director: string): UnicastPeer[] {
  const addressOf = (name: string) => cluster.hosts.find((h) => h.name === name)!.address;
  return Object.keys(vip.priorities)
    .filter((d) => d !== director)
    .map((name) => ({ name, address: addressOf(name) }));
}
