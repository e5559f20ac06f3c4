// Cluster rules about LVS-NAT: a NAT service's replies must go back through
// the director that holds its VIP. A cluster that names its real servers'
// gateway (nat.gateway) gets it checked: a VIP of its own on the real
// servers' network that moves with every NAT VIP (one sync group), and every
// NAT real server with an address on that network.

import type { InventoryProblem } from '../errors.js';
import { canonicalIp, ipFamily, sameIp } from './address.js';
import { DEFAULTS, REALSERVERS } from './defaults.js';
import { rawHostAddresses } from './host-addresses.js';
import { pointer } from './pointer.js';
import { arr, int, members, type Obj, obj, str } from './view.js';

/** The address as bits (a BigInt) with its width, or null. */
function bits(address: string): { value: bigint; width: number } | null {
  const canonical = canonicalIp(address);
  if (canonical === null) return null;
  if (ipFamily(address) === 4) {
    return { value: canonical.split('.').reduce((v, o) => (v << 8n) | BigInt(Number(o)), 0n), width: 32 };
  }
  const [head, tail] = canonical.includes('::') ? canonical.split('::') : [canonical, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return { value: groups.reduce((v, g) => (v << 16n) | BigInt(parseInt(g, 16)), 0n), width: 128 };
}

/** Whether two addresses of one family share their first `prefix` bits. */
export function sameSubnet(a: string, b: string, prefix: number): boolean {
  const x = bits(a);
  const y = bits(b);
  if (!x || !y || x.width !== y.width) return false;
  const shift = BigInt(x.width - Math.min(prefix, x.width));
  return x.value >> shift === y.value >> shift;
}

export function natRules(inv: Obj): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const nat = obj(inv.nat);
  const gateway = str(nat?.gateway);
  const vips = arr(inv.vips).map(obj);
  const natVips: { address: string; index: number }[] = [];
  const natServices: { i: number; j: number; service: Obj }[] = [];
  vips.forEach((vip, i) => {
    arr(vip?.services).forEach((raw, j) => {
      const service = obj(raw);
      if (!service || (str(service.forwarding) ?? DEFAULTS.service.forwarding) !== 'NAT') return;
      natServices.push({ i, j, service });
      const address = str(vip?.address);
      if (address !== undefined && !natVips.some((v) => v.index === i)) natVips.push({ address, index: i });
    });
  });
  // a VIP without services only moves between the directors: that is what a gateway is for, anything else is a mistake
  vips.forEach((vip, i) => {
    if (!Array.isArray(vip?.services) || vip.services.length > 0) return;
    if (gateway !== undefined && sameIp(str(vip.address) ?? '', gateway)) return;
    problems.push({
      path: pointer('vips', i, 'services'),
      message: 'must have at least 1 item: only the NAT gateway (nat.gateway) is a VIP without services',
    });
  });
  if (natServices.length === 0) return problems;
  // without "nat" the operator routes the replies (lvs-play prepares nothing, check says so): inventories
  // written before "nat" existed keep loading and rendering as they did
  if (gateway === undefined) return problems;
  const at = (...rest: (string | number)[]) => pointer('nat', ...rest);
  const gatewayIndex = vips.findIndex((v) => sameIp(str(v?.address) ?? '', gateway));
  if (gatewayIndex < 0) {
    problems.push({
      path: at('gateway'),
      message: `${gateway} is not a VIP of this cluster; add it to "vips" (a VIP on the real servers' network, so it moves between the directors) or name one that is`,
    });
    return problems;
  }
  // every NAT VIP in one sync group with the gateway
  const groups = arr(obj(inv.vrrp)?.syncGroups).map(obj);
  const groupOf = (address: string) => groups.findIndex((g) => arr(g?.vips).some((a) => sameIp(str(a) ?? '', address)));
  const gatewayGroup = groupOf(gateway);
  for (const v of natVips) {
    if (sameIp(v.address, gateway)) continue;
    if (gatewayGroup >= 0 && groupOf(v.address) === gatewayGroup) continue;
    const fix =
      gatewayGroup >= 0
        ? `add "${v.address}" to vrrp.syncGroups[${gatewayGroup}].vips`
        : `add a vrrp.syncGroups group with "vips": ["${gateway}", "${v.address}"]`;
    problems.push({
      path: at('gateway'),
      message: `${gateway} is not in a sync group with ${v.address} (/vips/${v.index}), which has a NAT service: the gateway must move with it, or replies go through a director that holds no connection; ${fix}`,
    });
  }
  // NAT real servers on the gateway's network
  const gatewayFamily = ipFamily(gateway);
  const prefix = int(nat?.prefixLength) ?? (gatewayFamily === 6 ? 64 : 24);
  const addressOf = new Map<string, string[]>();
  for (const h of arr(inv.hosts).map(obj)) {
    const name = str(h?.name);
    if (name !== undefined && !addressOf.has(name)) addressOf.set(name, rawHostAddresses(h));
  }
  const realservers = members(obj(inv.groups), REALSERVERS);
  for (const { i, j, service } of natServices) {
    const explicit = service.realServers !== undefined;
    const list = explicit ? arr(service.realServers).map((rs) => str(obj(rs)?.host)) : realservers;
    list.forEach((host, k) => {
      if (host === undefined) return;
      const addresses = addressOf.get(host);
      if (!addresses || addresses.length === 0) return; // the service rules say so
      if (addresses.some((a) => sameSubnet(a, gateway, prefix))) return;
      const path = explicit ? pointer('vips', i, 'services', j, 'realServers', k, 'host') : pointer('vips', i, 'services', j);
      problems.push({
        path,
        message: `"${host}" (${addresses.join(', ')}) is not on the gateway's network ${gateway}/${prefix} (nat.gateway, nat.prefixLength): a NAT real server must reach its gateway directly; give the host an address there, or fix nat.prefixLength`,
      });
    });
  }
  return problems;
}
