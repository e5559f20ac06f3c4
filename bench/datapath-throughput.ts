// Requests per second through one VIP (client -> director VM, IPVS DR ->
// real server -> client) against the same client talking to a real server
// directly, printed as a ratio. The directors are qemu VMs, under TCG on a
// machine without usable KVM, so the absolute figures say little; the ratio
// says what the extra hop costs. Run as root, holding the lab lock:
//   flock /run/lvs-play-lab-test.lock npx tsx bench/datapath-throughput.ts [--seconds 10] [--workers 4]
// It brings the datapath lab up and deploys inventory/lab-datapath.json if
// needed, and takes the lab down again if it was not up in that shape before.

import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { labDown } from '../lib/lab/down.js';
import { tryRun } from '../lib/lab/local-command.js';
import { lineProgress } from '../lib/lab/progress.js';
import { assertLabRoute } from '../lib/lab/route.js';
import { labSsh, labSshArgs } from '../lib/lab/ssh.js';
import { labStatus } from '../lib/lab/status.js';
import { labUp } from '../lib/lab/up.js';
import { quote } from '../lib/shell/quote.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, workers: { type: 'string', default: '4' } } });
const seconds = Number(values.seconds);
const workers = Number(values.workers);
const INVENTORY = 'inventory/lab-datapath.json';
const VIP = '198.18.0.100';
const DIRECT = { name: 'lvs01', address: '198.18.0.10' };
const SOURCES = Array.from({ length: workers }, (_, i) => `198.18.0.${130 + i}`);
const progress = lineProgress((l) => process.stderr.write(`  ${l}\n`));

/** Workers (processes) on the client, each from its own source address, for `seconds`; prints one JSON summary. */
const LOAD = String.raw`
import http.client, json, os, sys, time
plan = json.loads(sys.argv[1])
def work(src, w):
    ok = fail = 0
    lat = []
    end = time.time() + plan['seconds']
    conn = None
    while time.time() < end:
        t0 = time.time()
        try:
            if conn is None or plan['perConnection'] == 1:
                conn = http.client.HTTPConnection(plan['target'], 80, timeout=5, source_address=(src, 0))
            conn.request('GET', '/index.html')
            r = conn.getresponse(); r.read()
            if plan['perConnection'] == 1: conn.close()
            ok += 1 if r.status == 200 else 0
            fail += 0 if r.status == 200 else 1
        except Exception:
            fail += 1
            conn = None
        lat.append(time.time() - t0)
    os.write(w, (json.dumps({'ok': ok, 'fail': fail, 'lat': sorted(lat)[len(lat) // 2] if lat else 0}) + '\n').encode())
r, w = os.pipe()
pids = []
for src in plan['sources']:
    pid = os.fork()
    if pid == 0:
        os.close(r); work(src, w); os._exit(0)
    pids.append(pid)
os.close(w)
for p in pids: os.waitpid(p, 0)
rows = [json.loads(l) for l in os.fdopen(r).read().splitlines()]
print(json.dumps({'ok': sum(x['ok'] for x in rows), 'fail': sum(x['fail'] for x in rows), 'p50ms': round(1000 * sorted(x['lat'] for x in rows)[len(rows) // 2], 2)}))
`;

interface Load {
  ok: number;
  fail: number;
  p50ms: number;
}

async function load(client: string, target: string, perConnection: number): Promise<Load> {
  await assertLabRoute(client);
  const plan = { target, sources: SOURCES, seconds, perConnection };
  const r = await tryRun('ssh', [...labSshArgs(client), '--', `python3 - ${quote(JSON.stringify(plan))}`], {
    input: LOAD,
    timeoutMs: (seconds + 60) * 1000,
  });
  if (r.code !== 0) throw new Error(`load on the client exited ${r.code}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Load;
}

function cli(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/lib/cli/main.js', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const before = await labStatus().catch(() => null);
const wasUp = !!before?.up && !!before.datapath;
const up = await labUp({ datapath: true, progress });
if ((await cli(['verify', INVENTORY])) !== 0) {
  if ((await cli(['deploy', INVENTORY])) !== 0) throw new Error(`deploy ${INVENTORY} failed`);
  const deadline = Date.now() + 90_000;
  while ((await cli(['verify', INVENTORY])) !== 0) {
    if (Date.now() > deadline) throw new Error('verify did not pass within 90 s of the deploy');
    await new Promise((r) => setTimeout(r, 2000));
  }
}
const client = up.hosts.find((h) => h.name === 'client')!.address;
const add = await labSsh(client, SOURCES.map((a) => `ip address replace ${a}/24 dev eth0`).join(' && '));
if (add.code !== 0) throw new Error(`adding source addresses on the client: ${add.stderr}`);
const accel = (await labStatus()).datapath?.accel ?? '?';

const rows: string[] = [];
for (const [mode, perConnection] of [
  ['a new TCP connection per request', 1],
  ['keep-alive connections', 0],
] as const) {
  const direct = await load(client, DIRECT.address, perConnection);
  const vip = await load(client, VIP, perConnection);
  const rate = (l: Load) => l.ok / seconds;
  rows.push(
    `${mode}:`,
    `${`  direct to ${DIRECT.name} (${DIRECT.address})`.padEnd(44)}${rate(direct).toFixed(0).padStart(7)} req/s  p50 ${direct.p50ms} ms  failed ${direct.fail}`,
    `${`  through VIP ${VIP} (director VM, ${accel.toUpperCase()})`.padEnd(44)}${rate(vip).toFixed(0).padStart(7)} req/s  p50 ${vip.p50ms} ms  failed ${vip.fail}`,
    `${`  ratio VIP / direct`.padEnd(44)}${(rate(vip) / rate(direct)).toFixed(2).padStart(7)}`,
  );
}
process.stdout.write(
  `datapath throughput: ${workers} client processes from ${workers} addresses, ${seconds} s per figure\n${rows.join('\n')}\n`,
);
if (!wasUp) await labDown({ progress });
