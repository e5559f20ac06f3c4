// The waits and checks around a drained real server's change: its active
// connections on every director's IPVS table, its health check's request
// sent from a director, and its weight back in every table. Where the
// directors keep no IPVS table (keepalived VRRP-only, or no IP_VS in the
// kernel) connections and weights cannot be seen: the step says so and
// never reports it as passed.

import { batchFacts } from '../facts/batch.js';
import type { Fact } from '../facts/fact.js';
import { httpProbeFact, type HttpProbeResult } from '../facts/http-probe.js';
import type { IpvsVirtualService } from '../facts/ipvs.js';
import { tcpConnectFact, type TcpConnectResult } from '../facts/tcp-connect.js';
import { canonicalIp } from '../inventory/address.js';
import type { Cluster, RealServer } from '../inventory/types.js';
import type { DirectorView } from './director-view.js';
import type { Probe } from './wait-until.js';
import type { Transport } from '../ssh/transport.js';

const same = (a: string, b: string) => (canonicalIp(a) ?? a) === (canonicalIp(b) ?? b);

/** Why the tables cannot be read, or null when every director has one. */
export function tablesUnreadable(cluster: Cluster, views: DirectorView[]): string | null {
  if (cluster.keepalived.mode === 'vrrp-only') return 'keepalived runs VRRP-only (keepalived.mode "vrrp-only"): the directors keep no IPVS table';
  const bad = views.filter((v) => !v.ipvs?.table);
  if (bad.length === 0) return null;
  return bad.map((v) => `${v.director}: ${v.error ?? v.ipvs?.error ?? `IP_VS ${v.ipvs?.support ?? 'unknown'}`}`).join('; ');
}

/** Every entry for the real servers' addresses, per director. */
function entries(cluster: Cluster, views: DirectorView[], realServers: string[]) {
  const addresses = cluster.hosts.filter((h) => realServers.includes(h.name)).map((h) => ({ host: h.name, address: h.address }));
  return views.flatMap((v) => (v.ipvs?.table ?? []).flatMap((svc: IpvsVirtualService) => svc.realServers
    .map((r) => ({ director: v.director, svc, r, host: addresses.find((a) => same(a.address, r.address))?.host }))
    .filter((e) => e.host !== undefined)));
}

export function connectionsProbe(cluster: Cluster, views: () => Promise<DirectorView[]>, realServers: string[]): () => Promise<Probe> {
  return async () => {
    const e = entries(cluster, await views(), realServers);
    const active = e.reduce((n, x) => n + x.r.activeConnections, 0);
    const detail = e.filter((x) => x.r.activeConnections > 0).map((x) => `${x.host} ${x.r.activeConnections} on ${x.director} ${x.svc.address}:${x.svc.port}`);
    return { done: active === 0, state: active === 0 ? `no active connection (weights ${[...new Set(e.map((x) => `${x.host}=${x.r.weight}`))].join(', ')})` : `active: ${detail.join(', ')}` };
  };
}

/** The inventory's real-server entries of these hosts, with their service. */
function wanted(cluster: Cluster, realServers: string[]): { vip: string; port: number; protocol: string; rs: RealServer }[] {
  return cluster.vips.flatMap((v) => v.services.flatMap((s) => s.realServers.filter((r) => realServers.includes(r.host)).map((rs) => ({ vip: s.vip, port: s.port, protocol: s.protocol, rs }))));
}

export function weightsProbe(cluster: Cluster, views: () => Promise<DirectorView[]>, realServers: string[], directors: string[]): () => Promise<Probe> {
  return async () => {
    const vs = (await views()).filter((v) => directors.includes(v.director));
    const wrong: string[] = [];
    for (const v of vs) {
      for (const w of wanted(cluster, realServers)) {
        const svc = v.ipvs?.table?.find((t) => t.protocol === w.protocol && same(t.address, w.vip) && t.port === w.port);
        const r = svc?.realServers.find((x) => same(x.address, w.rs.address) && x.port === w.rs.port);
        if (!r || r.weight !== w.rs.weight) wrong.push(`${w.rs.host} on ${v.director} ${w.vip}:${w.port}: ${r ? `weight ${r.weight}` : 'absent'}, want ${w.rs.weight}`);
      }
    }
    return { done: wrong.length === 0, state: wrong.length ? wrong.join('; ') : 'every director has them at the inventory\'s weight' };
  };
}

type ServingFact = { what: string; fact: Fact<HttpProbeResult> | Fact<TcpConnectResult>; expect: number | null };

/** Each real server's health check, as keepalived would send it, from one director. */
export async function checkServing(cluster: Cluster, from: Transport, realServers: string[]): Promise<string[]> {
  const checks: ServingFact[] = [];
  for (const w of wanted(cluster, realServers)) {
    const h = w.rs.healthCheck;
    const what = `${w.rs.host} ${h.type} ${w.rs.address}:${h.port}${h.type === 'HTTP_GET' ? h.path ?? '/' : ''}`;
    if (checks.some((c) => c.what === what)) continue;
    checks.push(h.type === 'HTTP_GET'
      ? { what, fact: httpProbeFact({ address: w.rs.address, port: h.port, path: h.path ?? '/' }), expect: h.status ?? 200 }
      : { what, fact: tcpConnectFact(w.rs.address, h.port), expect: null });
  }
  const batch = batchFacts(checks.map((c) => c.fact as Fact<unknown>));
  const r = await from.exec('sh -s', { stdin: batch.script, timeoutMs: 30_000 + checks.length * 6000 });
  const values = batch.parse(r.stdout);
  const problems: string[] = [];
  for (const c of checks) {
    const v = values.get(c.fact as Fact<unknown>) as HttpProbeResult | TcpConnectResult;
    if ('connected' in v) { if (!v.connected) problems.push(`${c.what}: no connection (${v.error})`); }
    else if (v.status !== c.expect) problems.push(`${c.what}: ${v.status === null ? `no answer (${v.error})` : `HTTP ${v.status}, want ${c.expect}`}`);
  }
  if (problems.length) throw new Error(`the health check does not see it serving, from ${from.host.name}: ${problems.join('; ')}`);
  return checks.map((c) => c.what);
}
