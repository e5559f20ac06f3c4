// Issue 13 on the container lab (`npx tsc -p tsconfig.json` first):
// vrrp.nopreempt and vrrp.preemptDelay, deployed and then tried for real.
// keepalived on lvs-dr (MASTER of 198.18.0.100) is stopped, its VIP goes to
// lvs-dr2, keepalived starts again, and the sampler follows the VIP on both
// directors on one clock: with nopreempt it stays on lvs-dr2 (and verify
// passes it there), with preempt_delay it comes back only after the delay.
// Each test prints what it measured. The lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';
import { holdersNow } from '../support/vip-holders.js';
import { describeSummary, VipSampler } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const VIP = '198.18.0.100';
const ADVERT_MS = 3000; // the lab's advert_int
const DELAY_S = 12;

describe('preemption on the lab: nopreempt and preempt_delay (issue 13)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir: string;

  const holderOf = async (vip: string) => (await holdersNow(lab.run, DIRECTORS, [vip]))[0]!;
  const on = (d: string) => async () => (await holderOf(VIP)) === d;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-preempt-'));
  });
  after(async () => {
    const back = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    // with preemption back, lvs-dr takes its VIP back
    await waitFor(`${VIP} on lvs-dr`, on('lvs-dr'), 60_000);
    rmSync(dir, { recursive: true, force: true });
  });

  /** deploy the variant, make sure lvs-dr holds the VIP, stop and start its keepalived; the sampler runs from before the stop */
  async function failAndRecover(file: string): Promise<{ sampler: VipSampler; startedAt: number }> {
    const d = await lvsPlay(['deploy', file]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    if (!(await on('lvs-dr')())) {
      // a nopreempt cluster keeps a VIP where it is: put it home by restarting the holder's keepalived
      await lab.run('lvs-dr2', 'systemctl restart keepalived');
      await waitFor(`${VIP} on lvs-dr`, on('lvs-dr'), 60_000);
    }
    const sampler = new VipSampler(DIRECTORS, [VIP]);
    await sampler.start();
    await lab.run('lvs-dr', 'systemctl stop keepalived');
    await waitFor(`${VIP} on lvs-dr2`, on('lvs-dr2'), 30_000);
    const startedAt = Date.now();
    await lab.run('lvs-dr', 'systemctl start keepalived');
    return { sampler, startedAt };
  }

  it('nopreempt: the director that comes back stays BACKUP, its VIP stays on lvs-dr2, and verify passes that', async () => {
    const file = writeLabVariant(dir, 'nopreempt.json', (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    });
    const { sampler, startedAt } = await failAndRecover(file);
    // long enough for a preempting MASTER to have taken it back several times over
    await sleep(4 * ADVERT_MS);
    const report = await sampler.stop();
    const s = report.vips[0]!;
    console.log(`      ${describeSummary(s)}`);
    console.log(`      keepalived on lvs-dr running again for ${Date.now() - startedAt} ms; ${VIP} still on ${await holderOf(VIP)}`);
    assert.equal(await holderOf(VIP), 'lvs-dr2');
    assert.equal(s.sequence.filter((h) => h !== 'none' && !h.includes('+')).at(-1), 'lvs-dr2');
    assert.ok(!(s.holding['lvs-dr'] ?? []).some((i) => i.from >= startedAt), 'lvs-dr took the VIP back');
    assert.match(await lab.run('lvs-dr', 'cat /etc/keepalived/keepalived.conf'), /state BACKUP\n(.*\n)*? +nopreempt\n/);
    const verify = await lvsPlay(['verify', file]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /on lvs-dr2 \(BACKUP, eth0\): with nopreempt a VIP stays where it is; its MASTER is lvs-dr/);
  });

  it(`preempt_delay ${DELAY_S}: the director that comes back takes its VIP back, but only after the delay`, async () => {
    const file = writeLabVariant(dir, 'preempt-delay.json', (inv) => {
      inv.vrrp = { ...inv.vrrp, preemptDelay: DELAY_S };
    });
    const { sampler, startedAt } = await failAndRecover(file);
    await waitFor(`${VIP} back on lvs-dr`, on('lvs-dr'), (DELAY_S + 30) * 1000);
    const report = await sampler.stop();
    const s = report.vips[0]!;
    console.log(`      ${describeSummary(s)}`);
    const back = (s.holding['lvs-dr'] ?? []).find((i) => i.from >= startedAt);
    assert.ok(back, `no return to lvs-dr: ${s.sequence.join(' -> ')}`);
    const after = back.from - startedAt;
    console.log(`      keepalived on lvs-dr started at +0; the VIP was back at +${after.toFixed(0)} ms (preempt_delay ${DELAY_S} s)`);
    assert.ok(after >= DELAY_S * 1000, `back after ${after} ms, before the ${DELAY_S} s delay`);
    assert.ok(s.maxOverlapMs < ADVERT_MS && s.worstNoHolderMs < ADVERT_MS, describeSummary(s));
  });
});
