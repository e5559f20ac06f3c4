// Inventories for the inventory tests: the shipped example (the seed's
// cluster), fresh copies to mutate, and a few valid edge cases.

import { readFileSync } from 'node:fs';
import type { Inventory } from '../../lib/inventory/types.js';

export const exampleFile = new URL('../../inventory/example.json', import.meta.url).pathname;
export const labFile = new URL('../../inventory/lab.json', import.meta.url).pathname;

/** A fresh, mutable copy of inventory/example.json (typed loosely: tests break it). */
export function example(): any {
  return JSON.parse(readFileSync(exampleFile, 'utf8'));
}

/** N directors and M VIPs, masters left to the default spread. */
export function wide(directors: number, vips: number): Inventory {
  const d = Array.from({ length: directors }, (_, i) => `dr${i + 1}`);
  return {
    name: 'wide',
    hosts: [
      ...d.map((name, i) => ({ name, address: `198.18.1.${i + 1}` })),
      { name: 'web1', address: '198.18.2.1' },
      { name: 'web2', address: '198.18.2.2' },
    ],
    groups: { directors: d, realservers: ['web1', 'web2'] },
    vrrp: { authentication: { type: 'PASS', password: 'wide1' } },
    vips: Array.from({ length: vips }, (_, i) => ({ address: `198.18.3.${i + 1}`, routerId: 10 + i, services: [{ port: 80 }] })),
  };
}

/** A cluster on IPv6 only: IPv6 hosts and VIPs, no VRRP authentication (VRRPv3 has none). */
export function ipv6(): Inventory {
  return {
    name: 'six',
    hosts: [
      { name: 'dr1', address: '2001:db8::30' },
      { name: 'dr2', address: '2001:db8::40' },
      { name: 'web1', address: '2001:db8::10' },
      { name: 'web2', address: '2001:db8::20' },
    ],
    groups: { directors: ['dr1', 'dr2'], realservers: ['web1', 'web2'] },
    vips: [
      { address: '2001:db8::100', routerId: 38, services: [{ port: 80 }] },
      { address: '2001:db8::110', routerId: 48, services: [{ port: 443, healthCheck: { type: 'HTTP_GET', path: '/healthz' } }] },
    ],
  };
}
