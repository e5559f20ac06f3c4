// Clusters for tests that need no network: the repository's inventories,
// resolved with fixed secrets (no environment, no password file on disk).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Writes DIR/nowhere.json: the lab's cluster on lab addresses nothing routes
 * (198.19.250.x), with a key file and known_hosts in DIR that do not exist,
 * so the transport refuses every host before sending anything. For the
 * paths a user meets with hosts that cannot be reached. Returns its path.
 */
export function writeUnreachableInventory(dir: string): string {
  const inv = inventoryJson('lab');
  inv.name = 'nowhere';
  inv.hosts.forEach((h, i) => {
    h.address = `198.19.250.${10 + i}`;
  });
  inv.vips.forEach((v, i) => {
    v.address = `198.19.251.${100 + i}`;
  });
  inv.vrrp!.authentication = { type: 'PASS', password: 'pw123456' };
  inv.ssh = { ...inv.ssh, identityFile: join(dir, 'no-such-key'), knownHosts: join(dir, 'known_hosts') };
  const file = join(dir, 'nowhere.json');
  writeFileSync(file, JSON.stringify(inv));
  return file;
}

/** Writes DIR/NAME: the lab's inventory changed by edit. Returns its path. */
export function writeLabVariant(dir: string, name: string, edit: (inv: Inventory) => void): string {
  const inv = inventoryJson('lab');
  edit(inv);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(inv, null, 2));
  return file;
}
