// Prints a lab inventory with N real servers (bench/lab-farm.ts), for
// measuring how lvs-play's cost grows with the number of hosts:
//   npx tsx bench/make-lab-inventory.ts 17 > /tmp/lab-19.json
//   npx lvs-play lab up /tmp/lab-19.json && npx lvs-play deploy /tmp/lab-19.json
// Past what the machine boots (about 20 containers), real servers become
// aliases: npx lvs-play lab up /tmp/lab-400.json --max-containers 19

import { farmInventory, MAX_FARM } from './lab-farm.js';

const n = Number(process.argv[2] ?? '18');
if (!Number.isInteger(n) || n < 1 || n > MAX_FARM) {
  process.stderr.write(`usage: make-lab-inventory.ts N   (1 to ${MAX_FARM} real servers)\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(farmInventory(n), null, 2)}\n`);
