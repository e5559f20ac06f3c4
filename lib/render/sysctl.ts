// /etc/sysctl.d/90-lvs-play.conf. Every host gets it (possibly with no keys),
// so removing a key from the inventory removes it from the host.
//
// Precedence, lowest first: for directors in full mode, the IPVS defaults a
// real director needs; for directors of a cluster with NAT services and a
// nat.gateway, forwarding; the inventory's `sysctl` groups in the order they are
// written there (a later group overrides an earlier one, as later files do in
// sysctl.d); then, for real servers, the four ARP keys LVS-DR needs, which
// nothing overrides. Keys are printed sorted.

import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { realServerVips } from './dr-client.js';
import { managedHeader } from './header.js';

export const SYSCTL_CONF_PATH = '/etc/sysctl.d/90-lvs-play.conf';

/** A real server must neither answer ARP for nor announce the VIPs it holds on lo. */
export const REALSERVER_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.conf.all.arp_announce': '2',
  'net.ipv4.conf.all.arp_ignore': '1',
  'net.ipv4.conf.lo.arp_announce': '2',
  'net.ipv4.conf.lo.arp_ignore': '1',
};

/**
 * What a LVS-TUN real server needs besides: the client's packets come out of
 * tunl0 while the route back to the client leaves by another device, so
 * reverse-path filtering (the kernel takes the larger of "all" and the
 * device's value) must be off for them. Set by the dr-client unit's start,
 * not in /etc/sysctl.d: tunl0 exists only once ipip is loaded.
 */
export const TUNNEL_REALSERVER_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.conf.tunl0.rp_filter': '0',
};

/** The sysctls a running dr-client unit keeps on a real server: ARP's, and rp_filter's when a VIP is on tunl0. */
export function realServerRuntimeSysctls(cluster: Cluster, host: string): Record<string, string> {
  const tunnel = realServerVips(cluster, host).some((v) => v.device === 'tunl0');
  return { ...REALSERVER_SYSCTLS, ...(tunnel ? TUNNEL_REALSERVER_SYSCTLS : {}) };
}

/**
 * What a director that keeps an IPVS table needs so that a drained or failed
 * real server (weight 0, inhibit_on_failure) loses its clients: a persistence
 * template pointing at it is dropped when next used, and a new connection
 * reusing an old entry to it is scheduled anew. Measured in the datapath lab:
 * without them a client pinned by persistence keeps failing (289 and 768
 * failed requests), with both none. The inventory may override either.
 */
export const DIRECTOR_IPVS_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.vs.expire_nodest_conn': '1',
  'net.ipv4.vs.expire_quiescent_template': '1',
};

/**
 * What a director of a cluster with NAT services needs: it routes the real
 * servers' replies (their gateway, nat.gateway, is a VIP on it), so it forwards; IPv6 too
 * when a NAT VIP is IPv6. A reply that leaves by the interface it came in
 * on (clients and real servers on one network) would make the kernel send
 * the real server an ICMP redirect to bypass the director, and the reply
 * would go out un-NATed: IPv4 send_redirects off, for "all" and each NAT
 * VIP's interface (the kernel ORs the two). The inventory may override any.
 */
export function directorNatSysctls(cluster: Cluster): Record<string, string> {
  const out: Record<string, string> = {};
  // without "nat" the operator prepares the hosts for NAT (the sysctl task says so)
  if (cluster.nat === null) return out;
  for (const vip of cluster.vips) {
    if (!vip.services.some((s) => s.forwarding === 'NAT')) continue;
    if (vip.family === 4) {
      out['net.ipv4.ip_forward'] = '1';
      out['net.ipv4.conf.all.send_redirects'] = '0';
      // a VLAN's name has a dot, which a dotted key cannot carry: "all" alone for it (set its own key in the inventory)
      if (!vip.interface.includes('.')) out[`net.ipv4.conf.${vip.interface}.send_redirects`] = '0';
    } else out['net.ipv6.conf.all.forwarding'] = '1';
  }
  return out;
}

export function hostSysctls(cluster: Cluster, host: string): Record<string, string> {
  const groups = cluster.hosts.find((h) => h.name === host)?.groups ?? [];
  const merged: Record<string, string> = {};
  if (groups.includes(DIRECTORS) && cluster.keepalived.mode === 'full') Object.assign(merged, DIRECTOR_IPVS_SYSCTLS);
  if (groups.includes(DIRECTORS)) Object.assign(merged, directorNatSysctls(cluster));
  for (const [group, values] of Object.entries(cluster.sysctl)) {
    if (groups.includes(group)) Object.assign(merged, values);
  }
  if (groups.includes(REALSERVERS)) Object.assign(merged, REALSERVER_SYSCTLS);
  return merged;
}

export function renderSysctlConf(cluster: Cluster, host: string): string {
  const values = hostSysctls(cluster, host);
  const keys = Object.keys(values).sort();
  return managedHeader(cluster.name, `sysctl settings of ${host}`) + keys.map((k) => `${k} = ${values[k]}\n`).join('');
}
