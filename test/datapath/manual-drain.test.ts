// Issue 12, item 8, on directors that keep an IPVS table (the datapath lab),
// through the built CLI: `drain --wait` sees the real server's weight go to 0
// on both directors and waits for its active connections (a real one, held
// open from the client through a VIP), Ctrl-C ends that wait and leaves the
// drain standing, `--wait 0` does not wait and a short --wait gives up saying so; `undrain HOST` puts the weight back and confirms
// it from both tables; `rollout --drain-timeout` bounds the rollout's own
// wait. (`lab down` through the CLI after `lab up --datapath` is in
// vm-lifecycle.test.ts, which takes the lab down anyway.)

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labSshArgs } from '../../lib/lab/ssh.js';
import { quote } from '../../lib/shell/quote.js';
import { lvsPlay, repoRoot, startLvsPlay } from '../support/cli.js';
import { clientSources, SOURCE_BLOCKS } from '../support/client-traffic.js';
import {
  DATAPATH_INVENTORY,
  type DatapathLab,
  DIRECTORS,
  forgetDatapathLab,
  LAB_IPVS_TCP_TIMEOUT_S,
  useDatapathLab,
  VIPS,
} from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const LVS01 = '198.18.0.10';
const VIP = '198.18.0.100';
const STOP = '/tmp/lvs-play-held-connection-stop';
const SLOW = 'test/fixtures/playbooks/slow-change-on-lvs01.mjs';
const SLOW_MARKER = '/var/tmp/lvs-play-test-marker';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * On the client: one keep-alive HTTP connection to the VIP from each source
 * address in turn until the real server named `want` answers; that one is
 * kept open (IPVS counts it as active) until the stop file appears.
 */
const HOLD = String.raw`
import json, os, socket, sys, time
vip, sources, want, stop = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
def fetch(s):
    s.sendall(b'GET /index.html HTTP/1.1\r\nHost: lab\r\n\r\n')
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = s.recv(4096)
        if not chunk: raise EOFError('closed')
        data += chunk
    head, body = data.split(b'\r\n\r\n', 1)
    length = 0
    for line in head.split(b'\r\n'):
        if line.lower().startswith(b'content-length:'): length = int(line.split(b':', 1)[1])
    while len(body) < length:
        chunk = s.recv(4096)
        if not chunk: raise EOFError('closed')
        body += chunk
    return body.decode(errors='replace').strip()
for attempt in range(3):
    for src in sources:
        s = socket.socket()
        s.settimeout(5)
        try:
            s.bind((src, 0))
            s.connect((vip, 80))
            name = fetch(s)
        except Exception as e:
            print(json.dumps({'src': src, 'error': str(e)}), flush=True)
            s.close()
            continue
        if name != want:
            s.close()
            continue
        print(json.dumps({'held': src}), flush=True)
        t0 = time.time()
        while not os.path.exists(stop) and time.time() - t0 < 300: time.sleep(0.1)
        s.close()
        print(json.dumps({'closed': src}), flush=True)
        sys.exit(0)
print(json.dumps({'none': True}), flush=True)
sys.exit(1)
`;

interface Held {
  src: string;
  release(): Promise<void>;
}

/** A connection from the client through `vip` to the real server `want`, open until release(). */
async function holdConnection(lab: DatapathLab, vip: string, want: string): Promise<Held> {
  await lab.run('client', `rm -f ${STOP}`);
  const sources = clientSources(SOURCE_BLOCKS.drainWait);
  const child = spawn(
    'ssh',
    [...labSshArgs(lab.address('client')), '--', `python3 - ${quote(vip)} ${quote(JSON.stringify(sources))} ${quote(want)} ${quote(STOP)}`],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin.end(HOLD);
  let out = '';
  let err = '';
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const src = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"held": "([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    void done.then((code) => reject(new Error(`no connection to ${want} through ${vip} held (exit ${code}): ${out}${err}`)));
  });
  return {
    src,
    async release() {
      await lab.run('client', `touch ${STOP}`);
      const code = await done;
      assert.equal(code, 0, `the held connection's script: ${out}${err}`);
    },
  };
}

describe('datapath: drain --wait and undrain by hand against the IPVS table, rollout --drain-timeout', function () {
  this.timeout(15 * 60_000);
  const lab = useDatapathLab();
  let drains: string;
  let held: Held | null = null;
  const env = () => ({ LVS_PLAY_DRAINS_DIR: drains });
  const drained = (host: string) =>
    new RegExp(
      `^drained ${host} on lvs-dr, lvs-dr2 \\(recorded; lvs-play undrain ${esc(`${repoRoot}${DATAPATH_INVENTORY}`)} ${host} puts it back\\)$`,
      'm',
    );
  /** lvs01's weight in both VIPs' services on both directors, as ipvsadm shows it */
  const weights = async () =>
    (await Promise.all(DIRECTORS.flatMap((d) => VIPS.map(async (v) => `${d} ${v} w${await lab.weight(d, v, LVS01)}`)))).sort();
  const allAt = (w: number) => DIRECTORS.flatMap((d) => VIPS.map((v) => `${d} ${v} w${w}`)).sort();
  const activeOnDr = async () =>
    (await lab.ipvs('lvs-dr')).find((s) => s.address === VIP && s.port === 80)?.realServers.find((r) => r.address === LVS01)
      ?.activeConnections ?? 0;

  /** lvs01's active connections in every service on every director */
  const activeAnywhere = async () =>
    (
      await Promise.all(
        DIRECTORS.map(async (d) =>
          (await lab.ipvs(d)).flatMap((s) => s.realServers.filter((r) => r.address === LVS01).map((r) => r.activeConnections)),
        ),
      )
    )
      .flat()
      .reduce((a, b) => a + b, 0);

  before(async () => {
    drains = mkdtempSync(join(tmpdir(), 'lvs-play-drains-'));
    // drain --wait counts every active connection to lvs01: the ones an earlier suite's failover cut
    // (left ESTABLISHED on the director that lost the VIP) must have expired first
    const t0 = Date.now();
    await waitFor(
      'connections to lvs01 left by earlier suites to expire',
      async () => (await activeAnywhere()) === 0,
      (LAB_IPVS_TCP_TIMEOUT_S + 30) * 1000,
      1000,
    );
    process.stderr.write(
      `      [datapath] no connection to lvs01 left from earlier suites after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  });
  afterEach(async () => {
    if (held) await held.release().catch(() => undefined);
    held = null;
  });
  after(async () => {
    rmSync(drains, { recursive: true, force: true });
    forgetDatapathLab();
  });

  it('drain lvs01 --wait 30: weight 0 in both services on both directors, then it waits for the active connection and returns once it is closed', async () => {
    assert.deepEqual(await weights(), allAt(1));
    held = await holdConnection(lab, VIP, 'lvs01');
    await waitFor('lvs-dr to count the held connection as active', async () => (await activeOnDr()) >= 1, 15_000);
    let finishedAt = 0;
    const t0 = Date.now();
    const drain = lvsPlay(['drain', DATAPATH_INVENTORY, 'lvs01', '--wait', '30'], env()).then((r) => {
      finishedAt = Date.now();
      return r;
    });
    await waitFor('lvs01 at weight 0 on both directors', async () => JSON.stringify(await weights()) === JSON.stringify(allAt(0)), 30_000);
    await sleep(3000);
    assert.equal(finishedAt, 0, 'drain returned while a connection to lvs01 was still active');
    assert.ok((await activeOnDr()) >= 1, 'the connection stays up while lvs01 is drained');
    const closedAt = Date.now();
    await held.release();
    held = null;
    const r = await drain;
    process.stderr.write(
      `      [datapath] drain --wait 30 returned ${((finishedAt - closedAt) / 1000).toFixed(1)} s after the connection closed (${((finishedAt - t0) / 1000).toFixed(1)} s in all)\n`,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, drained('lvs01'));
    assert.match(r.stdout, /^waiting for active connections to reach zero: active: (.*, )?lvs01 1 on lvs-dr 198\.18\.0\.100:80(, .*)?$/m);
    assert.match(r.stdout, /^waiting for active connections to reach zero: no active connection \(weights lvs01=0\)$/m);
    assert.doesNotMatch(r.stdout, /timed out/);
    assert.ok(
      finishedAt >= closedAt && finishedAt - closedAt < 20_000,
      `returned ${finishedAt - closedAt} ms after the close: it did not follow the connection`,
    );
  });

  it('undrain lvs01: back at weight 1 in both services on both directors, confirmed from their tables; the record cleared', async () => {
    const r = await lvsPlay(['undrain', DATAPATH_INVENTORY, 'lvs01'], env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^undrained lvs01 on lvs-dr, lvs-dr2$/m);
    assert.match(r.stdout, /^waiting for the inventory's weights: every director has them at the inventory's weight$/m);
    assert.deepEqual(await weights(), allAt(1));
    assert.equal(existsSync(join(drains, 'lab-datapath.json')), false);
  });

  it('Ctrl-C while drain waits for a connection: the wait stops at once (exit 130) and lvs01 stays drained, recorded, the output saying so', async () => {
    held = await holdConnection(lab, VIP, 'lvs01');
    await waitFor('lvs-dr to count the held connection as active', async () => (await activeOnDr()) >= 1, 15_000);
    const run = startLvsPlay(['drain', DATAPATH_INVENTORY, 'lvs01', '--wait', '120'], env());
    await waitFor(
      'drain to wait on the held connection',
      async () => /waiting for active connections to reach zero: active:/.test(run.output()),
      30_000,
    );
    const signalledAt = Date.now();
    run.child.kill('SIGINT');
    const r = await run.done;
    const took = Date.now() - signalledAt;
    process.stderr.write(`      [datapath] drain exited ${(took / 1000).toFixed(1)} s after SIGINT\n`);
    assert.equal(r.code, 130, r.stdout + r.stderr);
    assert.ok(took < 10_000, `drain took ${took} ms to stop waiting`);
    assert.match(r.stdout, /^SIGINT: stopping the wait$/m);
    assert.match(
      r.stdout,
      new RegExp(
        `^SIGINT: stopped; lvs01 stays drained on lvs-dr, lvs-dr2 \\(recorded; lvs-play undrain ${esc(`${repoRoot}${DATAPATH_INVENTORY}`)} lvs01 puts it back\\)$`,
        'm',
      ),
    );
    assert.deepEqual(await weights(), allAt(0));
    assert.ok((await activeOnDr()) >= 1, 'the held connection is still up: the drain let it finish');
    const recorded = JSON.parse(readFileSync(join(drains, 'lab-datapath.json'), 'utf8')) as { drains: { realServer: string }[] };
    assert.deepEqual(
      recorded.drains.map((d) => d.realServer),
      ['lvs01'],
    );

    await held.release();
    held = null;
    const u = await lvsPlay(['undrain', DATAPATH_INVENTORY, 'lvs01'], env());
    assert.equal(u.code, 0, u.stdout + u.stderr);
    assert.deepEqual(await weights(), allAt(1));
  });

  it('drain --wait 0 returns without waiting on an active connection; --wait 3 waits 3 s for it, says it timed out, and exits 0 (the drain stands)', async () => {
    held = await holdConnection(lab, VIP, 'lvs01');
    await waitFor('lvs-dr to count the held connection as active', async () => (await activeOnDr()) >= 1, 15_000);
    const r0 = await lvsPlay(['drain', DATAPATH_INVENTORY, 'lvs01', '--wait', '0'], env());
    assert.equal(r0.code, 0, r0.stdout + r0.stderr);
    assert.match(r0.stdout, drained('lvs01'));
    assert.doesNotMatch(r0.stdout, /waiting|not observable/);
    assert.deepEqual(await weights(), allAt(0));
    assert.ok((await activeOnDr()) >= 1, 'the connection is still active: --wait 0 did not wait for it');

    const t0 = Date.now();
    const r3 = await lvsPlay(['drain', DATAPATH_INVENTORY, 'lvs01', '--wait', '3'], env());
    process.stderr.write(`      [datapath] drain --wait 3 took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    assert.equal(r3.code, 0, r3.stdout + r3.stderr);
    assert.match(r3.stdout, /^waiting for active connections to reach zero: active: (.*, )?lvs01 1 on lvs-dr 198\.18\.0\.100:80(, .*)?$/m);
    assert.match(
      r3.stdout,
      /^timed out after 3\.0 s waiting for active connections to reach zero \(last seen: active: (.*, )?lvs01 1 on lvs-dr 198\.18\.0\.100:80(, .*)?\)$/m,
    );
    assert.ok(Date.now() - t0 >= 3000);
    assert.deepEqual(await weights(), allAt(0));

    await held.release();
    held = null;
    const u = await lvsPlay(['undrain', DATAPATH_INVENTORY, 'lvs01'], env());
    assert.equal(u.code, 0, u.stdout + u.stderr);
    assert.deepEqual(await weights(), allAt(1));
  });

  it("rollout --drain-timeout 5: the plan's wait is bounded by 5 s; with a connection kept open it goes on after 5 s, says so, changes lvs01 and undrains it", async () => {
    await lab.run('lvs01', `rm -f ${SLOW_MARKER}`);
    try {
      held = await holdConnection(lab, VIP, 'lvs01');
      await waitFor('lvs-dr to count the held connection as active', async () => (await activeOnDr()) >= 1, 15_000);
      const r = await lvsPlay(['rollout', DATAPATH_INVENTORY, '--limit', 'lvs01', '--playbook', SLOW, '--drain-timeout', '5'], {
        ...env(),
        LVS_PLAY_TEST_STEP: 'ok',
      });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^ {4}\d+\. wait until no active connection to lvs01 on any director \(at most 5 s, then go on\)$/m);
      assert.match(r.stdout, /^\[rollout\] {3}waiting for connections to finish: active: (.*, )?lvs01 1 on lvs-dr 198\.18\.0\.100:80/m);
      assert.match(
        r.stdout,
        /^\[rollout\] {3}connections still active after 5 s, going on: active: (.*, )?lvs01 1 on lvs-dr 198\.18\.0\.100:80/m,
      );
      assert.match(r.stdout, /^\[rollout\] {3}waiting for the inventory's weights: every director has them at the inventory's weight$/m);
      assert.equal(await lab.run('lvs01', `cat ${SLOW_MARKER}`), 'changed during a drain\n');
      assert.deepEqual(await weights(), allAt(1));
      assert.equal(existsSync(join(drains, 'lab-datapath.json')), false);
    } finally {
      await lab.run('lvs01', `rm -f ${SLOW_MARKER}`);
    }
  });
});
