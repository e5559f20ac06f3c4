// The lab's address plan and naming, pure: no lab, no root needed.

import { strict as assert } from 'node:assert';
import { inLabRange, planNetwork } from '../../lib/lab/addressing.js';
import { parseSimulation } from '../../lib/lab/apt-repo.js';
import { labSpecOf } from '../../lib/lab/inventory.js';
import { hostNames, isLabVeth } from '../../lib/lab/paths.js';
import { inventoryJson } from '../support/clusters.js';

describe('lab addressing and names', () => {
  it('accepts exactly 198.18.0.0/15 as lab addresses', () => {
    for (const a of ['198.18.0.1', '198.18.255.254', '198.19.0.30', '198.19.255.255']) assert.ok(inLabRange(a), a);
    for (const a of ['198.17.255.255', '198.20.0.0', '192.168.122.30', '10.0.0.1', '198.18.0', '198.18.0.256', '198.018.0.1', 'fd00::1']) {
      assert.ok(!inLabRange(a), a);
    }
  });

  it("puts the bridge on .1 of the /24 that holds the lab inventory's hosts", () => {
    assert.deepEqual(planNetwork(['198.18.0.30', '198.18.0.40', '198.18.0.10', '198.18.0.20', '198.18.0.50']), {
      network: '198.18.0.0',
      prefix: 24,
      bridgeAddress: '198.18.0.1',
    });
  });

  it('widens the prefix only as far as the hosts need', () => {
    assert.deepEqual(planNetwork(['198.18.0.10', '198.18.1.10']), { network: '198.18.0.0', prefix: 23, bridgeAddress: '198.18.0.1' });
    assert.deepEqual(planNetwork(['198.18.0.10', '198.19.200.1']), { network: '198.18.0.0', prefix: 15, bridgeAddress: '198.18.0.1' });
  });

  it('moves the bridge to the last address when a host or VIP holds .1', () => {
    assert.equal(planNetwork(['198.18.0.1', '198.18.0.2']).bridgeAddress, '198.18.0.254');
    assert.equal(planNetwork(['198.18.0.2'], ['198.18.0.1']).bridgeAddress, '198.18.0.254');
  });

  it("refuses hosts on the subnet's network or broadcast address, and non-lab addresses", () => {
    assert.throws(() => planNetwork(['198.18.0.0', '198.18.0.9']), /network address/);
    assert.throws(() => planNetwork(['198.18.0.255']), /broadcast address/);
    assert.throws(() => planNetwork(['192.168.122.30']), /not a lab address/);
  });

  it('names every object of a host with the lvsp- prefix, veths within 15 characters', () => {
    const n = hostNames('lvs-dr2');
    assert.equal(n.netns, 'lvsp-lvs-dr2');
    assert.equal(n.veth, 'lvsp-v-lvs-dr2');
    assert.equal(n.root, '/var/lib/lvs-play/lab/hosts/lvs-dr2/root');
    const long = hostNames('a-rather-long-host-name');
    assert.ok(long.veth.length <= 15 && isLabVeth(long.veth), long.veth);
    assert.notEqual(long.veth, hostNames('a-rather-long-host-name2').veth);
    assert.ok(!isLabVeth('lvsp-t231'), "test devices of other suites are not the lab's");
    assert.throws(() => hostNames('../etc'), /cannot be a lab container/);
    assert.throws(() => hostNames('Upper'), /cannot be a lab container/);
  });

  it('reads hosts, groups, VIPs and packages of the lab inventory', () => {
    const spec = labSpecOf('/x/lab.json', inventoryJson('lab'));
    assert.deepEqual(
      spec.hosts.map((h) => `${h.name}=${h.address}:${h.groups.join(',')}`),
      [
        'lvs-dr=198.18.0.30:directors',
        'lvs-dr2=198.18.0.40:directors',
        'lvs01=198.18.0.10:realservers',
        'lvs02=198.18.0.20:realservers',
        'client=198.18.0.50:clients',
      ],
    );
    assert.deepEqual(spec.vips, ['198.18.0.100', '198.18.0.110']);
    assert.deepEqual(spec.packages, ['ipvsadm', 'keepalived', 'nginx-light']);
  });

  it('refuses an inventory with a host or VIP outside the lab range, naming it', () => {
    assert.throws(
      () => labSpecOf('/x/example.json', inventoryJson('example')),
      /\/hosts\/0\/address: host lvs-dr has address 192\.168\.122\.30, outside the lab range 198\.18\.0\.0\/15/,
    );
    const inv = inventoryJson('lab');
    inv.vips[1].address = '10.1.1.1';
    assert.throws(() => labSpecOf('/x/lab.json', inv), /\/vips\/1\/address 10\.1\.1\.1 is outside the lab range/);
  });

  it("reads the install set from apt-get's simulation, upgrades included", () => {
    const out = [
      'NOTE: This is only a simulation!',
      'Inst perl-base [5.36.0-7+deb12u3] (5.36.0-7+deb12u4 Debian-Security:12/oldstable-security [amd64])',
      'Inst keepalived (1:2.2.7-1+b2 Debian:12.15/oldstable [amd64])',
      'Conf keepalived (1:2.2.7-1+b2 Debian:12.15/oldstable [amd64])',
    ].join('\n');
    assert.deepEqual(parseSimulation(out), [
      { name: 'perl-base', version: '5.36.0-7+deb12u4' },
      { name: 'keepalived', version: '1:2.2.7-1+b2' },
    ]);
  });
});
