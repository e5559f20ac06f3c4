// Fixture observations for the verify rules (pyinfra's way: the parsed values
// the hosts would return). healthy(cluster) is what a freshly deployed
// cluster reads like; each test changes one thing with the helpers below.

import type { FileState } from '../../lib/facts/file.js';
import type { IpvsState, IpvsVirtualService } from '../../lib/facts/ipvs.js';
import { DIRECTORS, REALSERVERS } from '../../lib/inventory/defaults.js';
import type { Cluster } from '../../lib/inventory/types.js';
import { realServerVips } from '../../lib/render/dr-client.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { DEBIAN_LAYOUT } from '../../lib/render/os-layout.js';
import { realServerRuntimeSysctls } from '../../lib/render/sysctl.js';
import { keepalivedFiles } from '../../lib/verify/facts.js';
import { IPVSADM_FORWARDING } from '../../lib/verify/ipvs-table.js';
import type { HostObservation, Observations, ReachedHost } from '../../lib/verify/types.js';
import { service } from '../support/task-facts.js';

const full = (address: string) => (address.includes(':') ? 128 : 32);

/** The IPVS table keepalived builds from the inventory. */
export function inventoryTable(cluster: Cluster): IpvsVirtualService[] {
  return cluster.vips.flatMap((v) =>
    v.services.map((s) => ({
      protocol: s.fwmark ? 'FWM' : s.protocol,
      address: s.fwmark ? String(s.fwmark.mark) : s.vip,
      port: s.port,
      scheduler: s.scheduler,
      persistence: s.persistence,
      flags: [],
      realServers: s.realServers.map((r) => ({
        address: r.address,
        port: r.port,
        forwarding: IPVSADM_FORWARDING[s.forwarding],
        weight: r.weight,
        activeConnections: 0,
        inactiveConnections: 3,
      })),
    })),
  );
}

export function ipvsOf(cluster: Cluster): IpvsState {
  return cluster.keepalived.mode === 'full'
    ? { support: 'loaded', kernelRelease: '6.1.0-18-amd64', table: inventoryTable(cluster), error: null }
    : { support: 'absent', kernelRelease: '6.18.0', table: null, error: null };
}

export function healthy(cluster: Cluster): Observations {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const realServers = cluster.groups[REALSERVERS] ?? [];
  const hosts: HostObservation[] = [];
  for (const h of cluster.hosts) {
    const isDirector = directors.includes(h.name);
    const isRealServer = realServers.includes(h.name);
    if (!isDirector && !isRealServer) continue;
    const eth0 = [{ address: h.address, prefix: h.address.includes(':') ? 64 : 24 }];
    const lo = [{ address: '127.0.0.1', prefix: 8 }];
    if (isDirector) {
      for (const v of cluster.vips.filter((x) => x.master === h.name)) eth0.push({ address: v.address, prefix: full(v.address) });
    }
    const tunl0: { address: string; prefix: number }[] = [];
    if (isRealServer) {
      for (const v of realServerVips(cluster, h.name))
        (v.device === 'lo' ? lo : tunl0).push({ address: v.address, prefix: full(v.address) });
    }
    const rendered = hostFiles(cluster, h.name);
    const files: FileState[] = isDirector
      ? keepalivedFiles(DEBIAN_LAYOUT).map((path) => ({
          path,
          exists: true,
          content: rendered.find((f) => f.path === path)!.content,
          mode: 0o640,
          owner: 'root',
          group: 'root',
        }))
      : [];
    hosts.push({
      host: h.name,
      reachable: true,
      durationMs: 40,
      interfaces: [
        { name: 'lo', up: true, addresses: lo },
        { name: 'eth0', up: true, addresses: eth0 },
        // a LVS-TUN real server's tunnel device (ipip loaded)
        ...(tunl0.length ? [{ name: 'tunl0', up: true, addresses: tunl0 }] : []),
      ],
      ...(isDirector
        ? {
            director: {
              osFamily: 'debian' as const,
              osId: 'debian',
              keepalived: service('keepalived.service'),
              files,
              ipvs: ipvsOf(cluster),
              switches: {},
            },
          }
        : {}),
      ...(isRealServer ? { realServer: { sysctls: realServerRuntimeSysctls(cluster, h.name) } } : {}),
    });
  }
  return { hosts };
}

/** The reached host's observation, to change in place. */
export function host(obs: Observations, name: string): ReachedHost {
  const h = obs.hosts.find((x) => x.host === name);
  if (!h?.reachable) throw new Error(`fixture: ${name} is not a reached host`);
  return h;
}

export function addAddress(obs: Observations, name: string, dev: string, address: string, prefix = full(address)): void {
  const h = host(obs, name);
  let i = h.interfaces.find((x) => x.name === dev);
  if (!i) {
    i = { name: dev, up: true, addresses: [] };
    h.interfaces.push(i);
  }
  i.addresses.push({ address, prefix });
}

export function removeAddress(obs: Observations, name: string, address: string): void {
  for (const i of host(obs, name).interfaces) i.addresses = i.addresses.filter((a) => a.address !== address);
}

export function unreachable(
  obs: Observations,
  name: string,
  error = 'cannot connect to lvs-dr2 (198.18.0.40:22): connection refused',
): void {
  obs.hosts = obs.hosts.map((h) => (h.host === name ? { host: name, reachable: false, error } : h));
}

export function leaveOut(obs: Observations, name: string): void {
  obs.hosts = obs.hosts.filter((h) => h.host !== name);
}
