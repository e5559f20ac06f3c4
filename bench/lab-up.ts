// How long the lab takes: `lab up` from nothing (with or without the cached
// root and apt repository), a second `lab up` (everything running), and
// `lab down`. Run as root; it takes the lab down and leaves it down:
//   npx tsx bench/lab-up.ts [INVENTORY] [--fresh-cache]
// --fresh-cache removes /var/cache/lvs-play first, as on a brand-new machine
// (debootstrap and the package download included).

import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { labDown } from '../lib/lab/down.js';
import { LAB_CACHE_DIR } from '../lib/lab/paths.js';
import { lineProgress } from '../lib/lab/progress.js';
import { labUp } from '../lib/lab/up.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'fresh-cache': { type: 'boolean', default: false } } });
const inventory = positionals[0];
const progress = lineProgress((l) => process.stderr.write(`  ${l}\n`));

async function time(label: string, fn: () => Promise<unknown>): Promise<string> {
  const t0 = process.hrtime.bigint();
  await fn();
  return `${label.padEnd(34)} ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1).padStart(6)} s`;
}

await labDown({ inventory, progress });
if (values['fresh-cache']) await rm(LAB_CACHE_DIR, { recursive: true, force: true });
const rows = [
  await time(values['fresh-cache'] ? 'lab up (no cache: debootstrap+repo)' : 'lab up (cached root, no containers)', () =>
    labUp({ inventory, progress }),
  ),
  await time('lab up again (all running)', () => labUp({ inventory, progress })),
  await time('lab down', () => labDown({ inventory, progress })),
];
process.stdout.write(`${rows.join('\n')}\n`);
