// Prints a lab inventory with N real servers (the seed's two directors, N
// real servers serving both VIPs, the client), for measuring how check's
// cost grows with the number of hosts:
//   npx tsx bench/make-lab-inventory.ts 18 > /tmp/lab-20.json
//   npx lvs-play lab up /tmp/lab-20.json && npx lvs-play deploy /tmp/lab-20.json

import { readFileSync } from 'node:fs';
import type { Inventory } from '../lib/inventory/types.js';

const n = Number(process.argv[2] ?? '18');
if (!Number.isInteger(n) || n < 1 || n > 40) {
  process.stderr.write('usage: make-lab-inventory.ts N   (1 to 40 real servers)\n');
  process.exit(1);
}
const inv = JSON.parse(readFileSync(new URL('../inventory/lab.json', import.meta.url), 'utf8')) as Inventory;
delete inv.$schema;
const names = Array.from({ length: n }, (_, i) => `rs${String(i + 1).padStart(2, '0')}`);
inv.name = `lab${n + 2}`;
inv.hosts = inv.hosts.filter((h) => !inv.groups.realservers.includes(h.name));
for (const [i, name] of names.entries()) inv.hosts.push({ name, address: `198.18.0.${150 + i}` });
inv.groups.realservers = names;
for (const vip of inv.vips) for (const s of vip.services) s.realServers = names.map((host) => ({ host, weight: 1 }));
process.stdout.write(`${JSON.stringify(inv, null, 2)}\n`);
