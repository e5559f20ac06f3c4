// Issue 6, rolling updates on the lab, through the built binary (`npm run
// build` first). While each rollout runs, a sampler follows both directors'
// address events on one clock (test/support/vip-sampler.ts): no VIP may be on
// two directors at once for as long as an advert interval (split brain; a
// takeover's own overlap is a few ms, printed), and the worst time a VIP was
// on none is printed and bounded. The lab has no
// IP_VS (keepalived VRRP-only): drains are seen as the switch files on the
// directors and the record on this machine, never as IPVS weights.
// The lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../lib/inventory/load.js';
import type { Cluster, Inventory } from '../../lib/inventory/types.js';
import { labRouteGuard } from '../../lib/lab/route.js';
import type { RolloutReport } from '../../lib/rollout/plan/report.js';
import { ConnectionPool } from '../../lib/ssh/pool.js';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { SWITCH_VALUES_COMMAND } from '../support/host-state.js';
import { assertDocument } from '../support/json-documents.js';
import { useLab } from '../support/lab.js';
import { describeSummary, VipSampler, type VipSummary } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const VIPS = ['198.18.0.100', '198.18.0.110'];
const ADVERT_INT_MS = 3000;
/** advert_int 2: the third test runs with it before and after its change */
const ADVERT_INT_2_MS = 2000;
const MARKER = '/var/tmp/lvs-play-test-marker';
const SLOW = 'test/fixtures/playbooks/slow-change-on-lvs01.mjs';

describe('rolling updates on the lab (issue 6)', function () {
  this.timeout(30 * 60_000);
  const lab = useLab();
  let dir: string;
  let drains: string;
  let cluster: Cluster;
  let pool: ConnectionPool;
  const env = () => ({ LVS_PLAY_DRAINS_DIR: drains });
  const record = () => join(drains, 'lab.json');
  const write = (name: string, edit: (inv: Inventory) => void) => writeLabVariant(dir, name, edit);
  const home = async () => {
    const on = await Promise.all(DIRECTORS.map((d) => lab.run(d, 'ip -j addr show dev eth0')));
    return (
      on[0]!.includes('"198.18.0.100"') &&
      !on[0]!.includes('"198.18.0.110"') &&
      on[1]!.includes('"198.18.0.110"') &&
      !on[1]!.includes('"198.18.0.100"')
    );
  };
  /** the drain switches on the directors, over one persistent connection each (one read each: a file
   * removed between listing and reading, as an undrain does, is not there, never there empty) */
  const drainFiles = async () =>
    (
      await Promise.all(
        DIRECTORS.map(async (d) => {
          const t = await pool.get(cluster.hosts.find((h) => h.name === d)!);
          const r = await t.exec(SWITCH_VALUES_COMMAND);
          return r.stdout
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => `${d}:${l}`);
        }),
      )
    ).flat();

  /**
   * Runs a rollout while following which director holds each VIP; prints and returns the summary.
   * stop() throws if the sampler's monitors died or missed events (checked against direct reads).
   */
  async function sampled(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const r = await lvsPlay(args, { ...env(), ...extraEnv });
    const report = await sampler.stop();
    for (const s of report.vips) console.log(`      ${describeSummary(s)}`);
    console.log(`      (${report.events} address events, checked by ${report.polls} direct reads)`);
    return { r, summary: report.vips };
  }
  /**
   * Split brain: a VIP on two directors at once for an advert interval or more. A takeover's own
   * overlap (the new MASTER adds the VIP, the old one drops it on the new one's first advert) is
   * a few ms; an advert interval is the longest a healthy one can last (that first advert lost).
   */
  const noSplitBrain = (s: VipSummary, advertMs: number) =>
    assert.ok(
      s.maxOverlapMs < advertMs,
      `${s.vip} was on two directors at once for ${s.maxOverlapMs.toFixed(1)} ms (split brain: an advert interval is ${advertMs} ms)`,
    );

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-rolling-'));
    drains = join(dir, 'drains');
    cluster = (await loadInventory(`${repoRoot}${INVENTORY}`)).cluster;
    pool = new ConnectionPool(cluster.hosts, { routeGuard: labRouteGuard() });
    const d = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await lab.run('lvs01', `rm -f ${MARKER}`);
    await waitFor('each VIP on its MASTER', home, 60_000);
  });

  after(async () => {
    await pool?.closeAll();
    // leave the lab as the inventory says
    await lab.run('lvs01', `rm -f ${MARKER}; rm -rf /var/lib/lvs-play/journal/*`).catch(() => undefined);
    const d = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    rmSync(dir, { recursive: true, force: true });
  });

  it("rolls a real server's weight through both directors: a VIP is never on two, the worst no-holder time stays under one advert_int", async () => {
    const weight = write('weight.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 2;
    });
    const plan = await lvsPlay(['rollout', weight, '--check'], env());
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Stage 1: director lvs-dr \[reload-safe\][\s\S]*Stage 2: director lvs-dr2 \[reload-safe\]/);

    const { r, summary } = await sampled(['rollout', weight, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
    assert.deepEqual(
      report.stages.map((s) => `${s.hosts.join()} ${s.status}`),
      ['lvs-dr done', 'lvs-dr2 done'],
    );
    assert.equal(report.vips, '198.18.0.100 on lvs-dr; 198.18.0.110 on lvs-dr2');
    // the progress says which host and what the gates wait on
    assert.match(r.stderr, /\[rollout\] lvs-dr2: gate: .*\n\[rollout\] {3}waiting for the gate before lvs-dr2/);
    for (const s of summary) {
      noSplitBrain(s, ADVERT_INT_MS);
      assert.ok(s.worstNoHolderMs < ADVERT_INT_MS, `${s.vip} was on no director for ${s.worstNoHolderMs.toFixed(1)} ms`);
      assert.deepEqual(s.heldBy, DIRECTORS, `${s.vip} was handed over and back`);
    }
    assert.equal((await lvsPlay(['check', weight], env())).code, 0);
  });

  it('rolls a new advert_int (both directors must agree) with one director holding every VIP meanwhile: never on two, never long on none', async () => {
    const advert = write('advert.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 2;
      inv.vrrp!.advertInterval = 2;
    });
    const { r, summary } = await sampled(['deploy', advert, '--rolling', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
    assert.deepEqual(
      report.stages.map((s) => `${s.kind} ${s.hosts.join()} ${s.status}`),
      ['directors-agree lvs-dr,lvs-dr2 done'],
    );
    assert.match(r.stderr, /take out: lvs-dr's handover switch -254/);
    for (const s of summary) {
      noSplitBrain(s, ADVERT_INT_MS); // the slower of the two advert intervals in effect during the run
      assert.ok(s.worstNoHolderMs < ADVERT_INT_MS, `${s.vip} was on no director for ${s.worstNoHolderMs.toFixed(1)} ms`);
    }
    assert.equal((await lvsPlay(['check', advert], env())).code, 0);
    assert.equal((await lvsPlay(['verify', advert], env())).code, 0);
  });

  it('stops at the second director when its change fails, rolls it back, and leaves every VIP held by exactly one director', async () => {
    const from = write('from.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 2;
      inv.vrrp!.advertInterval = 2;
    });
    const to = write('to.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 3;
      inv.vrrp!.advertInterval = 2;
    });
    const { r, summary } = await sampled(['rollout', to, '--json', '--playbook', 'test/fixtures/playbooks/fail-on-lvs-dr2.mjs']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
    assert.equal(report.status, 'failed');
    assert.deepEqual(
      report.stages.map((s) => `${s.hosts.join()} ${s.status}`),
      ['lvs-dr done', 'lvs-dr2 failed'],
    );
    const failed = report.stages[1]!;
    assert.match(failed.error ?? '', /lvs-dr2: inject-failure/);
    assert.ok(
      failed.hostReports[0]!.rolledBack?.some((u) => u.includes('restore /etc/keepalived/keepalived.conf')),
      JSON.stringify(failed.hostReports[0]),
    );
    // where each VIP is, said at the end: each on its MASTER again
    assert.equal(report.vips, '198.18.0.100 on lvs-dr; 198.18.0.110 on lvs-dr2');
    for (const s of summary) noSplitBrain(s, ADVERT_INT_2_MS);
    // lvs-dr2 runs its old config, lvs-dr the new one; no switch is left set
    assert.equal((await lvsPlay(['check', from, '--limit', 'lvs-dr2'], env())).code, 0);
    assert.equal((await lvsPlay(['check', to, '--limit', 'lvs-dr'], env())).code, 0);
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
  });

  it('a must-agree change whose second director fails rolls both back (the first out of the election), then hands the VIPs back', async () => {
    // where the previous test left the lab: lvs-dr at weight 3, lvs-dr2 at weight 2, both at advert_int 2
    const drNow = write('dr-now.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 3;
      inv.vrrp!.advertInterval = 2;
    });
    const dr2Now = write('dr2-now.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 2;
      inv.vrrp!.advertInterval = 2;
    });
    const to = write('to-advert3.json', (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = 3;
    });
    const { r, summary } = await sampled(['rollout', to, '--json', '--playbook', 'test/fixtures/playbooks/fail-on-lvs-dr2.mjs']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
    assert.deepEqual(
      report.stages.map((s) => `${s.kind} ${s.status}`),
      ['directors-agree failed'],
    );
    const stage = report.stages[0]!;
    assert.match(stage.error ?? '', /lvs-dr2: inject-failure/);
    // lvs-dr2 rolled back by its own run, lvs-dr by the stage
    assert.ok(stage.hostReports.find((h) => h.host === 'lvs-dr2')!.rolledBack?.length);
    assert.ok(
      stage.rolledBack.find((b) => b.host === 'lvs-dr')?.undone.includes('restore /etc/keepalived/keepalived.conf'),
      JSON.stringify(stage.rolledBack),
    );
    assert.match(r.stderr, /lvs-dr: back in the election at priority 1/);
    assert.equal(report.vips, '198.18.0.100 on lvs-dr; 198.18.0.110 on lvs-dr2');
    for (const s of summary) noSplitBrain(s, ADVERT_INT_MS); // from advert_int 2 to 3: the slower one
    assert.equal((await lvsPlay(['check', drNow, '--limit', 'lvs-dr'], env())).code, 0);
    assert.equal((await lvsPlay(['check', dr2Now, '--limit', 'lvs-dr2'], env())).code, 0);
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
  });

  it('drains a real server on every director around its change, and undrains it after', async () => {
    const seen = new Set<string>();
    let recorded = false;
    const watch = setInterval(() => {
      void drainFiles()
        .then((f) => {
          for (const x of f) seen.add(x);
        })
        .catch(() => undefined);
      recorded ||= existsSync(record());
    }, 100);
    const r = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW], { ...env(), LVS_PLAY_TEST_STEP: 'ok' });
    clearInterval(watch);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual([...seen].sort(), ['lvs-dr2:drain-lvs01=1', 'lvs-dr:drain-lvs01=1']);
    assert.ok(recorded, 'the drain was recorded on this machine while it was set');
    assert.match(r.stdout, /198\.18\.0\.100:80 keeps lvs02; 198\.18\.0\.110:80 keeps lvs02 \(asked from lvs-dr\)/);
    assert.match(r.stdout, /connections not observable: keepalived runs VRRP-only/);
    assert.match(r.stdout, /answered from lvs-dr: lvs01 TCP_CHECK 198\.18\.0\.10:80; lvs01 HTTP_GET 198\.18\.0\.10:80\/index\.html/);
    assert.match(r.stdout, /weights not checkable/);
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
    await lab.run('lvs01', `test -e ${MARKER}`);
  });

  it('undrains a real server whose change fails, after rolling the change back', async () => {
    await lab.run('lvs01', `rm -f ${MARKER}`);
    const r = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW, '--json'], {
      ...env(),
      LVS_PLAY_TEST_STEP: 'fail',
    });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
    assert.match(report.stages[0]!.error ?? '', /lvs01: slow-change: a fail step \(test\) failed/);
    assert.ok(report.stages[0]!.hostReports[0]!.rolledBack?.includes(`restore ${MARKER}`));
    assert.match(r.stderr, /drain lvs01 on lvs-dr, lvs-dr2[\s\S]*undrain lvs01 on lvs-dr, lvs-dr2/);
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'the failed change was rolled back');
  });

  it('refuses to drain a real server when no other one answers for its services: nothing drained, nothing changed', async () => {
    await lab.run('lvs01', `rm -f ${MARKER}`);
    await lab.run('lvs02', 'systemctl stop nginx');
    try {
      const r = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW], { ...env(), LVS_PLAY_TEST_STEP: 'ok' });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        /draining lvs01 would leave no real server answering its health check \(from lvs-dr\): 198\.18\.0\.100:80: lvs02 TCP_CHECK 198\.18\.0\.20:80: no connection/,
      );
      assert.deepEqual(await drainFiles(), []);
      assert.equal(existsSync(record()), false);
      assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'lvs01 was not changed');
    } finally {
      await lab.run('lvs02', 'systemctl start nginx');
    }
  });

  it('Ctrl-C during a drained change still undrains, and says it was interrupted', async () => {
    await lab.run('lvs01', `rm -f ${MARKER}`);
    const run = start(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW], { ...env(), LVS_PLAY_TEST_STEP: 'hang' });
    await waitFor('the drain to be set on both directors', async () => (await drainFiles()).length === 2, 30_000);
    // the change under way: its marker written, its 20 s step running (a signal before it would stop the rollout
    // before the change, another path)
    await waitFor('the change under way on lvs01', async () => (await lab.ssh('lvs01', `test -e ${MARKER}`)).code === 0, 60_000, 100);
    run.child.kill('SIGINT');
    const { code, out } = await run.done;
    assert.equal(code, 1, out);
    assert.match(out, /SIGINT: stopping/);
    assert.match(out, /interrupted \(after change lvs01/);
    // the step under way ran to its end, then the change was rolled back
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'the change on lvs01 is rolled back');
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
  });

  it("the operator's terminal hangs up (SIGHUP, its output closed) during a drained change: the rollout goes on to its end, changed and undrained", async () => {
    await lab.run('lvs01', `rm -f ${MARKER}`);
    const run = start(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW], { ...env(), LVS_PLAY_TEST_STEP: 'ok' });
    await waitFor('the drain to be set on both directors', async () => (await drainFiles()).length === 2, 30_000);
    // a terminal that hangs up: SIGHUP, and nobody reads what is written any more
    run.child.stdout!.destroy();
    run.child.kill('SIGHUP');
    const { code, out } = await run.done;
    assert.equal(code, 0, out);
    assert.match(out, /SIGHUP: the terminal is gone; lvs-play goes on to the end of this run/);
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
    await lab.run('lvs01', `test -e ${MARKER}`);
  });

  it('a run killed outright leaves its record: every command warns, and deploy undrains', async () => {
    await lab.run('lvs01', `rm -f ${MARKER}`);
    const run = start(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW], { ...env(), LVS_PLAY_TEST_STEP: 'hang' });
    await waitFor('the drain to be set on both directors', async () => (await drainFiles()).length === 2, 30_000);
    // and lvs01's change under way: its hang step recorded in lvs01's journal
    await waitFor(
      'the hang step on lvs01',
      async () => (await lab.ssh('lvs01', 'grep -l "a hang step" /var/lib/lvs-play/journal/*/*.step')).code === 0,
      30_000,
      100,
    );
    run.child.kill('SIGKILL');
    await run.done;
    assert.ok(existsSync(record()));
    const warned = await lvsPlay(['verify', INVENTORY], env());
    assert.match(warned.stderr, /warning: cluster lab: lvs01 is drained on lvs-dr, lvs-dr2 since .* lvs-play deploy/);
    const check = await lvsPlay(['check', INVENTORY], env());
    assert.match(check.stderr, /warning: cluster lab: lvs01 is drained/);
    // the host's journal of the killed run: check reports lvs01 as interrupted, naming its steps
    assert.equal(check.code, 2, check.stdout + check.stderr);
    assert.match(
      check.stdout,
      /INTERRUPTED lvs01: run \S+ \(lvs-play rollout .*\) was interrupted and left 2 recorded step\(s\): slow-change: write \/var\/tmp\/lvs-play-test-marker; slow-change: a hang step \(test\)/,
    );
    const d = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.match(d.stdout, /lvs01: undraining on lvs-dr, lvs-dr2/);
    // and deploy rolled the killed run's half-done change back first, from lvs01's own journal
    assert.match(d.stdout, /lvs01: rolled back interrupted run \S+ .*restore \/var\/tmp\/lvs-play-test-marker/);
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'the marker the killed run wrote is gone');
    assert.equal((await lab.run('lvs01', 'ls -A /var/lib/lvs-play/journal | wc -l')).trim(), '0');
    assert.deepEqual(await drainFiles(), []);
    assert.equal(existsSync(record()), false);
    const after = await lvsPlay(['check', INVENTORY], env());
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.doesNotMatch(after.stderr, /warning/);
  });

  it('drain and undrain by hand: recorded, warned about, cleared', async () => {
    const d = await lvsPlay(['drain', INVENTORY, 'lvs02'], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.deepEqual((await drainFiles()).sort(), ['lvs-dr2:drain-lvs02=1', 'lvs-dr:drain-lvs02=1']);
    assert.match(d.stdout, /connections not observable: keepalived runs VRRP-only/);
    const drained = await lvsPlay(['verify', INVENTORY], env());
    assert.match(drained.stderr, /lvs02 is drained on lvs-dr, lvs-dr2/);
    // no IPVS table in the container lab: the directors' own drain switches say lvs02 is out of the pool (issue 13)
    assert.equal(drained.code, 2, drained.stdout + drained.stderr);
    for (const d of ['lvs-dr', 'lvs-dr2'])
      assert.match(
        drained.stdout,
        new RegExp(`^switches\\s+${d}\\s+degraded\\s+lvs02 drained here .*: lvs-play undrain \\S+ lvs02 puts it back$`, 'm'),
      );
    const u = await lvsPlay(['undrain', INVENTORY], env());
    assert.equal(u.code, 0, u.stdout + u.stderr);
    assert.deepEqual(await drainFiles(), []);
    const undrained = await lvsPlay(['verify', INVENTORY], env());
    for (const d of ['lvs-dr', 'lvs-dr2'])
      assert.match(undrained.stdout, new RegExp(`^switches\\s+${d}\\s+pass\\s+no real server drained, no handover set$`, 'm'));
    assert.equal(existsSync(record()), false);
  });
});

/** The built CLI as a child process the test can signal. */
function start(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [`${repoRoot}dist/lib/cli/main.js`, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const done = new Promise<{ code: number | null; out: string }>((resolve) => child.on('close', (code) => resolve({ code, out })));
  return { child, done };
}
