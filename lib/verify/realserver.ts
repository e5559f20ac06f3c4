// The real-server side of LVS-DR and LVS-TUN: every VIP the host serves on
// lo (on tunl0 for TUN) as /32 (/128), on no other interface, and the four
// ARP sysctls (plus rp_filter off for TUN). A VIP missing from its device is
// a fail: the directors keep sending that VIP's packets to the host (its
// health check targets the real IP and still passes) and the host drops
// them. Wrong ARP sysctls are a fail too: the host may answer ARP for a VIP
// and pull its traffic past the directors; so is rp_filter on for TUN, which
// drops every client's packet that comes out of the tunnel.

import { canonicalIp, ipFamily } from '../inventory/address.js';
import { REALSERVERS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { DR_CLIENT_UNIT_NAME, type HeldVip, realServerVips } from '../render/dr-client.js';
import { realServerRuntimeSysctls } from '../render/sysctl.js';
import type { CheckResult, Observations, ReachedHost } from './types.js';

export function checkRealServers(cluster: Cluster, obs: Observations): CheckResult[] {
  const members = cluster.groups[REALSERVERS] ?? [];
  const out: CheckResult[] = [];
  for (const h of obs.hosts) {
    if (!h.reachable || !members.includes(h.host)) continue;
    const vips = realServerVips(cluster, h.host);
    if (vips.length > 0) out.push(vipsRow(h, vips));
    if (h.realServer) out.push(arpRow(h, realServerRuntimeSysctls(cluster, h.host)));
  }
  return out;
}

function vipsRow(h: ReachedHost, vips: HeldVip[]): CheckResult {
  const row = (status: CheckResult['status'], detail: string): CheckResult => ({
    check: 'realserver-vips',
    target: h.host,
    host: h.host,
    status,
    detail,
  });
  const problems: string[] = [];
  const fine = new Map<string, string[]>(); // device -> its VIPs in place
  for (const { address: vip, device } of vips) {
    const want = canonicalIp(vip) ?? vip;
    const full = ipFamily(vip) === 6 ? 128 : 32;
    const where = h.interfaces.flatMap((i) =>
      i.addresses.filter((a) => (canonicalIp(a.address) ?? a.address) === want).map((a) => ({ dev: i.name, prefix: a.prefix })),
    );
    const onDevice = where.find((w) => w.dev === device);
    const elsewhere = where.filter((w) => w.dev !== device).map((w) => w.dev);
    if (!onDevice) problems.push(`${vip} is not on ${device}`);
    else if (onDevice.prefix !== full) problems.push(`${vip} is on ${device} as /${onDevice.prefix}, not /${full}`);
    else fine.set(device, [...(fine.get(device) ?? []), `${vip}/${full}`]);
    if (elsewhere.length) problems.push(`${vip} is also on ${elsewhere.join(', ')} (answers ARP for it)`);
  }
  if (problems.length) {
    return row(
      'fail',
      `${h.host}: ${problems.join('; ')}; the directors still send it this VIP's requests (systemctl reload ${DR_CLIENT_UNIT_NAME}, or lvs-play deploy)`,
    );
  }
  const placed = [...fine].map(([device, list]) => `${list.join(', ')} on ${device}`);
  return row('pass', placed.join('; '));
}

function arpRow(h: ReachedHost, wanted: Record<string, string>): CheckResult {
  const row = (status: CheckResult['status'], detail: string): CheckResult => ({
    check: 'realserver-arp',
    target: h.host,
    host: h.host,
    status,
    detail,
  });
  const values = h.realServer!.sysctls;
  const wrong = Object.entries(wanted)
    .filter(([key, want]) => values[key] !== want)
    .map(([key, want]) => `${key} = ${values[key] ?? '(absent)'} (want ${want})`);
  if (wrong.length) {
    const tunnel = wrong.some((w) => w.includes('rp_filter'));
    const arp = wrong.some((w) => w.includes('arp_'));
    const harm = [
      arp ? 'it may answer ARP for the VIPs on its lo' : '',
      tunnel ? "it drops the clients' packets that come out of tunl0" : '',
    ]
      .filter(Boolean)
      .join('; ');
    return row('fail', `${h.host}: ${wrong.join(', ')}: ${harm}`);
  }
  return row(
    'pass',
    Object.entries(wanted)
      .map(([k, v]) => `${k.replace('net.ipv4.conf.', '')}=${v}`)
      .join(' '),
  );
}
