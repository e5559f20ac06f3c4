// What a rollout watches on the directors, read in one round trip each and
// polled while it waits: which VIPs each holds (ip -j addr), whether
// keepalived runs, and where asked the IPVS table. Holding a VIP means having
// it on an interface other than lo, as verify's VIP check reads it.

import type { Fact } from '../facts/fact.js';
import { interfacesFact } from '../facts/interfaces.js';
import { type IpvsState, ipvsFact } from '../facts/ipvs.js';
import { serviceFact } from '../facts/service.js';
import { canonicalIp } from '../inventory/address.js';
import type { Cluster, Host } from '../inventory/types.js';
import { gatherFacts } from '../run/gather.js';
import type { Transport } from '../ssh/transport.js';

const keepalived = serviceFact('keepalived.service');

export interface DirectorView {
  director: string;
  /** null: the director could not be read (the reason is in error) */
  vips: string[] | null;
  keepalivedActive: boolean;
  ipvs?: IpvsState;
  error?: string;
}

export async function viewDirector(
  cluster: Cluster,
  host: Host,
  connect: (h: Host) => Promise<Transport>,
  withIpvs = false,
): Promise<DirectorView> {
  const facts: Fact<unknown>[] = [interfacesFact, keepalived, ...(withIpvs ? [ipvsFact] : [])];
  try {
    const transport = await connect(host);
    const values = await gatherFacts(transport, facts, { timeoutMs: 15_000 });
    const held = new Set(
      values
        .get(interfacesFact)
        .filter((i) => i.name !== 'lo')
        .flatMap((i) => i.addresses.map((a) => canonicalIp(a.address) ?? a.address)),
    );
    return {
      director: host.name,
      vips: cluster.vips.map((v) => v.address).filter((v) => held.has(canonicalIp(v) ?? v)),
      keepalivedActive: values.get(keepalived).active,
      ...(withIpvs ? { ipvs: values.get(ipvsFact) } : {}),
    };
  } catch (err) {
    return { director: host.name, vips: null, keepalivedActive: false, error: (err as Error).message };
  }
}

/** VIP -> the directors holding it. */
export function holders(cluster: Cluster, views: DirectorView[]): Map<string, string[]> {
  return new Map(cluster.vips.map((v) => [v.address, views.filter((d) => d.vips?.includes(v.address)).map((d) => d.director)]));
}

/** "198.18.0.100 on lvs-dr2; 198.18.0.110 on lvs-dr2" (or "on no director", "on lvs-dr AND lvs-dr2"). */
export function describeHolders(cluster: Cluster, views: DirectorView[]): string {
  const unread = views.filter((v) => v.vips === null).map((v) => `${v.director} unreadable (${v.error})`);
  const where = [...holders(cluster, views)].map(([vip, on]) => `${vip} on ${on.length === 0 ? 'no director' : on.join(' AND ')}`);
  return [...where, ...unread].join('; ');
}
