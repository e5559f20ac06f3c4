// The end-to-end probe: from a host the user names, one HTTP GET to every
// VIP's TCP service, reporting which real server answered (a page naming its
// host, as the lab's real servers serve). The path is the service's HTTP_GET
// or SSL_GET health-check path when it has one (a page keepalived already
// expects to be served), else "/"; a service checked with SSL_GET speaks TLS,
// so it is probed over HTTPS.

import type { Cluster } from '../inventory/types.js';
import type { CheckResult, Observations, ProbeTarget } from './types.js';

export function probeTargets(cluster: Cluster): ProbeTarget[] {
  return cluster.vips.flatMap((vip) =>
    // a fwmark service is probed on each of its ports: each is marked by its own rule
    vip.services.flatMap((s) =>
      (s.fwmark ? s.fwmark.ports : [s.port]).map((port) => {
        const web = s.realServers.find((r) => r.healthCheck.type === 'HTTP_GET' || r.healthCheck.type === 'SSL_GET')?.healthCheck;
        return {
          vip: vip.address,
          port,
          protocol: s.protocol,
          path: web?.path ?? '/',
          ...(web?.type === 'SSL_GET' ? { tls: true } : {}),
          realServers: s.realServers.map((r) => r.host),
        };
      }),
    ),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The real server the page names: the longest host name found as a whole word. */
export function answeringHost(body: string, candidates: string[]): string | null {
  const found = candidates.filter((name) => new RegExp(`(^|[^A-Za-z0-9_.-])${escapeRegExp(name)}($|[^A-Za-z0-9_-])`).test(body));
  return found.sort((a, b) => b.length - a.length)[0] ?? null;
}

function excerpt(body: string): string {
  const line =
    body
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

export function checkProbe(cluster: Cluster, obs: Observations): CheckResult[] {
  const probe = obs.probe;
  // where no director forwards, an answer can only come from the director itself
  const why = cluster.keepalived.mode === 'vrrp-only' ? ' (keepalived.mode is "vrrp-only": no director forwards to the real servers)' : '';
  if (!probe) return [];
  if (probe.error !== null) {
    return [
      { check: 'probe', target: probe.from, host: probe.from, status: 'fail', detail: `cannot probe from ${probe.from}: ${probe.error}` },
    ];
  }
  return probe.results.map(({ target, result }): CheckResult => {
    const where = `${target.vip.includes(':') ? `[${target.vip}]` : target.vip}:${target.port}`;
    const row = { check: 'probe' as const, target: `${where} from ${probe.from}`, host: probe.from, vip: target.vip, port: target.port };
    if (target.protocol !== 'TCP' || result === null)
      return { ...row, status: 'not-checkable', detail: `not checkable: ${target.protocol} (the probe speaks HTTP over TCP)` };
    if (result.status === null)
      return {
        ...row,
        status: 'fail',
        detail: `no answer to GET ${target.path} (${result.tool}): ${result.error ?? 'unknown error'}${why}`,
      };
    const by = answeringHost(result.body, target.realServers);
    const who = by
      ? `answered by ${by}`
      : `answered, page names no real server${excerpt(result.body) ? ` ("${excerpt(result.body)}")` : ''}`;
    const status = result.status < 400 ? 'pass' : 'degraded';
    return {
      ...row,
      status,
      detail: `${target.tls ? 'HTTPS' : 'HTTP'} ${result.status} for GET ${target.path}, ${who} (${result.tool})`,
      ...(by ? { answeredBy: by } : {}),
    };
  });
}
