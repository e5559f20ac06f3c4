// A lab inventory with N real servers: the seed's two directors, N real
// servers serving every service of both VIPs, the client. The first 100 are
// 198.18.0.150-249 (as before), the rest 198.18.1.1 upwards, 250 per /24:
// up to 400 real servers fit 198.18.0.0/22, which lab up's bridge covers.

import { readFileSync } from 'node:fs';
import type { Inventory } from '../lib/inventory/types.js';

export const MAX_FARM = 1000;

export function farmAddress(i: number): string {
  if (i < 100) return `198.18.0.${150 + i}`;
  const j = i - 100;
  return `198.18.${1 + Math.floor(j / 250)}.${1 + (j % 250)}`;
}

/** width: the digits of the number, at least 2 (a farm's names stay the same at every size when given the largest's) */
export function farmName(i: number, width: number): string {
  return `rs${String(i + 1).padStart(Math.max(2, width), '0')}`;
}

/** name: the cluster's, which every managed file's header carries (give farms of several sizes one name to share hosts) */
export function farmInventory(n: number, width = String(n).length, name = `lab${n + 2}`): Inventory {
  if (!Number.isInteger(n) || n < 1 || n > MAX_FARM) throw new Error(`farm size must be 1 to ${MAX_FARM} real servers, got ${n}`);
  const inv = JSON.parse(readFileSync(new URL('../inventory/lab.json', import.meta.url), 'utf8')) as Inventory;
  delete inv.$schema;
  const names = Array.from({ length: n }, (_, i) => farmName(i, width));
  inv.name = name;
  inv.hosts = inv.hosts.filter((h) => !inv.groups.realservers.includes(h.name));
  for (const [i, name] of names.entries()) inv.hosts.push({ name, address: farmAddress(i) });
  inv.groups.realservers = names;
  for (const vip of inv.vips) for (const s of vip.services) s.realServers = names.map((host) => ({ host, weight: 1 }));
  return inv;
}
