// Each VIP held by exactly one director, and by its intended MASTER (under
// nopreempt by any one director: a VIP stays where it went). The
// holder of a VRRP instance's address is the instance's MASTER, so this is
// also the check of the VRRP states (a director holding a VIP it should be
// BACKUP for is MASTER there). Two holders is split brain, none an outage.
// A VIP on a non-lo interface of any other host answers ARP for it: fail;
// except a LVS-TUN real server's tunl0, where lvs-play puts it (a NOARP device).

import { canonicalIp } from '../inventory/address.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster, Vip } from '../inventory/types.js';
import { realServerVips } from '../render/dr-client.js';
import type { CheckResult, CheckStatus, Observations, ReachedHost } from './types.js';

/** The interfaces other than lo on which the host has the address. */
function holdingInterfaces(host: ReachedHost, address: string): string[] {
  const want = canonicalIp(address) ?? address;
  return host.interfaces
    .filter((i) => i.name !== 'lo' && i.addresses.some((a) => (canonicalIp(a.address) ?? a.address) === want))
    .map((i) => i.name);
}

export function checkVipPlacement(cluster: Cluster, obs: Observations): CheckResult[] {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const observed = new Map(obs.hosts.map((h) => [h.host, h]));
  if (!directors.some((d) => observed.has(d))) return []; // --limit left out every director: nothing to say
  const onTunnel = tunnelHolders(cluster);
  return cluster.vips.map((vip) =>
    placement(vip, directors, observed, cluster.vrrp.preempt.nopreempt, onTunnel.get(vip.address) ?? new Set()),
  );
}

/** Per VIP, the real servers that hold it on tunl0 by design (LVS-TUN); each host's VIPs read once. */
function tunnelHolders(cluster: Cluster): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { name } of cluster.hosts) {
    for (const v of realServerVips(cluster, name)) {
      if (v.device === 'tunl0') out.set(v.address, (out.get(v.address) ?? new Set()).add(name));
    }
  }
  return out;
}

function placement(
  vip: Vip,
  directors: string[],
  observed: Map<string, Observations['hosts'][number]>,
  nopreempt: boolean,
  onTunnel: Set<string>,
): CheckResult {
  const row = (status: CheckStatus, detail: string): CheckResult => ({
    check: 'vip',
    target: vip.address,
    vip: vip.address,
    status,
    detail,
  });
  const holders: { host: string; interfaces: string[] }[] = [];
  const intruders: string[] = [];
  for (const h of observed.values()) {
    if (!h.reachable) continue;
    const on = holdingInterfaces(h, vip.address).filter((i) => !(i === 'tunl0' && onTunnel.has(h.host)));
    if (on.length === 0) continue;
    if (directors.includes(h.host)) holders.push({ host: h.host, interfaces: on });
    else intruders.push(`${h.host} (${on.join(', ')})`);
  }
  const role = (d: string) => (d === vip.master ? 'MASTER' : 'BACKUP');
  const names = holders.map((h) => `${h.host} (${role(h.host)}, ${h.interfaces.join(', ')})`);
  const unread = directors.filter((d) => !observed.has(d) || !observed.get(d)!.reachable);
  const leftOut = directors.filter((d) => !observed.has(d));

  if (intruders.length > 0) {
    return row(
      'fail',
      `also on ${intruders.join(', ')}, which is not a director: that host answers ARP for the VIP${names.length ? `; held by ${names.join(', ')}` : ''}`,
    );
  }
  if (holders.length > 1) return row('fail', `split brain: held by ${names.join(' and ')}`);
  if (unread.length > 0) {
    const why = leftOut.length === unread.length ? `--limit leaves out ${unread.join(', ')}` : `${unread.join(', ')} could not be read`;
    return row('not-checkable', `${why}; ${holders.length ? `held by ${names[0]}` : 'no director read holds it'}`);
  }
  if (holders.length === 0) return row('fail', `held by no director (MASTER should be ${vip.master}): the VIP is down`);
  const [holder] = holders;
  // under nopreempt a VIP stays on whichever director took it: that is the intended state, not a degraded one
  if (holder!.host !== vip.master && nopreempt) {
    return row(
      'pass',
      `on ${holder!.host} (BACKUP, ${holder!.interfaces.join(', ')}): with nopreempt a VIP stays where it is; its MASTER is ${vip.master}, instance ${vip.instance}`,
    );
  }
  if (holder!.host !== vip.master) {
    return row('degraded', `on ${holder!.host}, its BACKUP; MASTER ${vip.master} does not hold it (instance ${vip.instance})`);
  }
  if (!holder!.interfaces.includes(vip.interface)) {
    return row('degraded', `on ${holder!.host} (MASTER) but on ${holder!.interfaces.join(', ')}, not the VRRP interface ${vip.interface}`);
  }
  return row('pass', `on ${holder!.host} (MASTER, ${vip.interface}), instance ${vip.instance}`);
}
