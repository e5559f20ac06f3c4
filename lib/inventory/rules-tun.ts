// Cluster rules about LVS-TUN: the director wraps each packet in IPIP to the
// real server, which unwraps it on tunl0 and holds the VIP there (the
// dr-client unit does it, with rp_filter off). That is IPv4's tunnel: an IPv6
// VIP would need ip6tnl0, which lvs-play does not prepare. And the unit sets
// rp_filter to 0, so an inventory sysctl that sets it otherwise on such a
// host would be a fight between two writers, drift on every run.

import type { InventoryProblem } from '../errors.js';
import { ipFamily } from './address.js';
import { DEFAULTS, REALSERVERS } from './defaults.js';
import { pointer } from './pointer.js';
import { arr, members, type Obj, obj, str } from './view.js';

const UNIT_SETS = ['net.ipv4.conf.all.rp_filter', 'net.ipv4.conf.tunl0.rp_filter'];

/** Each host that holds a TUN VIP (as a real server or a sorry server), with one such VIP; read from raw inventory JSON. */
export function tunnelHosts(inv: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const { vip, service } of tunServices(inv)) {
    const address = str(vip?.address);
    const listed = Array.isArray(service.realServers)
      ? arr(service.realServers).map((r) => str(obj(r)?.host))
      : members(obj(inv.groups), REALSERVERS);
    for (const host of [...listed, str(obj(service.sorryServer)?.host)]) {
      if (host !== undefined && address !== undefined && !out.has(host)) out.set(host, address);
    }
  }
  return out;
}

function tunServices(inv: Obj): { vip: Obj | undefined; i: number; j: number; service: Obj }[] {
  return arr(inv.vips).flatMap((raw, i) => {
    const vip = obj(raw);
    return arr(vip?.services).flatMap((s, j) => {
      const service = obj(s);
      return service && (str(service.forwarding) ?? DEFAULTS.service.forwarding) === 'TUN' ? [{ vip, i, j, service }] : [];
    });
  });
}

export function tunRules(inv: Obj): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  for (const { vip, i, j } of tunServices(inv)) {
    const address = str(vip?.address);
    if (address !== undefined && ipFamily(address) === 6) {
      problems.push({
        path: pointer('vips', i, 'services', j, 'forwarding'),
        message: `TUN is for IPv4 VIPs here: ${address}'s real servers would need ip6tnl0 (ip6_tunnel), which lvs-play does not prepare; use DR or NAT`,
      });
    }
  }
  const holding = tunnelHosts(inv);
  const groups = obj(inv.groups);
  for (const [group, values] of Object.entries(obj(inv.sysctl) ?? {})) {
    const holders = members(groups, group).filter((h) => holding.has(h));
    if (holders.length === 0) continue;
    for (const key of UNIT_SETS) {
      const value = obj(values)?.[key];
      if (value === undefined || String(value) === '0') continue;
      problems.push({
        path: pointer('sysctl', group, key),
        message: `${holders[0]} holds TUN VIP ${holding.get(holders[0])} on tunl0, where its dr-client unit sets ${key} to 0 (or the tunnel's packets from clients are dropped); remove this key or set it to 0`,
      });
    }
  }
  return problems;
}
