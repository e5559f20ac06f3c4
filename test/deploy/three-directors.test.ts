// Issue 13 on the container lab (`npx tsc -p tsconfig.json` first): three
// directors with three VIPs, each MASTER of one (the inventory's default
// spread), deployed to a lab brought up for that inventory (inventory/lab.json
// plus lvs-dr3 and a third VIP). Each director's keepalived is stopped in
// turn and started again, while the sampler follows every VIP on all three
// directors on one clock: every VIP is always on exactly one director, save
// a takeover's own few milliseconds (bounded by an advert interval, as in
// the rolling suite). The lab is taken down afterwards, so the next suite
// brings inventory/lab.json's own lab up again.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../lib/inventory/types.js';
import { labDown } from '../../lib/lab/down.js';
import { labSsh } from '../../lib/lab/ssh.js';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { forgetLab, LAB_TIMEOUT_MS, labProgress } from '../support/lab.js';
import { holdersNow } from '../support/vip-holders.js';
import { describeSummary, VipSampler } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const DIRECTORS = ['lvs-dr', 'lvs-dr2', 'lvs-dr3'];
const VIPS = ['198.18.0.100', '198.18.0.110', '198.18.0.120'];
const ADDRESS: Record<string, string> = { 'lvs-dr': '198.18.0.30', 'lvs-dr2': '198.18.0.40', 'lvs-dr3': '198.18.0.60' };
const ADVERT_MS = 3000; // the lab's advert_int

describe('three directors, three VIPs, each failing in turn (issue 13)', function () {
  this.timeout(30 * 60_000);
  let dir: string;
  let inventory: string;

  const run = async (host: string, command: string) => {
    const r = await labSsh(ADDRESS[host]!, command);
    if (r.code !== 0) throw new Error(`${host}: "${command}" exited ${r.code}: ${r.stderr.trim()}`);
    return r.stdout;
  };
  /** who holds each VIP now, the three directors read at once */
  const holders = () => holdersNow(run, DIRECTORS, VIPS);
  const home = async () => (await holders()).join() === DIRECTORS.join();

  before(async function () {
    this.timeout(LAB_TIMEOUT_MS);
    dir = mkdtempSync(join(tmpdir(), 'lvsp-trio-'));
    const inv = JSON.parse(readFileSync(join(repoRoot, 'inventory/lab.json'), 'utf8')) as Inventory;
    inv.hosts.splice(2, 0, { name: 'lvs-dr3', address: ADDRESS['lvs-dr3']! });
    inv.groups.directors = [...DIRECTORS];
    for (const v of inv.vips) delete v.master; // VIP i on director i
    inv.vips.push({ ...structuredClone(inv.vips[0]!), address: VIPS[2]!, instance: 'bl_three', routerId: 58 });
    inventory = join(dir, 'trio.json');
    writeFileSync(inventory, JSON.stringify(inv, null, 2));
    forgetLab(); // another shape of lab: taken down at the end of the run at the latest
    const up = await lvsPlay(['lab', 'up', inventory]);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    const d = await lvsPlay(['deploy', inventory]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on its MASTER', home, 60_000);
  });

  after(async function () {
    this.timeout(LAB_TIMEOUT_MS);
    // the next suites want inventory/lab.json's lab: two directors, nothing left of this one
    await labDown({ progress: labProgress });
    forgetLab();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders each director MASTER of one VIP and BACKUP of the other two, at distinct priorities', async () => {
    const conf = await run('lvs-dr3', 'cat /etc/keepalived/keepalived.conf');
    const priorities = [...conf.matchAll(/vrrp_instance (\S+) \{[\s\S]*?state (\w+)[\s\S]*?priority (\d+)/g)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );
    assert.deepEqual(priorities, ['bl_one BACKUP 110', 'bl_two BACKUP 120', 'bl_three MASTER 150']);
  });

  it('stops keepalived on each director in turn: its VIP moves to one other director and comes back; no VIP is ever on two or on none for an advert interval', async () => {
    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const moves: string[] = [];
    for (const [i, d] of DIRECTORS.entries()) {
      const t0 = Date.now();
      await run(d, 'systemctl stop keepalived');
      await waitFor(
        `${VIPS[i]} off ${d}`,
        async () => {
          const h = (await holders())[i]!;
          return h !== d && h !== 'none' && !h.includes('+');
        },
        30_000,
      );
      const to = (await holders())[i]!;
      const moved = Date.now() - t0;
      await run(d, 'systemctl start keepalived');
      await waitFor('each VIP on its MASTER again', home, 60_000);
      moves.push(`${d} stopped: ${VIPS[i]} to ${to} in ${moved} ms, back ${Date.now() - t0 - moved} ms after the start`);
    }
    const report = await sampler.stop();
    for (const line of moves) console.log(`      ${line}`);
    for (const s of report.vips) console.log(`      ${describeSummary(s)}`);
    for (const s of report.vips) {
      assert.ok(s.maxOverlapMs < ADVERT_MS, `${s.vip} on two directors at once for ${s.maxOverlapMs} ms (split brain)`);
      assert.ok(s.worstNoHolderMs < ADVERT_MS, `${s.vip} on no director for ${s.worstNoHolderMs} ms`);
    }
    for (const [i, s] of report.vips.entries()) {
      const own = DIRECTORS[i]!;
      const held = s.sequence.filter((h) => h !== 'none' && !h.includes('+'));
      assert.equal(held[0], own);
      assert.equal(held.at(-1), own);
      assert.equal(
        held.filter((h) => h !== own).length,
        1,
        `${s.vip} went to exactly one other director, once: ${s.sequence.join(' -> ')}`,
      );
    }
  });
});
