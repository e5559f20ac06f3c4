// LVS-TUN on the real servers (issue 14), with no host: which VIPs go on
// tunl0, the VIP file, the dr-client task's diff on fact fixtures, verify's
// rows, the cluster rules and which lab hosts must be VMs. The script itself
// runs in test/render/dr-client-netns.test.ts; tunl0 with traffic in
// test/datapath/tun.test.ts.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Cluster } from '../../lib/inventory/types.js';
import { validateInventory } from '../../lib/inventory/validate.js';
import { labSpecOf } from '../../lib/lab/inventory.js';
import { vmHosts } from '../../lib/lab/vm/datapath.js';
import { DR_CLIENT_PATHS, drClientVips, realServerVips, renderDrClientVips } from '../../lib/render/dr-client.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { hostSysctls, realServerRuntimeSysctls } from '../../lib/render/sysctl.js';
import { drClientTask } from '../../lib/tasks/dr-client.js';
import type { TaskContext } from '../../lib/tasks/task.js';
import { checkRealServers } from '../../lib/verify/realserver.js';
import { checkVipPlacement } from '../../lib/verify/vip-placement.js';
import { INVENTORIES, loadCluster } from '../render/clusters.js';
import { fixtureFacts, presentFile, service } from '../support/task-facts.js';
import { healthy, host, removeAddress } from '../verify/observations.js';

const TUN_VIP = '198.18.10.5'; // three-directors.json: TUN to web3
const ARP = {
  'net.ipv4.conf.all.arp_announce': '2',
  'net.ipv4.conf.all.arp_ignore': '1',
  'net.ipv4.conf.lo.arp_announce': '2',
  'net.ipv4.conf.lo.arp_ignore': '1',
};
const rawInventory = () =>
  JSON.parse(readFileSync(INVENTORIES.threeDirectors, 'utf8')) as Record<string, unknown> & { vips: any[]; sysctl?: any };

describe('LVS-TUN real servers (issue 14)', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await loadCluster('threeDirectors');
  });

  it('puts a TUN VIP on tunl0 and the DR VIPs on lo; the VIP file names the device', () => {
    assert.deepEqual(realServerVips(cluster, 'web3'), [
      { address: '198.18.10.1', device: 'lo' },
      { address: '198.18.10.4', device: 'lo' },
      { address: TUN_VIP, device: 'tunl0' },
    ]);
    assert.deepEqual(drClientVips(cluster, 'web3'), ['198.18.10.1', '198.18.10.4']);
    const file = renderDrClientVips(cluster, 'web3');
    assert.match(file, /^# VIPs that web3 holds \(on lo, or on tunl0 for LVS-TUN\)/m);
    assert.deepEqual(
      file.split('\n').filter((l) => l && !l.startsWith('#')),
      ['198.18.10.1', '198.18.10.4', `${TUN_VIP} tunl0`],
    );
    // a host with no TUN VIP keeps the file it had before TUN existed
    assert.match(renderDrClientVips(cluster, 'web1'), /^# VIPs that web1 holds on lo, read by/m);
  });

  it('keeps rp_filter out of /etc/sysctl.d (tunl0 exists only once ipip is loaded) and in what the unit keeps', () => {
    assert.equal(
      Object.keys(hostSysctls(cluster, 'web3')).some((k) => k.includes('rp_filter')),
      false,
    );
    assert.deepEqual(realServerRuntimeSysctls(cluster, 'web3'), {
      ...ARP,
      'net.ipv4.conf.all.rp_filter': '0',
      'net.ipv4.conf.tunl0.rp_filter': '0',
    });
    assert.deepEqual(realServerRuntimeSysctls(cluster, 'web1'), ARP);
  });

  describe('the dr-client task on web3', () => {
    const keys = [...Object.keys(ARP), 'net.ipv4.conf.all.rp_filter', 'net.ipv4.conf.tunl0.rp_filter'].sort().join(',');
    const ctx = (): TaskContext => ({ cluster, host: cluster.hosts.find((h) => h.name === 'web3')! });
    const inSync = (path: string) => {
      const f = hostFiles(cluster, 'web3').find((x) => x.path === path)!;
      return presentFile(path, f.content, f.mode);
    };
    const facts = (tunl0: { address: string; prefix: number }[], sysctls: Record<string, string | null>) =>
      fixtureFacts(drClientTask, ctx(), {
        [`file:${DR_CLIENT_PATHS.script}`]: inSync(DR_CLIENT_PATHS.script),
        [`file:${DR_CLIENT_PATHS.vips}`]: inSync(DR_CLIENT_PATHS.vips),
        [`file:${DR_CLIENT_PATHS.unit}`]: inSync(DR_CLIENT_PATHS.unit),
        'service:lvs-play-dr-client.service': service('lvs-play-dr-client.service'),
        'addresses:lo': [
          { address: '198.18.10.1', prefix: 32 },
          { address: '198.18.10.4', prefix: 32 },
        ],
        'addresses:tunl0?': tunl0,
        [`sysctl:${keys}`]: sysctls,
      });

    it('reads tunl0 as a device that may not exist yet', () => {
      const ids = drClientTask.facts(ctx()).map((f) => f.id);
      assert.ok(ids.includes('addresses:tunl0?'), ids.join(' '));
      const tunl0 = drClientTask.facts(ctx()).find((f) => f.id === 'addresses:tunl0?')!;
      assert.match(tunl0.command, /^if \[ -e \/sys\/class\/net\/tunl0 \]; then ip -j addr show dev tunl0; fi$/);
    });

    it('with ipip not loaded (no tunl0, no rp_filter key) reloads the unit, naming why', () => {
      const d = drClientTask.diff(ctx(), facts([], { ...ARP, 'net.ipv4.conf.all.rp_filter': '2', 'net.ipv4.conf.tunl0.rp_filter': null }));
      assert.deepEqual(
        d.changes.map((c) => c.summary),
        [
          `lvs-play-dr-client.service must reload (VIP ${TUN_VIP} missing on tunl0; net.ipv4.conf.all.rp_filter is 2, want 0; net.ipv4.conf.tunl0.rp_filter is absent, want 0)`,
        ],
      );
    });

    it('is in sync with the VIP on tunl0 and rp_filter off', () => {
      const d = drClientTask.diff(
        ctx(),
        facts([{ address: TUN_VIP, prefix: 32 }], { ...ARP, 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv4.conf.tunl0.rp_filter': '0' }),
      );
      assert.deepEqual(d.changes, []);
    });
  });

  describe('verify', () => {
    it('passes a TUN VIP on tunl0 with rp_filter off', () => {
      const rows = checkRealServers(cluster, healthy(cluster)).filter((r) => r.target === 'web3');
      assert.deepEqual(
        rows.map((r) => [r.check, r.status, r.detail]),
        [
          ['realserver-vips', 'pass', `198.18.10.1/32, 198.18.10.4/32 on lo; ${TUN_VIP}/32 on tunl0`],
          [
            'realserver-arp',
            'pass',
            'all.arp_announce=2 all.arp_ignore=1 lo.arp_announce=2 lo.arp_ignore=1 all.rp_filter=0 tunl0.rp_filter=0',
          ],
        ],
      );
    });

    it("does not count the TUN VIP on its real server's tunl0 as a host answering ARP for it; on another real server's tunl0 it does", () => {
      const obs = healthy(cluster);
      const row = () => checkVipPlacement(cluster, obs).find((r) => r.target === TUN_VIP)!;
      assert.equal(row().status, 'pass', row().detail);
      host(obs, 'web1').interfaces.push({ name: 'tunl0', up: true, addresses: [{ address: TUN_VIP, prefix: 32 }] });
      assert.equal(row().status, 'fail');
      assert.match(row().detail, /also on web1 \(tunl0\), which is not a director/);
    });

    it('fails a TUN VIP on lo instead of tunl0, and rp_filter on, saying what each breaks', () => {
      const obs = healthy(cluster);
      removeAddress(obs, 'web3', TUN_VIP);
      host(obs, 'web3')
        .interfaces.find((i) => i.name === 'lo')!
        .addresses.push({ address: TUN_VIP, prefix: 32 });
      host(obs, 'web3').realServer!.sysctls['net.ipv4.conf.tunl0.rp_filter'] = '1';
      const rows = checkRealServers(cluster, obs).filter((r) => r.target === 'web3');
      assert.equal(rows[0]!.status, 'fail');
      assert.match(rows[0]!.detail, new RegExp(`${TUN_VIP} is not on tunl0; ${TUN_VIP} is also on lo`));
      assert.equal(rows[1]!.status, 'fail');
      assert.equal(
        rows[1]!.detail,
        "web3: net.ipv4.conf.tunl0.rp_filter = 1 (want 0): it drops the clients' packets that come out of tunl0",
      );
    });
  });

  describe('cluster rules', () => {
    it('refuses TUN on an IPv6 VIP, naming ip6tnl0', () => {
      const inv = rawInventory();
      inv.vips[4].address = '2001:db8::5';
      const problems = validateInventory(inv);
      const p = problems.find((x) => x.path === '/vips/4/services/0/forwarding');
      assert.ok(p, JSON.stringify(problems));
      assert.match(p.message, /TUN is for IPv4 VIPs here: 2001:db8::5's real servers would need ip6tnl0/);
    });

    it("refuses an inventory sysctl that turns rp_filter on for a TUN real server's group", () => {
      const inv = rawInventory();
      inv.sysctl = { web: { 'net.ipv4.conf.all.rp_filter': 1 } };
      const problems = validateInventory(inv);
      assert.deepEqual(
        problems.map((p) => [p.path, p.message]),
        [
          [
            '/sysctl/web/net.ipv4.conf.all.rp_filter',
            `web3 holds TUN VIP ${TUN_VIP} on tunl0, where its dr-client unit sets net.ipv4.conf.all.rp_filter to 0 (or the tunnel's packets from clients are dropped); remove this key or set it to 0`,
          ],
        ],
      );
      inv.sysctl = { web: { 'net.ipv4.conf.all.rp_filter': '0' } };
      assert.deepEqual(validateInventory(inv), []);
    });
  });

  it('the datapath lab runs TUN real servers as VMs (ipip), the other real servers as containers', () => {
    const inv = JSON.parse(readFileSync('inventory/lab-datapath.json', 'utf8'));
    inv.hosts.push({ name: 'lvs03', address: '198.18.0.60' });
    inv.groups.realservers.push('lvs03');
    inv.vips.push({
      address: '198.18.0.207',
      routerId: 207,
      services: [{ port: 80, forwarding: 'TUN', realServers: [{ host: 'lvs03' }] }],
    });
    const spec = labSpecOf('/x/tun.json', inv);
    assert.deepEqual(spec.tunnelHosts, ['lvs03']);
    assert.deepEqual([...vmHosts(spec, true)].sort(), ['lvs-dr', 'lvs-dr2', 'lvs03']);
    assert.deepEqual([...vmHosts(spec, false)], []);
  });
});
