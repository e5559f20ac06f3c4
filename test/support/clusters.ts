// Clusters for tests that need no network: the repository's inventories,
// resolved with fixed secrets (no environment, no password file on disk).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import type { Cluster, Inventory } from '../../lib/inventory/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function inventoryJson(name: 'example' | 'lab'): Inventory {
  return JSON.parse(readFileSync(`${root}inventory/${name}.json`, 'utf8')) as Inventory;
}

export function clusterOf(name: 'example' | 'lab', edit: (inv: Inventory) => void = () => {}): Cluster {
  const inv = inventoryJson(name);
  edit(inv);
  return resolveInventory(inv, { baseDir: `${root}inventory`, env: {}, readFile: () => 's3cr3tpw\n' });
}

/** A cluster whose VRRP password is `password`, given in the inventory itself (PASS). */
export function clusterWithPassword(name: 'example' | 'lab', password: string, edit: (inv: Inventory) => void = () => {}): Cluster {
  return clusterOf(name, (inv) => {
    inv.vrrp = { ...inv.vrrp, authentication: { type: 'PASS', password } };
    edit(inv);
  });
}
