// The cluster as a graph: directors, the VIPs each is MASTER or BACKUP of,
// each VIP's virtual services and their real servers. Pure: built from the
// inventory alone, and coloured from what verify read when `graph --live`
// passes a LiveState (live.ts). The renderers (mermaid.ts, dot.ts) only draw it.

import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';

export interface GraphHost {
  name: string;
  address: string;
  role: 'director' | 'realserver';
  unreachable?: string;
}
export interface GraphVip {
  address: string;
  instance: string;
  /** director -> its VRRP role and priority, MASTER first */
  directors: { name: string; role: 'MASTER' | 'BACKUP'; priority: number }[];
  /** with --live: the directors that hold the VIP now (one is right; none is down; two is split brain) */
  holders?: string[];
}
export interface GraphService {
  vip: string;
  label: string;
  realServers: { host: string; weight: number; out?: string }[];
}
export interface ClusterGraph {
  cluster: string;
  live: boolean;
  hosts: GraphHost[];
  vips: GraphVip[];
  services: GraphService[];
}

/** What --live read, per director and real server (see live.ts). */
export interface LiveState {
  /** host -> why it could not be read */
  unreachable: Record<string, string>;
  /** VIP address -> directors holding it */
  holders: Record<string, string[]>;
  /** real server host -> why it is out of the pool ("drained on lvs-dr", "weight 0 on lvs-dr2") */
  outOfPool: Record<string, string>;
}

export function clusterGraph(cluster: Cluster, live?: LiveState): ClusterGraph {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const inServices = new Set(cluster.vips.flatMap((v) => v.services.flatMap((s) => s.realServers.map((r) => r.host))));
  const hosts: GraphHost[] = cluster.hosts
    .filter((h) => directors.includes(h.name) || inServices.has(h.name))
    .map((h) => ({
      name: h.name,
      address: h.address,
      role: directors.includes(h.name) ? ('director' as const) : ('realserver' as const),
      ...(live?.unreachable[h.name] ? { unreachable: live.unreachable[h.name] } : {}),
    }));
  const vips: GraphVip[] = cluster.vips.map((v) => ({
    address: v.address,
    instance: v.instance,
    directors: Object.entries(v.priorities)
      .map(([name, priority]) => ({ name, role: name === v.master ? ('MASTER' as const) : ('BACKUP' as const), priority }))
      .sort((a, b) => b.priority - a.priority),
    ...(live ? { holders: live.holders[v.address] ?? [] } : {}),
  }));
  const services: GraphService[] = cluster.vips.flatMap((v) =>
    v.services.map((s) => {
      const check = s.realServers[0]?.healthCheck;
      const checkText = !check ? '' : check.type === 'HTTP_GET' ? ` · HTTP_GET ${check.path ?? '/'}` : ` · ${check.type}`;
      return {
        vip: v.address,
        label: `${s.fwmark ? `fwmark ${s.fwmark.mark} ${s.protocol} ${s.fwmark.ports.join(',')}` : `${s.protocol} ${s.port}`} · ${s.scheduler} · ${s.forwarding}${s.persistence ? ` · persistent ${s.persistence}s` : ''}${checkText}`,
        realServers: s.realServers.map((r) => ({
          host: r.host,
          weight: r.weight,
          ...(live?.outOfPool[r.host] ? { out: live.outOfPool[r.host] } : {}),
        })),
      };
    }),
  );
  return { cluster: cluster.name, live: live !== undefined, hosts, vips, services };
}

/** What --live says about a VIP, for both renderers. */
export function vipStatus(v: GraphVip): 'held' | 'on-backup' | 'down' | 'split' | null {
  if (!v.holders) return null;
  if (v.holders.length === 0) return 'down';
  if (v.holders.length > 1) return 'split';
  return v.holders[0] === v.directors.find((d) => d.role === 'MASTER')?.name ? 'held' : 'on-backup';
}

/** Node ids both formats accept: the kind and the index, never an inventory value. */
export const ids = {
  host: (g: ClusterGraph, name: string) => `h${g.hosts.findIndex((h) => h.name === name)}`,
  vip: (g: ClusterGraph, address: string) => `v${g.vips.findIndex((v) => v.address === address)}`,
  service: (i: number) => `s${i}`,
};
