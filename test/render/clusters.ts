// The clusters the render tests use, loaded from inventory files so they are
// real, validated inventories rather than hand-made Cluster objects.

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import type { Cluster, Inventory } from '../../lib/inventory/types.js';

const root = new URL('../../', import.meta.url).pathname;

export const INVENTORIES = {
  example: `${root}inventory/example.json`,
  threeDirectors: `${root}test/fixtures/render/three-directors.json`,
  ipv6: `${root}test/fixtures/render/ipv6.json`,
} as const;

export function loadCluster(which: keyof typeof INVENTORIES): Cluster {
  const file = INVENTORIES[which];
  const inv = JSON.parse(readFileSync(file, 'utf8')) as Inventory;
  return resolveInventory(inv, { baseDir: dirname(file), env: {} });
}

/** Every interface a cluster's keepalived.conf names. */
export function interfacesOf(cluster: Cluster): string[] {
  return [...new Set([cluster.vrrp.interface, ...cluster.vips.map((v) => v.interface)])];
}

export function directorsOf(cluster: Cluster): string[] {
  return cluster.groups.directors ?? [];
}
