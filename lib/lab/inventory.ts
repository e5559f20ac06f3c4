// What the lab needs from an inventory: host names, addresses and groups,
// the VIPs (to check they stay in the lab range) and the packages a deploy
// will install. The inventory is parsed and validated by lib/inventory, but
// not resolved: resolving reads the VRRP password file, which the lab itself
// creates (and `lab status`/`down` must work before it exists).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InventoryError, UserError } from '../errors.js';
import { DEFAULTS } from '../inventory/defaults.js';
import { parseJson, readInventoryText } from '../inventory/load.js';
import { tunnelHosts } from '../inventory/rules-tun.js';
import { validateInventory } from '../inventory/validate.js';
import { inLabRange, LAB_RANGE } from './addressing.js';
import { hostNames } from './paths.js';

export interface LabHost {
  name: string;
  address: string;
  groups: string[];
}

export interface LabSpec {
  file: string; // absolute path of the inventory
  hosts: LabHost[]; // inventory order
  vips: string[];
  packages: string[]; // every package named in the inventory's "packages"
  keepalivedMode: 'full' | 'vrrp-only';
  /** hosts that hold a LVS-TUN VIP: they need the ipip module, which only a kernel of their own has (a VM) */
  tunnelHosts: string[];
}

/** The package's own inventory/lab.json, found from this file in lib/ or dist/lib/. */
export function defaultLabInventory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'lvs-play') return join(dir, 'inventory', 'lab.json');
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the lvs-play package root');
    dir = up;
  }
}

export async function readLabSpec(file: string = defaultLabInventory()): Promise<LabSpec> {
  const path = resolve(file);
  // the same reading as every other command's: a regular file, capped, never blocking on a FIFO
  const raw = parseJson(readInventoryText(file), file);
  const problems = validateInventory(raw);
  if (problems.length > 0) throw new InventoryError(file, problems);
  return labSpecOf(path, raw);
}

/** The lab's own checks on a valid inventory: lab-range addresses, names that can name a container. */
export function labSpecOf(path: string, raw: unknown): LabSpec {
  const inv = raw as { hosts?: unknown; groups?: unknown; vips?: unknown; packages?: unknown; keepalived?: { mode?: unknown } };
  if (!Array.isArray(inv?.hosts)) throw new UserError(`${path}: /hosts must be a list of hosts`);
  const groups = (inv.groups && typeof inv.groups === 'object' ? inv.groups : {}) as Record<string, unknown>;
  const seen = new Map<string, string>();
  const hosts = inv.hosts.map((h: { name?: unknown; address?: unknown }, i: number): LabHost => {
    if (typeof h?.name !== 'string' || typeof h?.address !== 'string') {
      throw new UserError(`${path}: /hosts/${i} needs a "name" and an "address"`);
    }
    hostNames(h.name); // refuses names that cannot name a container
    if (!inLabRange(h.address)) {
      throw new UserError(`${path}: /hosts/${i}/address: host ${h.name} has address ${h.address}, outside the lab range ${LAB_RANGE}`, {
        hint: `the lab only brings up hosts on ${LAB_RANGE} (e.g. inventory/lab.json); never point it at real addresses`,
      });
    }
    for (const key of [h.name, h.address]) {
      if (seen.has(key)) throw new UserError(`${path}: /hosts/${i}: "${key}" is also used by host ${seen.get(key)}`);
      seen.set(key, h.name);
    }
    const member = Object.keys(groups)
      .filter((g) => Array.isArray(groups[g]) && (groups[g] as unknown[]).includes(h.name))
      .sort();
    return { name: h.name, address: h.address, groups: member };
  });
  const vips = Array.isArray(inv.vips) ? inv.vips.map((v: { address?: unknown }) => String(v?.address)) : [];
  vips.forEach((v, i) => {
    if (!inLabRange(v)) throw new UserError(`${path}: /vips/${i}/address ${v} is outside the lab range ${LAB_RANGE}`);
  });
  const pk = (inv.packages && typeof inv.packages === 'object' ? inv.packages : {}) as Record<string, unknown>;
  const packages = Object.values(pk).flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
  const keepalivedMode = inv.keepalived?.mode === 'vrrp-only' ? 'vrrp-only' : DEFAULTS.keepalived.mode;
  const tunnel = [...tunnelHosts(raw as Record<string, unknown>).keys()].filter((name) => hosts.some((h) => h.name === name));
  return { file: path, hosts, vips, packages: [...new Set(packages)].sort(), keepalivedMode, tunnelHosts: tunnel };
}
