// chrony, sysctl, /etc/default/keepalived and the dr-client VIP list: the
// rules behind their golden files.

import { strict as assert } from 'node:assert';
import type { Cluster } from '../../lib/inventory/types.js';
import { renderChronyConf } from '../../lib/render/chrony.js';
import { drClientVips } from '../../lib/render/dr-client.js';
import { renderKeepalivedDefaults } from '../../lib/render/keepalived-defaults.js';
import { DEBIAN_LAYOUT } from '../../lib/render/os-layout.js';
import { hostSysctls, renderSysctlConf } from '../../lib/render/sysctl.js';
import { loadCluster } from './clusters.js';
import { vrrpOnly } from './variants.js';

describe('renderChronyConf', () => {
  it('lists the inventory servers with iburst, in order, and uses Debian paths', async () => {
    const text = renderChronyConf(await loadCluster('threeDirectors'), 'web1', DEBIAN_LAYOUT);
    assert.deepEqual(
      text.split('\n').filter((l) => /^(server|pool) /.test(l)),
      ['server 198.18.0.123 iburst', 'server ntp.example.net iburst'],
    );
    assert.match(text, /^driftfile \/var\/lib\/chrony\/chrony\.drift$/m);
    assert.match(text, /^keyfile \/etc\/chrony\/chrony\.keys$/m);
    assert.match(text, /^makestep 1 3$/m);
    assert.match(text, /^rtcsync$/m);
    assert.doesNotMatch(text, /^(sourcedir|confdir|pool) /m, 'the inventory is the only time source');
  });
});

describe('renderSysctlConf', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await loadCluster('threeDirectors');
  });

  it('lets a later group of the inventory override an earlier one', () => {
    assert.equal(hostSysctls(cluster, 'web1')['net.core.somaxconn'], '8192'); // realservers 4096, then web 8192
    assert.equal(hostSysctls(cluster, 'dns1')['net.core.somaxconn'], '4096'); // not in web
  });

  it('keeps the ARP settings of a real server whatever the groups say', () => {
    const c = { ...cluster, sysctl: { ...cluster.sysctl, web: { 'net.ipv4.conf.all.arp_ignore': '0' } } };
    assert.equal(hostSysctls(c, 'web1')['net.ipv4.conf.all.arp_ignore'], '1');
  });

  it('gives directors no ARP settings, and prints keys sorted', () => {
    assert.equal(hostSysctls(cluster, 'dir1')['net.ipv4.conf.all.arp_ignore'], undefined);
    const keys = renderSysctlConf(cluster, 'web1')
      .split('\n')
      .filter((l) => l.includes(' = '))
      .map((l) => l.split(' = ')[0]);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(keys.length, 6);
  });
});

describe('renderKeepalivedDefaults', () => {
  it('passes --vrrp in vrrp-only mode and nothing in full mode', async () => {
    const example = await loadCluster('example');
    assert.match(renderKeepalivedDefaults(example, 'lvs-dr', DEBIAN_LAYOUT), /^DAEMON_ARGS=""$/m);
    assert.match(renderKeepalivedDefaults(vrrpOnly(example), 'lvs-dr', DEBIAN_LAYOUT), /^DAEMON_ARGS="--vrrp"$/m);
  });
});

describe('drClientVips', () => {
  it('lists the VIPs of the DR services a host serves, once each, in inventory order', async () => {
    const c = await loadCluster('threeDirectors');
    assert.deepEqual(drClientVips(c, 'web1'), ['198.18.10.1', '198.18.10.4']); // 10.3 is NAT
    assert.deepEqual(drClientVips(c, 'web3'), ['198.18.10.1', '198.18.10.4']); // 10.5 is TUN
    assert.deepEqual(drClientVips(c, 'dns1'), ['198.18.10.2', '198.18.10.4']);
    assert.deepEqual(drClientVips(c, 'dir1'), []);
    assert.deepEqual(drClientVips(await loadCluster('example'), 'lvs02'), ['192.168.122.100', '192.168.122.110']);
  });
});
