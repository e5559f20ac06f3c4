// Issue 13 on the container lab (`npx tsc -p tsconfig.json` first): what
// keepalived 2.2.7 really does when each new VRRP keyword reaches a running
// director by reload, measured rather than assumed. For each change the
// cluster is deployed as it was, then the new inventory is deployed to
// lvs-dr alone (deploy --limit: the keepalived task's reload, as a rollout's
// change step does it), then to lvs-dr2, and the sampler follows both VIPs on
// both directors on one clock for longer than Master_Down_Interval after
// each. What the rollout's planner calls the change
// (lib/rollout/plan/classify-config.ts) must hold: a change it calls
// reload-safe moves no VIP and leaves none without a holder, on one director
// or on both. Each case prints what it measured. The lab is left as
// inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadInventory } from '../../lib/inventory/load.js';
import type { Inventory } from '../../lib/inventory/types.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { classifyConfigChange } from '../../lib/rollout/plan/classify-config.js';
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
/** longer than Master_Down_Interval (3 adverts and the skew): a VIP dropped by the reload has been taken by then */
const WATCH_MS = 4 * ADVERT_MS;
const UPLINK = 'lvsptrack1'; // one end of a veth pair inside each director (the kernel here has no dummy driver)

interface Case {
  name: string;
  before: (inv: Inventory) => void;
  after: (inv: Inventory) => void;
  /** who holds each VIP before the change */
  home: string[];
}

const bothOnLvsDr = (inv: Inventory) => {
  inv.vips[1]!.master = 'lvs-dr';
};
const CASES: Case[] = [
  {
    name: 'track_script added',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, trackScripts: [{ name: 'upstream', command: '/usr/bin/true', interval: 1, weight: -40 }] };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
  {
    name: 'track_interface added',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, trackInterfaces: [{ interface: UPLINK }] };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
  {
    name: 'vrrp_sync_group added',
    before: bothOnLvsDr,
    after: (inv) => {
      bothOnLvsDr(inv);
      inv.vrrp = { ...inv.vrrp, syncGroups: [{ name: 'g_web', vips: VIPS }] };
    },
    home: ['lvs-dr', 'lvs-dr'],
  },
  {
    name: 'nopreempt set',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
  {
    name: 'preempt_delay set',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, preemptDelay: 12 };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
  {
    name: 'garp_master_* set',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, garp: { masterDelay: 2, masterRepeat: 3, masterRefresh: 60 } };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
  {
    name: 'notify script added',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, notify: { script: '#!/bin/sh\nexit 0\n' } };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
  {
    name: 'unicast set (multicast before)',
    before: () => {},
    after: (inv) => {
      inv.vrrp = { ...inv.vrrp, unicast: true };
    },
    home: ['lvs-dr', 'lvs-dr2'],
  },
];

/** What the sampler saw, in a few words: did any VIP move, go without a holder or sit on two directors at once. */
function disturbance(vips: VipSummary[]): string | null {
  const bad = vips.filter((s) => s.sequence.length > 1 || s.gaps.length > 0);
  return bad.length ? bad.map(describeSummary).join('; ') : null;
}

describe('keepalived reload of each new VRRP keyword, measured on the lab (issue 13)', function () {
  this.timeout(30 * 60_000);
  const lab = useLab();
  let dir: string;
  const results: string[] = [];

  const holders = () => holdersNow(lab.run, DIRECTORS, VIPS);
  const at = (want: string[]) => async () => (await holders()).join() === want.join();

  /** deploy and put every VIP where `home` says (a nopreempt cluster keeps VIPs where they are: restart the wrong holder) */
  async function deployHome(file: string, home: string[]): Promise<void> {
    const d = await lvsPlay(['deploy', file]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    try {
      await waitFor(`VIPs on ${home.join(', ')}`, at(home), 30_000);
    } catch {
      const now = await holders();
      for (const d of DIRECTORS) if (now.some((h, i) => h.includes(d) && home[i] !== d)) await lab.run(d, 'systemctl restart keepalived');
      await waitFor(`VIPs on ${home.join(', ')}`, at(home), 60_000);
    }
  }

  /** deploy `file` to one director and watch both VIPs for WATCH_MS after it returned */
  async function reloadOne(file: string, director: string): Promise<VipSummary[]> {
    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const d = await lvsPlay(['deploy', file, '--limit', director]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.match(d.stdout, /keepalived/, `the deploy to ${director} changed keepalived`);
    await sleep(WATCH_MS);
    return (await sampler.stop()).vips;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-reload-'));
    await Promise.all(
      DIRECTORS.map((d) =>
        lab.run(
          d,
          `ip link del ${UPLINK} 2>/dev/null; ip link add ${UPLINK} type veth peer name ${UPLINK}p && ip link set ${UPLINK}p up && ip link set ${UPLINK} up`,
        ),
      ),
    );
  });
  after(async () => {
    for (const line of results) console.log(`      ${line}`);
    await deployHome(INVENTORY, ['lvs-dr', 'lvs-dr2']);
    await Promise.all(DIRECTORS.map((d) => lab.run(d, `ip link del ${UPLINK} 2>/dev/null || true`)));
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: what the planner calls it matches what a reload does`, async () => {
      const beforeFile = writeLabVariant(dir, `before-${i}.json`, c.before);
      const afterFile = writeLabVariant(dir, `after-${i}.json`, c.after);
      const conf = async (file: string) =>
        hostFiles((await loadInventory(file, { env: process.env })).cluster, 'lvs-dr').find((f) => f.path === KEEPALIVED_CONF_PATH)!
          .content;
      const classes = classifyConfigChange(await conf(beforeFile), await conf(afterFile));
      const called = [...new Set(classes.map((x) => x.class))].join('+') || 'no change';

      await deployHome(beforeFile, c.home);
      const one = await reloadOne(afterFile, 'lvs-dr');
      const both = await reloadOne(afterFile, 'lvs-dr2');
      for (const s of [...one, ...both]) console.log(`      ${describeSummary(s)}`);
      const seenOne = disturbance(one);
      const seenBoth = disturbance(both);
      results.push(
        `${c.name}: planner says ${called}; lvs-dr alone reloaded: ${seenOne ? 'DISTURBED' : 'no VIP moved or dropped'}; then lvs-dr2: ${seenBoth ? 'DISTURBED' : 'no VIP moved or dropped'}`,
      );
      if (called === 'reload-safe') {
        assert.equal(seenOne, null, `called reload-safe, but with lvs-dr alone reloaded: ${seenOne}`);
        assert.equal(seenBoth, null, `called reload-safe, but with both reloaded: ${seenBoth}`);
      }
    });
  }
});
