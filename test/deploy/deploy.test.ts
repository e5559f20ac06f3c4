// Issue 4 against the lab's real hosts: deploy to bare hosts, idempotence,
// drift found by check and repaired by deploy, the seed's failover, rollback
// of a failed host. Commands run through the built binary, as a user runs them.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../lib/inventory/load.js';
import type { Cluster, Inventory } from '../../lib/inventory/types.js';
import { labDown } from '../../lib/lab/down.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import type { RunReport } from '../../lib/run/report.js';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { assertDocument } from '../support/json-documents.js';
import { ensureLab, forgetLab, LAB_TIMEOUT_MS, labProgress, useLab } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';

describe('deploy and check on the lab (issue 4)', function () {
  this.timeout(20 * 60_000);
  let cluster: Cluster;
  const vipHolders = async (vip: string) => {
    const out: string[] = [];
    for (const d of ['lvs-dr', 'lvs-dr2']) {
      const r = await lab.run(d, 'ip -j addr show dev eth0');
      if (r.includes(`"${vip}"`)) out.push(d);
    }
    return out;
  };
  const report = (stdout: string) => assertDocument('run', JSON.parse(stdout) as RunReport);

  const lab = useLab();

  before(async function () {
    // a fresh lab: hosts bare again (a lab left up by earlier suites may have packages installed)
    this.timeout(LAB_TIMEOUT_MS);
    await labDown({ progress: labProgress });
    forgetLab();
    await ensureLab();
    cluster = (await loadInventory(`${repoRoot}${INVENTORY}`)).cluster;
    // the lab starts bare: the deploy has to install everything
    assert.notEqual((await lab.ssh('lvs-dr', 'dpkg -s keepalived')).code, 0);
  });

  it("deploys the seed's cluster to bare hosts", async () => {
    const r = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /RECAP deploy lab/);
  });

  it('leaves each director MASTER of its own VIP, keepalived running the rendered config', async () => {
    await waitFor(
      'each VIP on its MASTER',
      async () => (await vipHolders('198.18.0.100')).join() === 'lvs-dr' && (await vipHolders('198.18.0.110')).join() === 'lvs-dr2',
      30_000,
    );
    for (const d of ['lvs-dr', 'lvs-dr2']) {
      assert.equal((await lab.run(d, 'systemctl is-active keepalived')).trim(), 'active');
      const rendered = hostFiles(cluster, d).find((f) => f.path === KEEPALIVED_CONF_PATH)!.content;
      assert.equal(await lab.run(d, `cat ${KEEPALIVED_CONF_PATH}`), rendered);
      assert.match(await lab.run(d, 'cat /etc/chrony/chrony.conf'), /server 198\.18\.0\.1 iburst/);
    }
  });

  it('puts both VIPs on lo of both real servers with the four ARP sysctls', async () => {
    for (const rs of ['lvs01', 'lvs02']) {
      const lo = await lab.run(rs, 'ip -o addr show dev lo');
      assert.match(lo, /inet 198\.18\.0\.100\/32/);
      assert.match(lo, /inet 198\.18\.0\.110\/32/);
      const arp = await lab.run(
        rs,
        'cat /proc/sys/net/ipv4/conf/lo/arp_ignore /proc/sys/net/ipv4/conf/lo/arp_announce /proc/sys/net/ipv4/conf/all/arp_ignore /proc/sys/net/ipv4/conf/all/arp_announce',
      );
      assert.deepEqual(arp.trim().split('\n'), ['1', '2', '1', '2']);
      assert.match(await lab.run(rs, 'cat /etc/chrony/chrony.conf'), /server 198\.18\.0\.1 iburst/);
    }
  });

  it('changes nothing on a second deploy, and check exits 0', async () => {
    const d = await lvsPlay(['deploy', INVENTORY, '--json']);
    assert.equal(d.code, 0, d.stderr);
    const changed = report(d.stdout).hosts.flatMap((h) =>
      h.tasks.filter((t) => t.status !== 'ok').map((t) => `${h.host}/${t.task}: ${t.status}`),
    );
    assert.deepEqual(changed, []);
    const c = await lvsPlay(['check', INVENTORY]);
    assert.equal(c.code, 0, c.stdout + c.stderr);
  });

  it('finds a sysctl, a config byte and a stopped service changed by hand (exit 2, naming host and task), and deploy repairs them', async () => {
    await lab.run('lvs01', 'sysctl -q -w net.ipv4.conf.all.arp_announce=0');
    await lab.run('lvs-dr2', `sed -i -e 's/advert_int 3/advert_int 4/' -e 's/auth_pass .*/auth_pass hacked1/' ${KEEPALIVED_CONF_PATH}`);
    await lab.run('lvs02', 'systemctl stop lvs-play-dr-client');
    const c = await lvsPlay(['check', INVENTORY, '--json']);
    assert.equal(c.code, 2, c.stderr);
    const drift = report(c.stdout)
      .hosts.flatMap((h) => h.tasks.filter((t) => t.status === 'changed').map((t) => `${h.host}/${t.task}`))
      .sort();
    // lvs01's sysctl drift shows in the sysctl task and in dr-client's runtime check
    assert.deepEqual(drift, ['lvs-dr2/keepalived', 'lvs01/dr-client', 'lvs01/sysctl', 'lvs02/dr-client']);
    const plain = await lvsPlay(['check', INVENTORY]);
    assert.match(plain.stdout, /DRIFT lvs01 sysctl: net\.ipv4\.conf\.all\.arp_announce is 0, want 2/);
    assert.match(plain.stdout, /DRIFT lvs-dr2 keepalived: \/etc\/keepalived\/keepalived\.conf: content differs/);
    // deploy --check --diff: the same drift as a unified diff, exit 2, the VRRP password never shown
    const preview = await lvsPlay(['deploy', INVENTORY, '--check', '--diff', '--limit', 'lvs-dr2']);
    assert.equal(preview.code, 2, preview.stderr);
    assert.match(preview.stdout, /^-\s*advert_int 4$/m);
    assert.match(preview.stdout, /^\+\s*advert_int 3$/m);
    assert.match(preview.stdout, /^-\s*auth_pass <redacted: differs>$/m);
    assert.match(preview.stdout, /^\+\s*auth_pass <redacted>$/m);
    // neither the real password nor the one on the host is shown
    const password = cluster.vrrp.auth!.password.reveal();
    assert.ok(!(preview.stdout + preview.stderr).includes(password), 'the VRRP password leaked into --diff');
    assert.ok(!(preview.stdout + preview.stderr).includes('hacked1'), "the host's auth_pass leaked into --diff");
    const d = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.equal((await lvsPlay(['check', INVENTORY])).code, 0);
  });

  it('applies a changed VIP list to a real server: the VIP it no longer serves leaves lo', async () => {
    const inv = JSON.parse(readFileSync(`${repoRoot}${INVENTORY}`, 'utf8')) as Inventory;
    inv.vips[1].services[0].realServers = [{ host: 'lvs01', weight: 1 }];
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-viplist-'));
    try {
      const file = join(dir, 'lab-one-rs.json');
      writeFileSync(file, JSON.stringify(inv));
      const r = await lvsPlay(['deploy', file]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.doesNotMatch(await lab.run('lvs02', 'ip -o addr show dev lo'), /198\.18\.0\.110/);
      assert.match(await lab.run('lvs02', 'ip -o addr show dev lo'), /198\.18\.0\.100\/32/);
      assert.match(await lab.run('lvs01', 'ip -o addr show dev lo'), /198\.18\.0\.110\/32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const back = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    assert.match(await lab.run('lvs02', 'ip -o addr show dev lo'), /198\.18\.0\.110\/32/);
  });

  it('puts a sysctl removed from the inventory back to the value it had before lvs-play first set it (issue 14)', async () => {
    const KEY = 'net.ipv4.tcp_fin_timeout';
    const read = async () => (await lab.run('lvs01', `sysctl -n ${KEY}`)).trim();
    const record = async () => await lab.run('lvs01', 'cat /var/lib/lvs-play/sysctl-originals.conf 2>/dev/null || true');
    const before = await read();
    const wanted = before === '30' ? '31' : '30';
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-sysctl-'));
    try {
      const file = writeLabVariant(dir, 'lab-fin-timeout.json', (inv) => {
        inv.sysctl = { ...inv.sysctl, realservers: { [KEY]: Number(wanted) } };
      });
      const set = await lvsPlay(['deploy', file, '--limit', 'lvs01']);
      assert.equal(set.code, 0, set.stdout + set.stderr);
      assert.equal(await read(), wanted);
      assert.match(await record(), new RegExp(`^${KEY.replace(/\./g, '\\.')}=${before}$`, 'm'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const check = await lvsPlay(['check', INVENTORY, '--limit', 'lvs01']);
    assert.equal(check.code, 2, check.stdout + check.stderr);
    assert.match(
      check.stdout,
      new RegExp(
        `${KEY.replace(/\./g, '\\.')} is no longer in the inventory: back to ${before}, its value before lvs-play set it \\(now ${wanted}\\)`,
      ),
    );
    const back = await lvsPlay(['deploy', INVENTORY, '--limit', 'lvs01']);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    const after = await read();
    console.log(`      ${KEY} on lvs01: ${before} before lvs-play, ${wanted} while in the inventory, ${after} after it left`);
    assert.equal(after, before);
    assert.doesNotMatch(await record(), new RegExp(KEY.replace(/\./g, '\\.')));
    assert.equal((await lvsPlay(['check', INVENTORY])).code, 0);
  });

  it("moves a VIP to the BACKUP when keepalived stops on its MASTER, and back when it starts (the seed's failover)", async () => {
    await lab.run('lvs-dr', 'systemctl stop keepalived');
    const moved = await waitFor('198.18.0.100 on lvs-dr2', async () => (await vipHolders('198.18.0.100')).join() === 'lvs-dr2', 30_000);
    await lab.run('lvs-dr', 'systemctl start keepalived');
    const back = await waitFor('198.18.0.100 back on lvs-dr', async () => (await vipHolders('198.18.0.100')).join() === 'lvs-dr', 30_000);
    console.log(`      failover observed: VIP moved in ${moved} ms, came back in ${back} ms (advert_int 3)`);
  });

  it("runs the operator's notify script on each director for every transition: a failover and a return, each recorded with instance, state and priority (issue 13)", async () => {
    const LOG = '/var/tmp/lvs-play-notify.log';
    const script = `#!/bin/sh\nprintf '%s %s\\n' "$(date +%s.%N)" "$*" >> ${LOG}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-notify-'));
    try {
      for (const d of ['lvs-dr', 'lvs-dr2']) await lab.run(d, `rm -f ${LOG}`);
      const file = writeLabVariant(dir, 'lab-notify.json', (inv) => {
        inv.vrrp = { ...inv.vrrp, notify: { script } };
      });
      const r = await lvsPlay(['deploy', file]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal((await lab.run('lvs-dr', 'stat -c %a:%U /etc/keepalived/lvs-play-notify')).trim(), '755:root');
      await lab.run('lvs-dr', 'systemctl stop keepalived');
      await waitFor('198.18.0.100 on lvs-dr2', async () => (await vipHolders('198.18.0.100')).join() === 'lvs-dr2', 30_000);
      await lab.run('lvs-dr', 'systemctl start keepalived');
      await waitFor('198.18.0.100 back on lvs-dr', async () => (await vipHolders('198.18.0.100')).join() === 'lvs-dr', 30_000);
      // the new BACKUP's script runs right after the VIP moves: give it a moment to write
      const records = async (d: string) =>
        (await lab.run(d, `cat ${LOG} 2>/dev/null || true`))
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(' ').slice(1).join(' '));
      await waitFor(
        'lvs-dr2 recorded going back to BACKUP',
        async () => (await records('lvs-dr2')).includes('INSTANCE bl_one BACKUP 120'),
        15_000,
      );
      const dr = await records('lvs-dr');
      const dr2 = await records('lvs-dr2');
      console.log(`      notify on lvs-dr: ${dr.join(' | ')}\n      notify on lvs-dr2: ${dr2.join(' | ')}`);
      for (const line of [...dr, ...dr2]) assert.match(line, /^INSTANCE bl_(one|two) (MASTER|BACKUP|FAULT|STOP) \d+$/);
      const tookOver = dr2.indexOf('INSTANCE bl_one MASTER 120');
      assert.ok(tookOver >= 0, 'lvs-dr2 recorded taking bl_one over');
      assert.ok(dr2.indexOf('INSTANCE bl_one BACKUP 120', tookOver) > tookOver, 'then giving it back');
      assert.equal(
        dr.filter((l) => l.startsWith('INSTANCE bl_one ')).at(-1),
        'INSTANCE bl_one MASTER 150',
        'lvs-dr MASTER of bl_one again',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const back = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    assert.doesNotMatch(await lab.run('lvs-dr', 'cat /etc/keepalived/keepalived.conf'), /notify/);
    assert.equal((await lvsPlay(['check', INVENTORY])).code, 0);
  });
});
