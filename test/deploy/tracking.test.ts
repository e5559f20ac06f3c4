// Issue 13 on the container lab (`npx tsc -p tsconfig.json` first): the
// operator's check (vrrp.trackScripts) and a sync group whose instances
// track an interface (vrrp.syncGroups, vrrp.trackInterfaces), each deployed
// and then failed for real inside the directors, with the VIPs followed by
// the sampler (every address change on both directors, one clock). Each
// test prints what it measured. The lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';
import { holdersNow } from '../support/vip-holders.js';
import { describeSummary, VipSampler, type VipSummary } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const VIPS = ['198.18.0.100', '198.18.0.110'];
const ADVERT_MS = 3000; // the lab's advert_int
const UPSTREAM_OK = '/run/lvsp-test-upstream-ok';
const UPLINK = 'lvsptrack0'; // one end of a veth pair inside the director (the kernel here has no dummy driver)

describe("VRRP tracking on the lab: the operator's check, a sync group tracking an interface (issue 13)", function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir: string;

  /** who holds each VIP now, both directors read at once */
  const holders = () => holdersNow(lab.run, DIRECTORS, VIPS);
  const at = (want: string[]) => async () => (await holders()).join() === want.join();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-tracking-'));
  });
  after(async () => {
    await Promise.all(DIRECTORS.map((d) => lab.run(d, `rm -f ${UPSTREAM_OK}; ip link del ${UPLINK} 2>/dev/null || true`)));
    const back = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    await waitFor('each VIP on its MASTER', at(['lvs-dr', 'lvs-dr2']), 60_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('track script: while the check fails on lvs-dr its priority drops by the weight and its VIP moves to lvs-dr2; it comes back when the check passes', async () => {
    await Promise.all(DIRECTORS.map((d) => lab.run(d, `touch ${UPSTREAM_OK}`)));
    const file = writeLabVariant(dir, 'track-script.json', (inv) => {
      inv.vrrp = {
        ...inv.vrrp,
        trackScripts: [{ name: 'upstream', command: `/usr/bin/test -e ${UPSTREAM_OK}`, interval: 1, weight: -40, fall: 1, rise: 1 }],
      };
    });
    const d = await lvsPlay(['deploy', file]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.match(
      await lab.run('lvs-dr', 'cat /etc/keepalived/keepalived.conf'),
      /vrrp_script upstream \{\n {4}script "\/usr\/bin\/test -e \/run\/lvsp-test-upstream-ok"/,
    );
    await waitFor('each VIP on its MASTER', at(['lvs-dr', 'lvs-dr2']), 60_000);

    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const failedAt = Date.now();
    await lab.run('lvs-dr', `rm -f ${UPSTREAM_OK}`);
    await waitFor('198.18.0.100 on lvs-dr2 (lvs-dr 150 - 40 = 110 < 120)', at(['lvs-dr2', 'lvs-dr2']), 30_000);
    const passedAt = Date.now();
    await lab.run('lvs-dr', `touch ${UPSTREAM_OK}`);
    await waitFor('198.18.0.100 back on lvs-dr', at(['lvs-dr', 'lvs-dr2']), 30_000);
    const report = await sampler.stop();
    for (const s of report.vips) console.log(`      ${describeSummary(s)}`);
    const moved = report.vips.find((s) => s.vip === '198.18.0.100')!;
    const [went, cameBack] = arrivals(moved, 'lvs-dr2', 'lvs-dr');
    console.log(
      `      the check failed at +0: the VIP was on lvs-dr2 at +${(went - failedAt).toFixed(0)} ms; it passed again at +${passedAt - failedAt} ms and the VIP was back at +${(cameBack - failedAt).toFixed(0)} ms`,
    );
    assert.deepEqual(
      moved.sequence.filter((h) => !h.includes('+') && h !== 'none'),
      ['lvs-dr', 'lvs-dr2', 'lvs-dr'],
      'moved once and came back once',
    );
    assert.ok(moved.maxOverlapMs < ADVERT_MS, `198.18.0.100 on both directors for ${moved.maxOverlapMs} ms`);
    assert.deepEqual(report.vips.find((s) => s.vip === '198.18.0.110')!.sequence, ['lvs-dr2'], 'the other VIP never moved');
  });

  it('sync group tracking an interface: when it goes down on lvs-dr both VIPs leave together (FAULT), and come back together', async () => {
    await Promise.all(
      DIRECTORS.map((d) =>
        lab.run(
          d,
          `ip link del ${UPLINK} 2>/dev/null; ip link add ${UPLINK} type veth peer name ${UPLINK}p && ip link set ${UPLINK}p up && ip link set ${UPLINK} up`,
        ),
      ),
    );
    const file = writeLabVariant(dir, 'sync-group.json', (inv) => {
      inv.vips[1]!.master = 'lvs-dr';
      inv.vrrp = { ...inv.vrrp, trackInterfaces: [{ interface: UPLINK }], syncGroups: [{ name: 'g_web', vips: VIPS }] };
    });
    const d = await lvsPlay(['deploy', file]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('both VIPs on lvs-dr', at(['lvs-dr', 'lvs-dr']), 60_000);
    const verify = await lvsPlay(['verify', file]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /sync-group.*g_web.*every VIP on lvs-dr/);

    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    await lab.run('lvs-dr', `ip link set ${UPLINK} down`);
    await waitFor('both VIPs on lvs-dr2', at(['lvs-dr2', 'lvs-dr2']), 30_000);
    await lab.run('lvs-dr', `ip link set ${UPLINK} up`);
    await waitFor('both VIPs back on lvs-dr', at(['lvs-dr', 'lvs-dr']), 30_000);
    const report = await sampler.stop();
    for (const s of report.vips) console.log(`      ${describeSummary(s)}`);
    const [a, b] = report.vips;
    const [aWent, aBack] = arrivals(a!, 'lvs-dr2', 'lvs-dr');
    const [bWent, bBack] = arrivals(b!, 'lvs-dr2', 'lvs-dr');
    console.log(
      `      the group moved with its VIPs ${Math.abs(aWent - bWent).toFixed(1)} ms apart, and came back ${Math.abs(aBack - bBack).toFixed(1)} ms apart`,
    );
    for (const s of [a!, b!]) {
      assert.deepEqual(
        s.sequence.filter((h) => !h.includes('+') && h !== 'none'),
        ['lvs-dr', 'lvs-dr2', 'lvs-dr'],
        s.vip,
      );
      assert.ok(s.maxOverlapMs < ADVERT_MS, `${s.vip} on both directors for ${s.maxOverlapMs} ms`);
    }
    // together: the second VIP followed the first within one advert interval, both ways
    assert.ok(Math.abs(aWent - bWent) < ADVERT_MS && Math.abs(aBack - bBack) < ADVERT_MS, "the group's VIPs moved separately");
  });
});

/** When the VIP first arrived on `there` and then on `back` again (ms, the sampler's clock). */
function arrivals(s: VipSummary, there: string, back: string): [number, number] {
  const went = s.holding[there]?.[0]?.from;
  const cameBack = s.holding[back]?.find((i) => went !== undefined && i.from > went)?.from;
  assert.ok(went !== undefined && cameBack !== undefined, `${s.vip}: no move to ${there} and back to ${back} (${s.sequence.join(' -> ')})`);
  return [went, cameBack];
}
