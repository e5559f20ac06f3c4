// Cluster rules about virtual services: one service per (port, protocol) on
// a VIP, real servers that are inventory hosts in group "realservers" (only
// they get the VIP on lo), of the VIP's address family, listed once, and on
// the service's own port when forwarding cannot rewrite it (DR, TUN).

import type { InventoryProblem } from '../errors.js';
import { ipFamily } from './address.js';
import { DEFAULTS, REALSERVERS } from './defaults.js';
import { rawHostAddresses } from './host-addresses.js';
import { pointer } from './pointer.js';
import { arr, int, listOf, members, type Obj, obj, str } from './view.js';

interface SorryContext {
  at: (...rest: (string | number)[]) => string;
  addressOf: Map<string, string[]>;
  realservers: string[];
  vipFamily: 4 | 6 | null;
  port: number | undefined;
  forwarding: string;
  realServerHosts: (string | undefined)[];
}

/** A sorry server is a realservers host (it needs the VIP on lo), of the VIP's family, on the service's port for DR/TUN, and not one of the service's own real servers. */
function sorryServerRules(sorry: Obj | undefined, c: SorryContext): InventoryProblem[] {
  const host = str(sorry?.host);
  if (!sorry || host === undefined) return [];
  const where = c.at('sorryServer', 'host');
  const addresses = c.addressOf.get(host);
  if (addresses === undefined)
    return [{ path: where, message: `"${host}" is not an inventory host; use one of: ${listOf(c.realservers)}` }];
  const problems: InventoryProblem[] = [];
  if (!c.realservers.includes(host))
    problems.push({
      path: where,
      message: `"${host}" is not in group "realservers", so it would not get the VIP on lo and would drop the traffic; add it to groups.realservers`,
    });
  if (c.realServerHosts.includes(host))
    problems.push({
      path: where,
      message: `"${host}" is a real server of this service; a sorry server must be another host (it only takes traffic when every real server is down)`,
    });
  const familyProblem = familyMismatch(`"${host}"`, addresses, c.vipFamily, '');
  if (familyProblem) problems.push({ path: where, message: familyProblem });
  const sorryPort = int(sorry.port);
  if (sorryPort !== undefined && c.port !== undefined && sorryPort !== c.port && (c.forwarding === 'DR' || c.forwarding === 'TUN')) {
    problems.push({
      path: c.at('sorryServer', 'port'),
      message: `${c.forwarding} forwarding cannot change the port: the sorry server receives VIP:${c.port}, so its port must be ${c.port}`,
    });
  }
  return problems;
}

/** Why a host cannot take a VIP's traffic for want of an address of its family, or null. */
function familyMismatch(what: string, addresses: string[], vipFamily: 4 | 6 | null, why: string): string | null {
  if (vipFamily === null || addresses.some((a) => ipFamily(a) === vipFamily || ipFamily(a) === null)) return null;
  const other = vipFamily === 4 ? 6 : 4;
  return `${what} has the IPv${other} address ${addresses[0]} but the VIP is IPv${vipFamily}${why}; give the host "ipv${vipFamily}" if it is dual-stack`;
}

/** A quorum the service's real servers can reach (else it is never up), and a hysteresis below it. */
function quorumRules(quorum: Obj | undefined, at: (...rest: (string | number)[]) => string, list: (Obj | undefined)[]): InventoryProblem[] {
  const weight = int(quorum?.weight);
  if (weight === undefined) return [];
  const problems: InventoryProblem[] = [];
  const total = list.reduce((sum, rs) => sum + (int(rs?.weight) ?? DEFAULTS.realServer.weight), 0);
  if (weight > total)
    problems.push({
      path: at('quorum', 'weight'),
      message: `${weight} is more than the ${total} all of this service's real servers weigh together, so it would never be up; use at most ${total}`,
    });
  const hysteresis = int(quorum?.hysteresis);
  if (hysteresis !== undefined && hysteresis >= weight)
    problems.push({
      path: at('quorum', 'hysteresis'),
      message: `${hysteresis} is not below the quorum weight ${weight}, so the service would never count as down; use at most ${weight - 1}`,
    });
  return problems;
}

export function serviceRules(inv: Obj): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const addressOf = new Map<string, string[]>();
  for (const h of arr(inv.hosts).map(obj)) {
    const name = str(h?.name);
    const addresses = rawHostAddresses(h);
    if (name !== undefined && addresses.length > 0 && !addressOf.has(name)) addressOf.set(name, addresses);
  }
  const realservers = members(obj(inv.groups), REALSERVERS);

  arr(inv.vips).forEach((rawVip, i) => {
    const vip = obj(rawVip);
    const vipFamily = ipFamily(str(vip?.address) ?? '');
    const seen = new Map<string, number>();
    arr(vip?.services).forEach((rawService, j) => {
      const service = obj(rawService);
      if (!service) return;
      const at = (...rest: (string | number)[]) => pointer('vips', i, 'services', j, ...rest);
      const port = int(service.port);
      const protocol = str(service.protocol) ?? DEFAULTS.service.protocol;
      // a port of the VIP belongs to one service, whether named as "port" or among a fwmark service's "ports"
      const taken: [number | undefined, string[]][] =
        service.fwmark === undefined ? [[port, ['port']]] : arr(service.ports).map((p, k) => [int(p), ['ports', String(k)]]);
      for (const [p, where] of taken) {
        if (p === undefined) continue;
        const key = `${protocol} ${p}`;
        const k = seen.get(key);
        if (k === j) continue; // listed twice in its own "ports": the schema says so
        if (k !== undefined) {
          problems.push({
            path: at(...where),
            message: `${protocol} port ${p} is already /vips/${i}/services/${k}; merge the two or use another port`,
          });
        } else seen.set(key, j);
      }
      // keepalived's UDP_CHECK and DNS_CHECK speak UDP, TCP_CHECK, HTTP_GET and SSL_GET TCP (MISC_CHECK either): a UDP
      // service gets a UDP check, or a TCP check of a port named on purpose (a DNS server's TCP 53), never the TCP default
      const hc = obj(service.healthCheck);
      const check = str(hc?.type) ?? DEFAULTS.healthCheck.type;
      const overUdp = ['UDP_CHECK', 'DNS_CHECK', 'MISC_CHECK'].includes(check);
      if (protocol === 'UDP' && !overUdp && int(hc?.port) === undefined) {
        problems.push({
          path: hc === undefined ? at('protocol') : at('healthCheck', 'type'),
          message: `a UDP service cannot be checked with ${check}${hc === undefined ? ' (the default)' : ''} on its own port, which TCP does not serve; use UDP_CHECK, DNS_CHECK or MISC_CHECK, or give the TCP port to check (e.g. 53 for a DNS server that answers over TCP too)`,
        });
      }
      if (protocol === 'TCP' && (check === 'UDP_CHECK' || check === 'DNS_CHECK')) {
        problems.push({
          path: at('healthCheck', 'type'),
          message: `${check} checks over UDP, and this service is TCP; use TCP_CHECK, HTTP_GET, SSL_GET or MISC_CHECK`,
        });
      }
      const forwarding = str(service.forwarding) ?? DEFAULTS.service.forwarding;
      const scheduler = str(service.scheduler) ?? DEFAULTS.service.scheduler;
      arr(service.schedulerFlags).forEach((flag, k) => {
        const f = str(flag);
        if (f !== undefined && !f.startsWith(`${scheduler}-`)) {
          problems.push({
            path: at('schedulerFlags', k),
            message: `"${f}" is a flag of the ${f.split('-')[0]} scheduler, and this service uses ${scheduler}; ${scheduler === 'sh' || scheduler === 'mh' ? `use ${scheduler}-port or ${scheduler}-fallback` : 'only sh and mh take flags'}`,
          });
        }
      });

      const explicit = service.realServers !== undefined;
      const list = explicit ? arr(service.realServers).map(obj) : realservers.map((host) => ({ host }) as Obj);
      const listed = new Map<string, number>();
      list.forEach((rs, k) => {
        const host = str(rs?.host);
        if (host === undefined) return;
        const where = explicit ? at('realServers', k, 'host') : at();
        const what = explicit ? `"${host}"` : `default real server "${host}" (group realservers)`;
        const addresses = addressOf.get(host);
        if (addresses === undefined) {
          if (explicit) problems.push({ path: where, message: `"${host}" is not an inventory host; use one of: ${listOf(realservers)}` });
          return;
        }
        if (explicit && !realservers.includes(host)) {
          problems.push({
            path: where,
            message: `"${host}" is not in group "realservers", so it would not get the VIP on lo and would drop the traffic; add it to groups.realservers`,
          });
        }
        const familyProblem = familyMismatch(what, addresses, vipFamily, "; IPVS forwards to real servers of the VIP's family only");
        if (familyProblem) problems.push({ path: where, message: familyProblem });
        const rsPort = int(rs?.port) ?? port;
        const key = `${host} ${rsPort}`;
        const first = listed.get(key);
        if (first !== undefined) {
          problems.push({ path: where, message: `"${host}" port ${rsPort} is already real server ${first} of this service; list it once` });
        } else listed.set(key, k);
        if (explicit && rs?.port !== undefined && port !== undefined && rsPort !== port && (forwarding === 'DR' || forwarding === 'TUN')) {
          problems.push({
            path: at('realServers', k, 'port'),
            message: `${forwarding} forwarding cannot change the port: the real server receives VIP:${port}, so its port must be ${port} (or use "forwarding": "NAT")`,
          });
        }
      });
      problems.push(
        ...sorryServerRules(obj(service.sorryServer), {
          at,
          addressOf,
          realservers,
          vipFamily,
          port,
          forwarding,
          realServerHosts: list.map((rs) => str(rs?.host)),
        }),
        ...quorumRules(obj(service.quorum), at, list),
      );
    });
  });
  return problems;
}
