// The first deploy to bare hosts, split into what apt takes on the hosts and
// what lvs-play adds. Each run brings the lab up from nothing twice (every
// `lab up` gives bare containers: their upper layer is thrown away at `down`):
//   1. `lvs-play deploy` as a user runs it (built CLI, Node start-up included);
//   2. the apt floor: one plain OpenSSH connection per host, all in parallel,
//      installing exactly the packages that deploy installed there (read from
//      `check --json` on the bare hosts), with the same apt options and the
//      same "refresh the lists only when the host has none".
// lvs-play's share is the difference. Run as root; it leaves the lab down:
//   npx tsx bench/cold-deploy.ts [INVENTORY] [--runs 3]

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadInventory } from '../lib/inventory/load.js';
import type { Host } from '../lib/inventory/types.js';
import { labDown } from '../lib/lab/down.js';
import { silentProgress } from '../lib/lab/progress.js';
import { assertLabRoute } from '../lib/lab/route.js';
import { labUp } from '../lib/lab/up.js';
import { hostsOf } from '../lib/playbook.js';
import type { RunReport } from '../lib/run/report.js';
import { installCommand } from '../lib/run/step-commands.js';
import { seedPlaybook } from '../playbooks/seed.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const inventoryFile = positionals[0] ?? `${root}inventory/lab.json`;
const runs = Number(values.runs);

// child_process, not zx: the floor must be plain OpenSSH with nothing in between (docs/benchmarks.md)
function run(cmd: string, args: string[], stdin = ''): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // apt's chatter is noise; a failure shows what the command said last
      if (code !== 0 && code !== 2) process.stderr.write(stderr.split('\n').slice(-15).join('\n'));
      resolve({ code: code ?? -1, stdout });
    });
    child.stdin.end(stdin);
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cli = (...args: string[]) => run(process.execPath, [`${root}dist/lib/cli/main.js`, ...args]);

/** The packages each host lacks, as the bare hosts' check reports them ("not installed: a b"). */
function missingPackages(report: RunReport): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of report.hosts) {
    const names = h.tasks.flatMap((t) => t.changes.flatMap((c) => /^not installed: (.+)$/.exec(c.summary)?.[1]?.split(' ') ?? []));
    out.set(h.host, [...new Set(names)]);
  }
  return out;
}

/** Plain OpenSSH to a lab host, after the lab's route check (as lvs-play does before every connection). */
async function ssh(h: Host, script: string) {
  await assertLabRoute(h.address);
  return run(
    'ssh',
    [
      ...['-i', h.ssh.identityFile ?? '', '-o', `UserKnownHostsFile=${h.ssh.knownHosts}`, '-o', 'StrictHostKeyChecking=yes'],
      ...['-o', 'BatchMode=yes', '-o', 'ControlMaster=no', '-o', 'ControlPath=none', '-p', String(h.ssh.port)],
      `${h.ssh.user}@${h.address}`,
      'sh -s',
    ],
    script,
  );
}

/** apt alone: the same install lvs-play's step runs, lists refreshed only where the host has none. */
function aptFloor(hosts: Host[], missing: Map<string, string[]>) {
  return Promise.all(
    hosts.map(async (h) => {
      const packages = missing.get(h.name) ?? [];
      if (packages.length === 0) return;
      const script = [
        'if ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then refresh=; else refresh=1; fi',
        `if [ -n "$refresh" ]; then\n${installCommand('apt', packages, true)}\nelse\n${installCommand('apt', packages, false)}\nfi`,
      ].join('\n');
      const r = await ssh(h, script);
      if (r.code !== 0) throw new Error(`apt floor: ${h.name} exited ${r.code}`);
    }),
  );
}

const { cluster } = await loadInventory(inventoryFile);
const hosts = hostsOf(seedPlaybook, cluster);
const bare = async () => {
  await labDown({ inventory: inventoryFile, progress: silentProgress });
  await labUp({ inventory: inventoryFile, progress: silentProgress });
};

const deploys: number[] = [];
const floors: number[] = [];
let packageCount = 0;
try {
  for (let i = 0; i < runs; i++) {
    await bare();
    const deploy = await timed(() => cli('deploy', inventoryFile, '--json'));
    if (deploy.value.code !== 0) throw new Error(`deploy on bare hosts exited ${deploy.value.code}`);
    deploys.push(deploy.ms);

    await bare();
    const check = await cli('check', inventoryFile, '--json');
    if (check.code !== 2) throw new Error(`check on bare hosts exited ${check.code}, expected 2 (drift)`);
    const missing = missingPackages(JSON.parse(check.stdout) as RunReport);
    packageCount = [...missing.values()].reduce((n, p) => n + p.length, 0);
    const floor = await timed(() => aptFloor(hosts, missing));
    floors.push(floor.ms);
    process.stderr.write(`  run ${i + 1}: deploy ${(deploy.ms / 1000).toFixed(1)} s, apt alone ${(floor.ms / 1000).toFixed(1)} s\n`);
  }
} finally {
  await labDown({ inventory: inventoryFile, progress: silentProgress });
}

const d = median(deploys);
const f = median(floors);
const spread = (xs: number[]) => `min ${(Math.min(...xs) / 1000).toFixed(1)}, max ${(Math.max(...xs) / 1000).toFixed(1)}`;
console.log(`cold deploy to bare hosts: ${hosts.length} hosts, ${packageCount} package installs, ${runs} runs, medians (${inventoryFile})`);
console.log(`  lvs-play deploy      ${(d / 1000).toFixed(1).padStart(6)} s   (${spread(deploys)})`);
console.log(`  apt alone (floor)    ${(f / 1000).toFixed(1).padStart(6)} s   (${spread(floors)})`);
console.log(`  lvs-play adds        ${((d - f) / 1000).toFixed(1).padStart(6)} s   apt is ${((f / d) * 100).toFixed(0)}% of the deploy`);
