// The waits and checks around a drained real server's change: its active
// connections on every director's IPVS table, its health check's request
// sent from a director, and its weight back in every table. Where the
// directors keep no IPVS table (keepalived VRRP-only, or no IP_VS in the
// kernel) connections and weights cannot be seen: the step says so and
// never reports it as passed.

import { type DnsProbeResult, dnsProbeFact } from '../facts/dns-probe.js';
import type { Fact } from '../facts/fact.js';
import { type HttpProbeResult, httpProbeFact } from '../facts/http-probe.js';
import type { IpvsVirtualService } from '../facts/ipvs.js';
import { type MiscCheckResult, miscCheckFact, miscCheckVerdict } from '../facts/misc-check.js';
import { type TcpConnectResult, tcpConnectFact } from '../facts/tcp-connect.js';
import { type UdpProbeResult, udpProbeFact } from '../facts/udp-probe.js';
import { sameIp } from '../inventory/address.js';
import { hostAddresses } from '../inventory/host-addresses.js';
import { serviceAddress } from '../inventory/service-label.js';
import type { Cluster, RealServer, Service } from '../inventory/types.js';
import { gatherFacts } from '../run/gather.js';
import type { Transport } from '../ssh/transport.js';
import { ipvsEntryOf } from '../verify/ipvs-table.js';
import type { DirectorView } from './director-view.js';
import { HealthCheckFailed } from './errors.js';
import type { OutOfPool } from './out-of-pool.js';
import type { Probe } from './wait-until.js';

/** Why the tables cannot be read, or null when every director has one. */
export function tablesUnreadable(cluster: Cluster, views: DirectorView[]): string | null {
  if (cluster.keepalived.mode === 'vrrp-only')
    return 'keepalived runs VRRP-only (keepalived.mode "vrrp-only"): the directors keep no IPVS table';
  const bad = views.filter((v) => !v.ipvs?.table);
  if (bad.length === 0) return null;
  return bad.map((v) => `${v.director}: ${v.error ?? v.ipvs?.error ?? `IP_VS ${v.ipvs?.support ?? 'unknown'}`}`).join('; ');
}

/** Every entry for the real servers' addresses, per director. */
function entries(cluster: Cluster, views: DirectorView[], realServers: string[]) {
  const addresses = cluster.hosts
    .filter((h) => realServers.includes(h.name))
    .flatMap((h) => hostAddresses(h).map((address) => ({ host: h.name, address })));
  return views.flatMap((v) =>
    (v.ipvs?.table ?? []).flatMap((svc: IpvsVirtualService) =>
      svc.realServers
        .map((r) => ({ director: v.director, svc, r, host: addresses.find((a) => sameIp(a.address, r.address))?.host }))
        .filter((e) => e.host !== undefined),
    ),
  );
}

export function connectionsProbe(cluster: Cluster, views: () => Promise<DirectorView[]>, realServers: string[]): () => Promise<Probe> {
  return async () => {
    const e = entries(cluster, await views(), realServers);
    const active = e.reduce((n, x) => n + x.r.activeConnections, 0);
    const detail = e
      .filter((x) => x.r.activeConnections > 0)
      .map(
        (x) =>
          `${x.host} ${x.r.activeConnections} on ${x.director} ${x.svc.protocol === 'FWM' ? `fwmark ${x.svc.address}` : `${x.svc.address}:${x.svc.port}`}`,
      );
    return {
      done: active === 0,
      state:
        active === 0
          ? `no active connection (weights ${[...new Set(e.map((x) => `${x.host}=${x.r.weight}`))].join(', ')})`
          : `active: ${detail.join(', ')}`,
    };
  };
}

/** The inventory's real-server entries of these hosts, with their service. */
function wanted(cluster: Cluster, realServers: string[]): { service: Service; rs: RealServer }[] {
  return cluster.vips.flatMap((v) =>
    v.services.flatMap((s) => s.realServers.filter((r) => realServers.includes(r.host)).map((rs) => ({ service: s, rs }))),
  );
}

export function weightsProbe(
  cluster: Cluster,
  views: () => Promise<DirectorView[]>,
  realServers: string[],
  directors: string[],
): () => Promise<Probe> {
  return async () => {
    const vs = (await views()).filter((v) => directors.includes(v.director));
    const wrong: string[] = [];
    for (const v of vs) {
      for (const w of wanted(cluster, realServers)) {
        const svc = v.ipvs?.table ? ipvsEntryOf(v.ipvs.table, w.service) : undefined;
        const r = svc?.realServers.find((x) => sameIp(x.address, w.rs.address) && x.port === w.rs.port);
        if (!r || r.weight !== w.rs.weight)
          wrong.push(
            `${w.rs.host} on ${v.director} ${serviceAddress(w.service)}: ${r ? `weight ${r.weight}` : 'absent'}, want ${w.rs.weight}`,
          );
      }
    }
    return { done: wrong.length === 0, state: wrong.length ? wrong.join('; ') : "every director has them at the inventory's weight" };
  };
}

interface HealthRequest {
  service: string;
  host: string;
  what: string;
  fact: Fact<unknown>;
  /** the problem with what came back, or null when it answered as the check wants */
  judge: (value: unknown) => string | null;
  /** how long it may take: the probes are bounded to 5 s, a MISC_CHECK by its own timeout */
  budgetMs: number;
}

/** How long a UDP_CHECK's probe waits for an ICMP unreachable: it comes within milliseconds when it comes. */
const UDP_WAIT_SECONDS = 2;

/** The request each real server's health check sends, once per host and check: every kind keepalived has. */
function healthRequests(cluster: Cluster, realServers: string[]): HealthRequest[] {
  return wanted(cluster, realServers).map((w) => {
    const h = w.rs.healthCheck;
    const web = h.type === 'HTTP_GET' || h.type === 'SSL_GET';
    const what =
      h.type === 'MISC_CHECK'
        ? `${w.rs.host} MISC_CHECK ${h.command}`
        : `${w.rs.host} ${h.type} ${w.rs.address}:${h.port}${web ? (h.path ?? '/') : ''}`;
    const base = { service: serviceAddress(w.service), host: w.rs.host, what, budgetMs: 6000 };
    switch (h.type) {
      case 'HTTP_GET':
      case 'SSL_GET': {
        const expect = h.status ?? 200;
        const tls = h.type === 'SSL_GET';
        return {
          ...base,
          fact: httpProbeFact({ address: w.rs.address, port: h.port, path: h.path ?? '/', ...(tls ? { tls } : {}) }),
          judge: (v) => {
            const r = v as HttpProbeResult;
            return r.status === expect ? null : r.status === null ? `no answer (${r.error})` : `HTTP ${r.status}, want ${expect}`;
          },
        };
      }
      case 'MISC_CHECK':
        return {
          ...base,
          budgetMs: 1000 * (h.connectTimeout + 1),
          fact: miscCheckFact(h.command!, h.connectTimeout),
          judge: (v) => miscCheckVerdict(v as MiscCheckResult, h.dynamic === true),
        };
      case 'UDP_CHECK':
        return {
          ...base,
          fact: udpProbeFact(w.rs.address, h.port, UDP_WAIT_SECONDS),
          judge: (v) => ((v as UdpProbeResult).up ? null : (v as UdpProbeResult).detail),
        };
      case 'DNS_CHECK':
        return {
          ...base,
          fact: dnsProbeFact(w.rs.address, h.port, h.query ?? { type: 'SOA', name: '.' }),
          judge: (v) => ((v as DnsProbeResult).up ? null : (v as DnsProbeResult).detail),
        };
      default:
        return {
          ...base,
          fact: tcpConnectFact(w.rs.address, h.port),
          judge: (v) => ((v as TcpConnectResult).connected ? null : `no connection (${(v as TcpConnectResult).error})`),
        };
    }
  });
}

/** Sends the requests from one director in one round trip: each one's problem, or null when it answered as the check wants. */
async function sendRequests(from: Transport, requests: HealthRequest[]): Promise<Map<HealthRequest, string | null>> {
  // each request may take its own timeout, one after the other
  const timeouts = requests.reduce((ms, c) => ms + c.budgetMs, 0);
  const values = await gatherFacts(
    from,
    requests.map((c) => c.fact),
    { timeoutMs: 30_000 + timeouts },
  );
  return new Map(
    requests.map((c) => {
      const problem = c.judge(values.get(c.fact));
      return [c, problem === null ? null : `${c.what}: ${problem}`];
    }),
  );
}

/** Each real server's health check, as keepalived would send it, from one director: every one must answer. */
export async function checkServing(cluster: Cluster, from: Transport, realServers: string[]): Promise<string[]> {
  const requests = uniqueByWhat(healthRequests(cluster, realServers));
  const problems = [...(await sendRequests(from, requests)).values()].filter((p): p is string => p !== null);
  if (problems.length)
    throw new HealthCheckFailed(`the health check does not see it serving, from ${from.host.name}: ${problems.join('; ')}`, {
      hosts: realServers,
    });
  return requests.map((c) => c.what);
}

/**
 * Before a batch is drained: every service it serves keeps at least one
 * other real server answering its health check, or draining would leave
 * that service with nothing to send requests to. `drained`: real servers a
 * drain left out of the pool (recorded, or their switch seen set on a
 * director: out-of-pool.ts), which answer their health check but take no
 * new connection, so they do not count.
 */
export async function checkCapacity(cluster: Cluster, from: Transport, batch: string[], drained: OutOfPool = new Map()): Promise<string[]> {
  const services = new Set(healthRequests(cluster, batch).map((r) => r.service));
  const outOfPool = (h: string) => batch.includes(h) || drained.has(h);
  const others = cluster.vips
    .flatMap((v) => v.services)
    .flatMap((s) => s.realServers.map((r) => r.host))
    .filter((h) => !outOfPool(h));
  const requests = healthRequests(cluster, [...new Set(others)]).filter((r) => services.has(r.service));
  const results = await sendRequests(from, requests);
  const out: string[] = [];
  const empty: string[] = [];
  for (const service of services) {
    const mine = requests.filter((r) => r.service === service);
    const serving = mine.filter((r) => results.get(r) === null).map((r) => r.host);
    if (serving.length) {
      out.push(`${service} keeps ${serving.join(', ')}`);
      continue;
    }
    const whyOut = [
      ...new Set(
        healthRequests(
          cluster,
          [...drained.keys()].filter((h) => !batch.includes(h)),
        )
          .filter((r) => r.service === service)
          .map((r) => `${r.host} ${drained.get(r.host)}`),
      ),
    ];
    const why = [...whyOut, ...mine.map((r) => results.get(r))];
    empty.push(`${service}: ${why.length ? why.join('; ') : 'no other real server'}`);
  }
  if (empty.length)
    throw new HealthCheckFailed(
      `draining ${batch.join(', ')} would leave no real server answering its health check (from ${from.host.name}): ${empty.join('; ')}`,
      { hosts: batch },
    );
  return out;
}

function uniqueByWhat(requests: HealthRequest[]): HealthRequest[] {
  return requests.filter((r, i) => requests.findIndex((x) => x.what === r.what) === i);
}
