// The clusters the render tests use, loaded the way the CLI loads them
// (loadInventory: schema, cluster rules, defaults), so every fixture is a
// valid inventory and no test depends on a hand-made Cluster.

import { loadInventory } from '../../lib/inventory/load.js';
import type { Cluster } from '../../lib/inventory/types.js';

const root = new URL('../../', import.meta.url).pathname;

export const INVENTORIES = {
  example: `${root}inventory/example.json`,
  threeDirectors: `${root}test/fixtures/render/three-directors.json`,
  ipv6: `${root}test/fixtures/render/ipv6.json`,
} as const;

export type InventoryName = keyof typeof INVENTORIES;

export async function loadCluster(which: InventoryName): Promise<Cluster> {
  return (await loadInventory(INVENTORIES[which], { env: {} })).cluster;
}

/** Every interface a cluster's keepalived.conf names. */
export function interfacesOf(cluster: Cluster): string[] {
  return [...new Set([cluster.vrrp.interface, ...cluster.vips.map((v) => v.interface)])];
}

export function directorsOf(cluster: Cluster): string[] {
  return cluster.groups.directors ?? [];
}
