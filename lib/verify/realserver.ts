// The real-server side of LVS-DR: every VIP the host serves on lo as /32
// (/128), on no other interface, and the four ARP sysctls. A VIP missing
// from lo is a fail: the directors keep sending that VIP's packets to the
// host (its health check targets the real IP and still passes) and the host
// drops them. Wrong ARP sysctls are a fail too: the host may answer ARP for
// a VIP and pull its traffic past the directors.

import { canonicalIp, ipFamily } from '../inventory/address.js';
import { REALSERVERS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { DR_CLIENT_UNIT_NAME, drClientVips } from '../render/dr-client.js';
import { REALSERVER_SYSCTLS } from '../render/sysctl.js';
import type { CheckResult, Observations, ReachedHost } from './types.js';

export function checkRealServers(cluster: Cluster, obs: Observations): CheckResult[] {
  const members = cluster.groups[REALSERVERS] ?? [];
  const out: CheckResult[] = [];
  for (const h of obs.hosts) {
    if (!h.reachable || !members.includes(h.host)) continue;
    const vips = drClientVips(cluster, h.host);
    if (vips.length > 0) out.push(vipsRow(h, vips));
    if (h.realServer) out.push(arpRow(h));
  }
  return out;
}

function vipsRow(h: ReachedHost, vips: string[]): CheckResult {
  const row = (status: CheckResult['status'], detail: string): CheckResult => ({
    check: 'realserver-vips',
    target: h.host,
    host: h.host,
    status,
    detail,
  });
  const problems: string[] = [];
  const fine: string[] = [];
  for (const vip of vips) {
    const want = canonicalIp(vip) ?? vip;
    const full = ipFamily(vip) === 6 ? 128 : 32;
    const where = h.interfaces.flatMap((i) =>
      i.addresses.filter((a) => (canonicalIp(a.address) ?? a.address) === want).map((a) => ({ dev: i.name, prefix: a.prefix })),
    );
    const onLo = where.find((w) => w.dev === 'lo');
    const elsewhere = where.filter((w) => w.dev !== 'lo').map((w) => w.dev);
    if (!onLo) problems.push(`${vip} is not on lo`);
    else if (onLo.prefix !== full) problems.push(`${vip} is on lo as /${onLo.prefix}, not /${full}`);
    else fine.push(`${vip}/${full}`);
    if (elsewhere.length) problems.push(`${vip} is also on ${elsewhere.join(', ')} (answers ARP for it)`);
  }
  if (problems.length) {
    return row(
      'fail',
      `${h.host}: ${problems.join('; ')}; the directors still send it this VIP's requests (systemctl reload ${DR_CLIENT_UNIT_NAME}, or lvs-play deploy)`,
    );
  }
  return row('pass', `${fine.join(', ')} on lo`);
}

function arpRow(h: ReachedHost): CheckResult {
  const row = (status: CheckResult['status'], detail: string): CheckResult => ({
    check: 'realserver-arp',
    target: h.host,
    host: h.host,
    status,
    detail,
  });
  const values = h.realServer!.sysctls;
  const wrong = Object.entries(REALSERVER_SYSCTLS)
    .filter(([key, want]) => values[key] !== want)
    .map(([key, want]) => `${key} = ${values[key] ?? '(absent)'} (want ${want})`);
  if (wrong.length) return row('fail', `${h.host}: ${wrong.join(', ')}: it may answer ARP for the VIPs on its lo`);
  return row(
    'pass',
    Object.entries(REALSERVER_SYSCTLS)
      .map(([k, v]) => `${k.replace('net.ipv4.conf.', '')}=${v}`)
      .join(' '),
  );
}
