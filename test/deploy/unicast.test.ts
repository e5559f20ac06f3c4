// Issue 13 on the container lab (`npx tsc -p tsconfig.json` first): VRRP
// over unicast where multicast is really dropped. nftables inside both
// directors' own network namespaces drops every packet to VRRP's multicast
// group 224.0.0.18, as many clouds and switches do. The seed's multicast
// cluster then splits (each director hears nobody and takes every VIP); the
// same cluster with vrrp.unicast elects one holder per VIP, fails over and
// comes back, followed by the sampler on one clock. The lab is left as
// inventory/lab.json says, without the rules.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';
import { holdersNow } from '../support/vip-holders.js';
import { describeSummary, VipSampler } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const VIPS = ['198.18.0.100', '198.18.0.110'];
const ADVERT_MS = 3000; // the lab's advert_int
const TABLE = 'lvsp_test_no_multicast';
const DROP_MULTICAST = [
  'command -v nft >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >/dev/null; }; }',
  `nft add table inet ${TABLE}`,
  `nft 'add chain inet ${TABLE} in { type filter hook input priority -5; }'`,
  `nft 'add chain inet ${TABLE} out { type filter hook output priority -5; }'`,
  `nft add rule inet ${TABLE} in ip daddr 224.0.0.18 counter drop`,
  `nft add rule inet ${TABLE} out ip daddr 224.0.0.18 counter drop`,
].join(' && ');
const ALLOW_MULTICAST = `if command -v nft >/dev/null; then nft delete table inet ${TABLE} 2>/dev/null || true; fi`;

describe('VRRP over unicast where multicast is dropped (issue 13)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir: string;

  const holders = () => holdersNow(lab.run, DIRECTORS, VIPS);
  const holding = (want: string[]) => async () => (await holders()).join() === want.join();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-unicast-'));
    const d = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on its MASTER', holding(['lvs-dr', 'lvs-dr2']), 60_000);
    for (const director of DIRECTORS) await lab.run(director, DROP_MULTICAST);
  });
  after(async () => {
    for (const director of DIRECTORS) await lab.run(director, ALLOW_MULTICAST);
    const back = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    await waitFor('each VIP on its MASTER', holding(['lvs-dr', 'lvs-dr2']), 60_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the multicast cluster splits there: each director hears no adverts and holds every VIP', async () => {
    const t0 = Date.now();
    await waitFor('both VIPs on both directors', holding(['lvs-dr+lvs-dr2', 'lvs-dr+lvs-dr2']), 60_000);
    // Each director drops its own adverts on the way out, so the split is proven by the output counters.
    // The input counters may stay at zero: once both directors have the rules, no advert reaches any input
    // (CI saw lvs-dr's input count 0 when lvs-dr2 sent nothing in the moment between the two installs).
    for (const director of DIRECTORS) {
      const out = await lab.run(director, `nft list chain inet ${TABLE} out`);
      const input = await lab.run(director, `nft list chain inet ${TABLE} in`);
      const counter = (listing: string) => /counter (packets \d+ bytes \d+)/.exec(listing)?.[1] ?? '?';
      console.log(`      ${director}: split after ${Date.now() - t0} ms; adverts dropped out: ${counter(out)}, in: ${counter(input)}`);
      assert.match(out, /counter packets [1-9]\d* bytes/, `${director}'s own adverts were really dropped on the way out`);
    }
    const verify = await lvsPlay(['verify', INVENTORY]);
    assert.equal(verify.code, 1, verify.stdout);
    assert.match(verify.stdout, /split brain: held by lvs-dr \(MASTER, eth0\) and lvs-dr2 \(BACKUP, eth0\)/);
  });

  it('with vrrp.unicast: one holder per VIP again, a failover to lvs-dr2 and back, never two holders for an advert interval', async () => {
    const file = writeLabVariant(dir, 'unicast.json', (inv) => {
      inv.vrrp = { ...inv.vrrp, unicast: true };
    });
    const d = await lvsPlay(['deploy', file]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.match(
      await lab.run('lvs-dr', 'cat /etc/keepalived/keepalived.conf'),
      /unicast_src_ip 198\.18\.0\.30\n {4}unicast_peer \{\n {8}198\.18\.0\.40\n {4}\}/,
    );
    const t0 = Date.now();
    await waitFor('each VIP on its MASTER only', holding(['lvs-dr', 'lvs-dr2']), 60_000);
    console.log(`      one holder per VIP ${Date.now() - t0} ms after the unicast config was in place`);

    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const stop = Date.now();
    await lab.run('lvs-dr', 'systemctl stop keepalived');
    await waitFor('both VIPs on lvs-dr2', holding(['lvs-dr2', 'lvs-dr2']), 30_000);
    const moved = Date.now() - stop;
    const start = Date.now();
    await lab.run('lvs-dr', 'systemctl start keepalived');
    await waitFor('198.18.0.100 back on lvs-dr', holding(['lvs-dr', 'lvs-dr2']), 60_000);
    const back = Date.now() - start;
    const report = await sampler.stop();
    for (const s of report.vips) console.log(`      ${describeSummary(s)}`);
    console.log(`      failover seen in ${moved} ms, return in ${back} ms (advert_int 3, multicast dropped)`);
    const s = report.vips[0]!;
    assert.deepEqual(
      s.sequence.filter((h) => h !== 'none' && !h.includes('+')),
      ['lvs-dr', 'lvs-dr2', 'lvs-dr'],
    );
    for (const v of report.vips) assert.ok(v.maxOverlapMs < ADVERT_MS && v.worstNoHolderMs < ADVERT_MS, describeSummary(v));
    const verify = await lvsPlay(['verify', file, '--json']);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    // each director's peer routed out of eth0 and answering ARP (lvs-dr2 has sent adverts to lvs-dr while it held its VIP)
    const peers = (
      JSON.parse(verify.stdout) as { checks: { check: string; target: string; status: string; detail: string }[] }
    ).checks.filter((c) => c.check === 'unicast-peer');
    for (const p of peers) console.log(`      unicast-peer ${p.target}: ${p.status}: ${p.detail}`);
    assert.deepEqual(
      peers.map((p) => `${p.target} ${p.status}`),
      ['lvs-dr -> lvs-dr2 (198.18.0.40) pass', 'lvs-dr2 -> lvs-dr (198.18.0.30) pass'],
    );
  });
});
