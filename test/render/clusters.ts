// The clusters the render tests use, loaded the way the CLI loads them
// (loadInventory: schema, cluster rules, defaults), so every fixture is a
// valid inventory and no test depends on a hand-made Cluster.

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadInventory } from '../../lib/inventory/load.js';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import type { Cluster, Inventory } from '../../lib/inventory/types.js';
import { formatProblems, validateInventory } from '../../lib/inventory/validate.js';

const root = new URL('../../', import.meta.url).pathname;

export const INVENTORIES = {
  example: `${root}inventory/example.json`,
  threeDirectors: `${root}test/fixtures/render/three-directors.json`,
  ipv6: `${root}test/fixtures/render/ipv6.json`,
  cloudUnicast: `${root}inventory/cloud-unicast.json`,
  trio: `${root}inventory/three-directors.json`,
  nat: `${root}inventory/example-nat.json`,
} as const;

export type InventoryName = keyof typeof INVENTORIES;

export async function loadCluster(which: InventoryName): Promise<Cluster> {
  // the shipped examples read their VRRP password from this variable
  return (await loadInventory(INVENTORIES[which], { env: { LVS_PLAY_VRRP_PASSWORD: 'example1', LVS_PLAY_SSH_CONFIG: 'none' } })).cluster;
}

/**
 * inventory/lab.json, what the lab deploys. Its VRRP password lives in a file
 * the lab creates, so this reads a stand-in instead; everything else goes
 * through the same validation and resolution as loadInventory.
 */
export function loadLabCluster(): Cluster {
  const file = `${root}inventory/lab.json`;
  const inv: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems = validateInventory(inv);
  if (problems.length > 0) throw new Error(formatProblems(problems));
  return resolveInventory(inv as Inventory, { baseDir: dirname(file), env: {}, readFile: () => 'labpass1\n' });
}

/** Every interface a cluster's keepalived.conf names. */
export function interfacesOf(cluster: Cluster): string[] {
  return [
    ...new Set([cluster.vrrp.interface, ...cluster.vips.map((v) => v.interface), ...cluster.vrrp.trackInterfaces.map((t) => t.interface)]),
  ];
}

export function directorsOf(cluster: Cluster): string[] {
  return cluster.groups.directors ?? [];
}
