// How close is a no-op `check` (and a no-op `deploy`) to the floor: one
// plain OpenSSH connection per host running one command that reads the same
// state, all hosts in parallel? Run on a deployed lab:
//   npx tsx bench/check-vs-floor.ts [INVENTORY] [--runs 7]
// Prints medians and ratios. The floor script is the very batch of facts
// check sends, so both read exactly the same state, over the same key
// exchange and cipher as lvs-play's ssh2; "floor, sntrup761" is the same
// with OpenSSH's default (post-quantum) key exchange, for comparison.
// "node floor" is the least a per-run Node program doing the same over ssh2
// costs (bench/node-ssh2-floor.cjs): the OpenSSH floor to the node floor is
// Node's start and ssh2's loading, the node floor to `check` is lvs-play's own.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeFloorInput, nodeSsh2Floor } from './node-floor.js';
import { floorTargets, openSshFloor } from './openssh-floor.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' } } });
const inventoryFile = positionals[0] ?? `${root}inventory/lab.json`;
const runs = Number(values.runs);

function run(cmd: string, args: string[], stdin = ''): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    child.stdin.end(stdin);
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const targets = await floorTargets(inventoryFile);
const hosts = targets.map((t) => t.host);
const floorOnce = () => openSshFloor(targets);
const defaultsFloorOnce = () => openSshFloor(targets, Number.POSITIVE_INFINITY, 'openssh-defaults');
const nodeInput = await nodeFloorInput(targets);
const nodeFloorOnce = () => nodeSsh2Floor(nodeInput);
const cli = (args: string[], ok: number[]) => async () => {
  const r = await run(process.execPath, [`${root}dist/lib/cli/main.js`, ...args, inventoryFile, '--json']);
  if (!ok.includes(r.code)) throw new Error(`lvs-play ${args.join(' ')} exited ${r.code}`);
};
const nodeStartup = async () => {
  await run(process.execPath, ['-e', '0']);
};
// start-up alone: the CLI with no host to contact (--version), and reading and validating the inventory
const version = async () => {
  await run(process.execPath, [`${root}dist/lib/cli/main.js`, '--version']);
};
const validate = async () => {
  const r = await run(process.execPath, [`${root}dist/lib/cli/main.js`, 'validate', inventoryFile]);
  if (r.code !== 0) throw new Error(`lvs-play validate exited ${r.code}`);
};

const figures: Record<string, number[]> = {
  floor: [],
  'floor, sntrup761': [],
  'node floor': [],
  check: [],
  'deploy (no-op)': [],
  'node startup': [],
  'lvs-play --version': [],
  validate: [],
};
await floorOnce(); // warm caches on both sides
for (let i = 0; i < runs; i++) {
  figures.floor.push(await timed(floorOnce));
  figures['floor, sntrup761'].push(await timed(defaultsFloorOnce));
  figures['node floor'].push(await timed(nodeFloorOnce));
  figures.check.push(await timed(cli(['check'], [0])));
  figures['deploy (no-op)'].push(await timed(cli(['deploy'], [0])));
  figures['node startup'].push(await timed(nodeStartup));
  figures['lvs-play --version'].push(await timed(version));
  figures.validate.push(await timed(validate));
}

const floor = median(figures.floor);
console.log(`lvs-play check vs the OpenSSH floor: ${hosts.length} hosts, ${runs} runs each, medians (inventory ${inventoryFile})`);
for (const [name, xs] of Object.entries(figures)) {
  const m = median(xs);
  console.log(
    `  ${name.padEnd(18)} ${m.toFixed(0).padStart(6)} ms   ${(m / floor).toFixed(2)}x floor   ${(m / hosts.length).toFixed(1)} ms/host   (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`,
  );
}
const nodeFloor = median(figures['node floor']);
console.log(
  `above the node floor (lvs-play's own cost): check ${(median(figures.check) / nodeFloor).toFixed(2)}x, deploy (no-op) ${(median(figures['deploy (no-op)']) / nodeFloor).toFixed(2)}x; the node floor itself ${(nodeFloor / floor).toFixed(2)}x the OpenSSH floor`,
);
const node = median(figures['node startup']);
console.log(
  `start-up: lvs-play --version ${(median(figures['lvs-play --version']) / node).toFixed(2)}x node -e 0, validate ${(median(figures.validate) / node).toFixed(2)}x node -e 0`,
);
