// How lvs-play's cost grows with the number of hosts, side by side with the
// OpenSSH floor measured in the same run (bench/openssh-floor.ts: the same
// fact batch, the same key exchange and cipher as lvs-play's ssh2), on this
// machine's lab: 19 containers carry up to 400 inventory hosts, the real
// servers past the 16th being aliases (lab up --max-containers, see
// lib/lab/aliases.ts). Takes the lab over (it brings it up for the largest
// farm and leaves it up):
//   npx tsx bench/scale.ts [--sizes 4,19,50,100,200,400] [--runs 5] [--forks 8,16,64,1024] [--forks-runs 3] [--node-floor]
// A size counts the hosts check works on: the two directors and N-2 real
// servers. For each size: the no-op check, the no-op deploy and verify as a
// user runs them (the built CLI, Node start-up included), the floor at the
// same concurrency (--forks' default, 16), medians and spread, and the peak
// RSS (the largest of the timed runs: each records its own); then check at
// --forks-at hosts with each other --forks value (16 is the size's own
// check). Prints ratios to the floor, the marginal cost per host and how
// long the whole benchmark took. --node-floor also times the node floor
// (bench/node-ssh2-floor.cjs, 16 at a time) at each size and prints check
// and deploy against it: lvs-play's own cost, apart from Node's start and
// ssh2's (it adds about a floor's time per run, so it is not the default).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { farmInventory } from './lab-farm.js';
import { nodeFloorInput, nodeSsh2Floor } from './node-floor.js';
import { floorTargets, openSshFloor } from './openssh-floor.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const cliPath = `${root}dist/lib/cli/main.js`;
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4,19,50,100,200,400' },
    runs: { type: 'string', default: '3' },
    forks: { type: 'string', default: '8,16,64,1024' },
    'forks-runs': { type: 'string', default: '3' },
    'forks-at': { type: 'string', default: '200' },
    'max-containers': { type: 'string', default: '19' },
    'node-floor': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const forksValues = values.forks.split(',').map(Number);
const forksRuns = Number(values['forks-runs']);
const forksAt = Number(values['forks-at']);
const DEFAULT_FORKS = 16;
const largest = Math.max(...sizes, forksAt);
const width = String(largest - 2).length;
const dir = mkdtempSync(join(tmpdir(), 'lvsp-scale-'));
const t0 = Date.now();

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function lvsPlay(args: string[], ok: number[] = [0], env: NodeJS.ProcessEnv = {}, preload: string[] = []) {
  const r = await run([...preload, cliPath, ...args], env);
  if (!ok.includes(r.code)) throw new Error(`lvs-play ${args.join(' ')} exited ${r.code}\n${(r.stdout + r.stderr).slice(-3000)}`);
  return r;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const log = (line: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function farmFile(hosts: number): string {
  const file = join(dir, `farm-${hosts}.json`);
  const inv = farmInventory(hosts - 2, width, 'farm'); // one cluster at every size: its files' headers name it
  writeFileSync(file, JSON.stringify(inv));
  return file;
}

/** One timed run of the CLI as a user runs it; its peak RSS (MB) is added to `rss`. */
async function timedCli(args: string[], rss: number[]): Promise<number> {
  const file = join(dir, 'rss');
  const ms = await timed(() => lvsPlay(args, [0], { LVSP_BENCH_RSS_FILE: file }, ['--require', `${root}bench/peak-rss.cjs`]));
  rss.push(Number(readFileSync(file, 'utf8')) / 1024);
  return ms;
}

// ---------------------------------------------------------------- the lab
const largestFile = farmFile(largest);
log(`lab up: ${largest} hosts on at most ${values['max-containers']} containers`);
const up = await lvsPlay(['lab', 'up', largestFile, '--max-containers', values['max-containers']]);
log(up.stdout.split('\n').find((l) => l.startsWith('lab is up')) ?? 'lab is up');
const containers = up.stdout
  .split('\n')
  .map((l) => /^ {2}(\S+)\s+198\./.exec(l)?.[1])
  .filter((n): n is string => n !== undefined);
// the containers first: an alias shares its container's packages
log(`deploy to the ${containers.length} containers, then to all ${largest} hosts (not timed)`);
await lvsPlay(['deploy', largestFile, '--limit', containers.join(','), '--json']);
await lvsPlay(['deploy', largestFile, '--json']);

// ---------------------------------------------------------------- per size
interface Row {
  hosts: number;
  floor: number[];
  /** --node-floor only */
  nodeFloor: number[];
  check: number[];
  deploy: number[];
  verify: number[];
  rssCheck: number[];
  rssDeploy: number[];
}
/** After the directors' deploy: until verify passes (keepalived has just restarted, its VIPs come back within seconds). */
async function settled(file: string): Promise<void> {
  const start = Date.now();
  const seen = new Set<string>();
  for (;;) {
    const r = await run([cliPath, 'verify', file, '--json']);
    if (r.code === 0) {
      const before = seen.size ? ` (before: ${[...seen].join('; ')})` : '';
      log(`verify passes ${((Date.now() - start) / 1000).toFixed(1)} s after the directors' deploy${before}`);
      return;
    }
    try {
      const report = JSON.parse(r.stdout) as { checks: { check: string; target: string; status: string; detail: string }[] };
      for (const c of report.checks.filter((x) => x.status === 'fail' || x.status === 'degraded'))
        seen.add(`${c.check} ${c.target}: ${c.detail}`);
    } catch {
      seen.add(`exit ${r.code}`);
    }
    if (Date.now() - start > 120_000)
      throw new Error(`verify still exits ${r.code} 120 s after the directors' deploy\n${r.stdout.slice(-3000)}`);
    await new Promise((res) => setTimeout(res, 1000));
  }
}

// --forks at one size, while the directors are deployed for it: against that
// size's floor at the default concurrency; 16 is the default, so that size's
// own check runs are its row
const forkRows: { forks: number; check: number[] }[] = [];
let forksFloor: number[] = [];
async function forksRunsAt(file: string, row: Row): Promise<void> {
  forksFloor = row.floor;
  for (const forks of forksValues) {
    if (forks === DEFAULT_FORKS) {
      forkRows.push({ forks, check: row.check });
      continue;
    }
    const r = { forks, check: [] as number[] };
    for (let i = 0; i < forksRuns; i++) r.check.push(await timed(() => lvsPlay(['check', file, '--json', '--forks', String(forks)])));
    forkRows.push(r);
    log(`--forks ${forks} at ${row.hosts} hosts: check ${secs(median(r.check))}`);
  }
}

const rows: Row[] = [];
for (const hosts of [...new Set([...sizes, forksAt])].sort((a, b) => a - b)) {
  const file = farmFile(hosts);
  // the directors' keepalived.conf lists this size's real servers
  await lvsPlay(['deploy', file, '--limit', 'directors', '--json']);
  await settled(file);
  const targets = await floorTargets(file);
  const nodeInput = values['node-floor'] ? await nodeFloorInput(targets) : null;
  const row: Row = { hosts, floor: [], nodeFloor: [], check: [], deploy: [], verify: [], rssCheck: [], rssDeploy: [] };
  const rssVerify: number[] = [];
  // settled()'s verify has just read every host once: both sides are warm
  for (let i = 0; i < runs; i++) {
    row.floor.push(await timed(() => openSshFloor(targets, DEFAULT_FORKS)));
    if (nodeInput) row.nodeFloor.push(await timed(() => nodeSsh2Floor(nodeInput, DEFAULT_FORKS)));
    row.check.push(await timedCli(['check', file, '--json'], row.rssCheck));
    row.deploy.push(await timedCli(['deploy', file, '--json'], row.rssDeploy));
    row.verify.push(await timedCli(['verify', file, '--json'], rssVerify));
  }
  rows.push(row);
  const f = median(row.floor);
  if (hosts === forksAt) await forksRunsAt(file, row);
  log(
    `${hosts} hosts: floor ${secs(f)}, check ${secs(median(row.check))} ${(median(row.check) / f).toFixed(2)}x, deploy ${secs(median(row.deploy))} ${(median(row.deploy) / f).toFixed(2)}x, verify ${secs(median(row.verify))} ${(median(row.verify) / f).toFixed(2)}x`,
  );
}

// ---------------------------------------------------------------- report
const spread = (xs: number[]) => `${(Math.min(...xs) / 1000).toFixed(2)}-${(Math.max(...xs) / 1000).toFixed(2)}`;
console.log(
  `\nlvs-play at scale: ${runs} runs per figure, medians (min-max) in seconds, --forks ${DEFAULT_FORKS} and the floor at the same concurrency`,
);
console.log('| hosts | floor | no-op `check` | ratio | no-op `deploy` | ratio | `verify` | ratio | peak RSS check / deploy |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const f = median(r.floor);
  const cell = (xs: number[]) => `${(median(xs) / 1000).toFixed(2)} (${spread(xs)}) | ${(median(xs) / f).toFixed(2)}x`;
  console.log(
    `| ${r.hosts} | ${(f / 1000).toFixed(2)} (${spread(r.floor)}) | ${cell(r.check)} | ${cell(r.deploy)} | ${cell(r.verify)} | ${Math.max(...r.rssCheck).toFixed(0)} / ${Math.max(...r.rssDeploy).toFixed(0)} MB |`,
  );
}
if (values['node-floor']) {
  console.log("\nagainst the node floor (one Node process, ssh2, the same batches, 16 at a time): lvs-play's own cost");
  console.log('| hosts | floor | node floor | ratio to floor | check / node floor | deploy / node floor |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const n = median(r.nodeFloor);
    console.log(
      `| ${r.hosts} | ${(median(r.floor) / 1000).toFixed(2)} | ${(n / 1000).toFixed(2)} (${spread(r.nodeFloor)}) | ${(n / median(r.floor)).toFixed(2)}x | ${(median(r.check) / n).toFixed(2)}x | ${(median(r.deploy) / n).toFixed(2)}x |`,
    );
  }
}
console.log('\nmarginal cost per extra host (ms), between consecutive sizes:');
console.log('| from | to | floor | check | deploy | verify | RSS check (MB/100 hosts) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1]!;
  const b = rows[i]!;
  const per = (k: 'floor' | 'check' | 'deploy' | 'verify') => ((median(b[k]) - median(a[k])) / (b.hosts - a.hosts)).toFixed(1);
  console.log(
    `| ${a.hosts} | ${b.hosts} | ${per('floor')} | ${per('check')} | ${per('deploy')} | ${per('verify')} | ${(((Math.max(...b.rssCheck) - Math.max(...a.rssCheck)) / (b.hosts - a.hosts)) * 100).toFixed(1)} |`,
  );
}
console.log(
  `\n--forks at ${forksAt} hosts (no-op check), against the floor at --forks' default concurrency (${(median(forksFloor) / 1000).toFixed(2)} s):`,
);
console.log(`| --forks | check (${forksRuns} runs; 16: the size's own ${runs}) | ratio |`);
console.log('| --- | --- | --- |');
for (const r of forkRows) {
  console.log(
    `| ${r.forks} | ${(median(r.check) / 1000).toFixed(2)} (${spread(r.check)}) | ${(median(r.check) / median(forksFloor)).toFixed(2)}x |`,
  );
}
console.log(`\nwhole benchmark: ${((Date.now() - t0) / 60000).toFixed(1)} min`);
rmSync(dir, { recursive: true, force: true });
