// Each director's IPVS table against the inventory: every virtual service
// with its scheduler and persistence, every real server with its forwarding
// method and weight. keepalived's health checker keeps the table on both
// directors (not only the VIP's holder), so both are compared.
//
// A real server missing or at weight 0 (health check failing: every real
// server has inhibit_on_failure) is degraded; no real server taking traffic,
// a missing service, or a table that differs in what keepalived was told
// (scheduler, persistence, forwarding) is a fail. Where the table cannot
// exist (keepalived runs VRRP-only, or the kernel has no IP_VS) the row says
// so as not-checkable: never a pass.

import type { IpvsState, IpvsVirtualService } from '../facts/ipvs.js';
import { sameIp } from '../inventory/address.js';
import { DIRECTORS } from '../inventory/defaults.js';
import { serviceLabel } from '../inventory/service-label.js';
import type { Cluster, Service } from '../inventory/types.js';
import type { CheckResult, CheckStatus, Observations, ReachedHost } from './types.js';

/** The inventory's forwarding method in ipvsadm's words. */
export const IPVSADM_FORWARDING: Record<Service['forwarding'], string> = { DR: 'Route', NAT: 'Masq', TUN: 'Tunnel' };

const worst = (a: CheckStatus, b: CheckStatus): CheckStatus =>
  a === 'fail' || b === 'fail' ? 'fail' : a === 'degraded' || b === 'degraded' ? 'degraded' : a;
const serviceName = (protocol: string, address: string, port: number) =>
  protocol === 'FWM' ? `fwmark ${address}` : `${protocol} ${address.includes(':') ? `[${address}]` : address}:${port}`;

/** The service's row in an IPVS table: by VIP, port and protocol, or a fwmark service (a FWM row) by its mark. */
export function ipvsEntryOf(
  table: IpvsVirtualService[],
  s: Pick<Service, 'vip' | 'port' | 'protocol' | 'fwmark'>,
): IpvsVirtualService | undefined {
  return s.fwmark
    ? table.find((e) => e.protocol === 'FWM' && e.address === String(s.fwmark!.mark))
    : table.find((e) => e.protocol === s.protocol && sameIp(e.address, s.vip) && e.port === s.port);
}

export function checkIpvsTables(cluster: Cluster, obs: Observations): CheckResult[] {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const out: CheckResult[] = [];
  for (const h of obs.hosts) {
    if (!h.reachable || !h.director || !directors.includes(h.host)) continue;
    const unusable = unusableTable(cluster, h.host, h.director.ipvs);
    if (unusable) out.push({ check: 'ipvs', target: h.host, host: h.host, ...unusable });
    else out.push(...compareTable(cluster, h, h.director.ipvs.table!));
  }
  return out;
}

/** Why this director's table cannot be compared, with the status that says it. */
function unusableTable(cluster: Cluster, host: string, ipvs: IpvsState): { status: CheckStatus; detail: string } | null {
  const kernel = `kernel ${ipvs.kernelRelease || '?'}`;
  const support =
    ipvs.support === 'loaded'
      ? `IP_VS loaded (${kernel})`
      : ipvs.support === 'module'
        ? `ip_vs is a module, not loaded (${kernel})`
        : `no IP_VS in ${kernel}`;
  if (cluster.keepalived.mode === 'vrrp-only') {
    return {
      status: 'not-checkable',
      detail: `not checkable: keepalived runs VRRP-only here (keepalived.mode "vrrp-only"), so it keeps no IPVS table; ${support}`,
    };
  }
  if (ipvs.support === 'absent') {
    return {
      status: 'fail',
      detail: `${host} has ${support}: it cannot forward to real servers, and keepalived's health checker cannot start (use keepalived.mode "vrrp-only" only where no traffic is served)`,
    };
  }
  if (ipvs.support === 'module') {
    return {
      status: 'fail',
      detail: `${host}: ${support}, so keepalived's health checker is not running (keepalived loads it when it starts)`,
    };
  }
  if (ipvs.table === null) {
    return {
      status: 'fail',
      detail: `could not read the IPVS table of ${host}: ${ipvs.error ?? 'no answer'} (ipvsadm is in packages.directors by default)`,
    };
  }
  return null;
}

function compareTable(cluster: Cluster, h: ReachedHost, table: IpvsVirtualService[]): CheckResult[] {
  const out: CheckResult[] = [];
  const matched = new Set<IpvsVirtualService>();
  for (const s of cluster.vips.flatMap((v) => v.services)) {
    const name = serviceLabel(s);
    const entry = ipvsEntryOf(table, s);
    const row = (status: CheckStatus, detail: string): CheckResult => ({
      check: 'ipvs',
      target: `${h.host} ${name}`,
      host: h.host,
      vip: s.vip,
      port: s.port,
      status,
      detail,
    });
    if (!entry) {
      out.push(row('fail', `${name} is not in the IPVS table of ${h.host} (keepalived has not set it up: check its log)`));
      continue;
    }
    matched.add(entry);
    const { status, detail } = compareService(s, entry);
    out.push(row(status, detail));
  }
  for (const extra of table.filter((e) => !matched.has(e))) {
    const name = serviceName(extra.protocol, extra.address, extra.port);
    out.push({
      check: 'ipvs',
      target: `${h.host} ${name}`,
      host: h.host,
      status: 'degraded',
      detail: `${name} is in the IPVS table of ${h.host} but not in the inventory`,
    });
  }
  return out;
}

function compareService(s: Service, e: IpvsVirtualService): { status: CheckStatus; detail: string } {
  let status: CheckStatus = 'pass';
  const problems: string[] = [];
  const problem = (st: CheckStatus, text: string) => {
    status = worst(status, st);
    problems.push(text);
  };
  if (e.scheduler !== s.scheduler) problem('fail', `scheduler ${e.scheduler}, inventory says ${s.scheduler}`);
  if (e.persistence !== s.persistence) {
    problem(
      'fail',
      `${e.persistence ? `persistent ${e.persistence}` : 'not persistent'}, inventory says ${s.persistence ? `persistent ${s.persistence}` : 'not persistent'}`,
    );
  }
  const seen: string[] = [];
  const matched = new Set<IpvsVirtualService['realServers'][number]>();
  for (const rs of s.realServers) {
    const got = e.realServers.find((r) => sameIp(r.address, rs.address) && r.port === rs.port);
    const who = `${rs.host} (${rs.address}:${rs.port})`;
    if (!got) {
      problem('degraded', `${who} is missing (its health check fails, or keepalived dropped it)`);
      continue;
    }
    matched.add(got);
    const method = IPVSADM_FORWARDING[s.forwarding];
    if (got.forwarding !== method) problem('fail', `${who} forwards by ${got.forwarding}, inventory says ${s.forwarding} (${method})`);
    if (got.weight === 0) problem('degraded', `${who} has weight 0 (health check failing, or drained)`);
    else if (got.weight !== rs.weight) problem('degraded', `${who} has weight ${got.weight}, inventory says ${rs.weight}`);
    seen.push(`${rs.host} w${got.weight} ${got.activeConnections}/${got.inactiveConnections}`);
  }
  const sorry = s.sorryServer;
  for (const extra of e.realServers.filter((r) => !matched.has(r))) {
    // keepalived adds the sorry server to the table only while every real server is down
    if (sorry && sameIp(extra.address, sorry.address) && extra.port === sorry.port)
      problem('degraded', `every real server is down: the sorry server ${sorry.host} (${sorry.address}:${sorry.port}) takes the traffic`);
    else problem('degraded', `${extra.address}:${extra.port} is not a real server of the inventory`);
  }
  if (!e.realServers.some((r) => r.weight > 0)) problem('fail', 'no real server takes traffic');
  const head = `${e.scheduler}${e.persistence ? ` persistent ${e.persistence}` : ''}`;
  if (problems.length) return { status, detail: problems.join('; ') };
  return { status, detail: `${head}; ${seen.join(', ')} (weight active/inactive)` };
}
