// What running a local command through zx costs against execFile
// (docs/local-commands.md): loading zx, and one short command started each
// way, interleaved so that load on the machine falls on both alike.
//   npx tsx bench/local-commands.ts [--calls 50] [--rounds 3]
// Needs no lab: `ip route get` is a lookup and sends no packet.

import { execFile, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { tryRun, tryRunDirect } from '../lib/lab/local-command.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '50' }, rounds: { type: 'string', default: '3' } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const fmt = (xs: number[]) => `median ${quantile(xs, 0.5).toFixed(1)} ms, p90 ${quantile(xs, 0.9).toFixed(1)} ms`;

/** import('zx') in a fresh Node, timed inside it (Node's own start-up not counted). */
function zxImport(): Promise<number> {
  const code = "const t = performance.now(); await import('zx'); process.stdout.write(String(performance.now() - t));";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', () => resolve(Number(out)));
  });
}

const plainExecFile = (cmd: string, args: string[]) =>
  new Promise<void>((resolve, reject) => execFile(cmd, args, (err) => (err && typeof err.code !== 'number' ? reject(err) : resolve())));

const commands: [string, string[]][] = [
  ['true', []],
  ['ip', ['-j', 'route', 'get', '198.18.0.10']],
];
const ways: [string, (cmd: string, args: string[]) => Promise<unknown>][] = [
  ['execFile', plainExecFile],
  ['tryRunDirect (execFile)', tryRunDirect],
  ['tryRun (zx, bash)', tryRun],
];

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average ${load()}, ${rounds} rounds of ${calls} calls`);
const imports: number[] = [];
for (let i = 0; i < 5; i++) imports.push(await zxImport());
console.log(`import('zx') in a fresh node: ${fmt(imports)} (5 runs)`);

await tryRun('true', []); // load zx once, as any caller does on its first command
for (const [cmd, args] of commands) {
  const times = new Map<string, number[]>(ways.map(([w]) => [w, []]));
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < calls; i++)
      for (const [w, f] of ways) {
        const t0 = process.hrtime.bigint();
        await f(cmd, args);
        times.get(w)?.push(ms(t0));
      }
  console.log([cmd, ...args].join(' '));
  for (const [w, xs] of times) console.log(`  ${w.padEnd(24)} ${fmt(xs)}`);
}
console.log(`load average ${load()}`);
