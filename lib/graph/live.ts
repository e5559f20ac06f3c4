// From what verify read (Observations) to what `graph --live` colours: who
// holds each VIP now, which real servers are out of the pool (drained by
// lvs-play's switch, or at weight 0 in a director's IPVS table), which hosts
// could not be read. Pure.

import { drainedIn } from '../facts/switches.js';
import { canonicalIp, sameIp } from '../inventory/address.js';
import { hostAddresses } from '../inventory/host-addresses.js';
import type { Cluster } from '../inventory/types.js';
import type { Observations } from '../verify/types.js';
import type { LiveState } from './model.js';

export function liveState(cluster: Cluster, obs: Observations): LiveState {
  const unreachable: Record<string, string> = {};
  const holders: Record<string, string[]> = Object.fromEntries(cluster.vips.map((v) => [v.address, []]));
  const drainedOn: Record<string, string[]> = {};
  const weightZeroOn: Record<string, string[]> = {};
  const byAddress = new Map(cluster.hosts.flatMap((h) => hostAddresses(h).map((a) => [canonicalIp(a) ?? a, h.name] as const)));
  const add = (to: Record<string, string[]>, host: string, director: string) => {
    to[host] ??= [];
    if (!to[host].includes(director)) to[host].push(director);
  };
  for (const h of obs.hosts) {
    if (!h.reachable) {
      unreachable[h.host] = h.error;
      continue;
    }
    if (!h.director) continue;
    const addresses = h.interfaces.flatMap((i) => (i.name === 'lo' ? [] : i.addresses.map((a) => a.address)));
    for (const v of cluster.vips) if (addresses.some((a) => sameIp(a, v.address))) holders[v.address]!.push(h.host);
    for (const rs of drainedIn(h.director.switches)) add(drainedOn, rs, h.host);
    for (const svc of h.director.ipvs.table ?? []) {
      for (const r of svc.realServers) {
        const host = byAddress.get(canonicalIp(r.address) ?? r.address);
        if (host && r.weight === 0) add(weightZeroOn, host, h.host);
      }
    }
  }
  const outOfPool: Record<string, string> = {};
  for (const host of new Set([...Object.keys(drainedOn), ...Object.keys(weightZeroOn)])) {
    // lvs-play's own drain says why; a weight 0 without it is a failed health check (or a hand-made change)
    outOfPool[host] = drainedOn[host] ? `drained on ${drainedOn[host].join(', ')}` : `weight 0 on ${weightZeroOn[host]!.join(', ')}`;
  }
  return { unreachable, holders, outOfPool };
}
