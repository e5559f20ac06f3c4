// LVS-NAT in the inventory (issue 14): the real servers' gateway, a VIP that
// moves with every NAT VIP, and NAT real servers on its network.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import { sameSubnet } from '../../lib/inventory/rules-nat.js';
import type { Inventory } from '../../lib/inventory/types.js';
import { validateInventory } from '../../lib/inventory/validate.js';

const natFile = new URL('../../inventory/example-nat.json', import.meta.url).pathname;
const nat = (): any => JSON.parse(readFileSync(natFile, 'utf8'));
const problems = (inv: unknown) => validateInventory(inv).map((p) => `${p.path}: ${p.message}`);

describe('inventory: LVS-NAT (issue 14)', () => {
  it('inventory/example-nat.json is valid and resolves its gateway, the /24 default and the default route', () => {
    assert.deepEqual(problems(nat()), []);
    const cluster = resolveInventory(nat() as Inventory, { baseDir: '/', env: { LVS_PLAY_VRRP_PASSWORD: 'example1' } });
    assert.deepEqual(cluster.nat, { gateway: '192.168.122.254', prefixLength: 24, routes: ['default'] });
    const inv = nat();
    inv.nat = { gateway: '192.168.122.254', clientNetworks: ['203.0.113.0/24', '198.51.100.0/24'] };
    const listed = resolveInventory(inv as Inventory, { baseDir: '/', env: { LVS_PLAY_VRRP_PASSWORD: 'example1' } });
    assert.deepEqual(listed.nat, { gateway: '192.168.122.254', prefixLength: 24, routes: ['203.0.113.0/24', '198.51.100.0/24'] });
  });

  it('a cluster without NAT services needs no "nat" and resolves nat to null', () => {
    const inv = nat();
    inv.vips[0].services[0].forwarding = 'DR';
    delete inv.vips[0].services[0].realServers[0].port;
    delete inv.vips[0].services[0].realServers[1].port;
    delete inv.nat;
    inv.vips.splice(1, 1);
    delete inv.vrrp.syncGroups;
    assert.deepEqual(problems(inv), []);
    assert.equal(resolveInventory(inv, { baseDir: '/', env: { LVS_PLAY_VRRP_PASSWORD: 'x' } }).nat, null);
  });

  it('a NAT service without "nat" stays valid (the operator routes the replies), and the director\'s check says so', () => {
    const inv = nat();
    delete inv.nat;
    inv.vips.splice(1, 1);
    delete inv.vrrp.syncGroups;
    assert.deepEqual(problems(inv), []);
  });

  it('a VIP without services is only the gateway', () => {
    const inv = nat();
    inv.vips[2].services = [];
    assert.deepEqual(problems(inv), [
      '/vips/2/services: must have at least 1 item: only the NAT gateway (nat.gateway) is a VIP without services',
    ]);
  });

  it('a gateway that is no VIP of the cluster', () => {
    const inv = nat();
    inv.nat.gateway = '192.168.122.1';
    assert.deepEqual(problems(inv), [
      `/nat/gateway: 192.168.122.1 is not a VIP of this cluster; add it to "vips" (a VIP on the real servers' network, so it moves between the directors) or name one that is`,
      '/vips/1/services: must have at least 1 item: only the NAT gateway (nat.gateway) is a VIP without services',
    ]);
  });

  it('a gateway not in a sync group with a NAT VIP: which VIP, and the group to add it to', () => {
    const inv = nat();
    inv.vrrp.syncGroups = [{ name: 'nat_web', vips: ['192.168.122.254', '192.168.122.110'] }];
    inv.vips[2].master = 'lvs-dr';
    assert.deepEqual(problems(inv), [
      '/nat/gateway: 192.168.122.254 is not in a sync group with 192.168.122.100 (/vips/0), which has a NAT service: the gateway must move with it, or replies go through a director that holds no connection; add "192.168.122.100" to vrrp.syncGroups[0].vips',
    ]);
    delete inv.vrrp.syncGroups;
    assert.deepEqual(problems(inv), [
      '/nat/gateway: 192.168.122.254 is not in a sync group with 192.168.122.100 (/vips/0), which has a NAT service: the gateway must move with it, or replies go through a director that holds no connection; add a vrrp.syncGroups group with "vips": ["192.168.122.254", "192.168.122.100"]',
    ]);
  });

  it("a NAT real server off the gateway's network: host, field and fix", () => {
    const inv = nat();
    inv.hosts[3].address = '10.0.0.12';
    assert.deepEqual(problems(inv), [
      `/vips/0/services/0/realServers/1/host: "web2" (10.0.0.12) is not on the gateway's network 192.168.122.254/24 (nat.gateway, nat.prefixLength): a NAT real server must reach its gateway directly; give the host an address there, or fix nat.prefixLength`,
    ]);
    inv.nat.prefixLength = 0;
    assert.match(problems(inv).join('\n'), /\/nat\/prefixLength/);
    inv.nat.prefixLength = 1; // 10.0.0.12 is in 0.0.0.0/1, 192.168.122.254 in 128.0.0.0/1
    assert.equal(problems(inv).length, 1);
    // web2 off the network as a DR real server only (vips[2]) is fine
    inv.nat.prefixLength = 24;
    inv.vips[0].services[0].realServers = [{ host: 'web1', port: 8080 }];
    assert.deepEqual(problems(inv), []);
  });

  it('a VIP may have no services (a gateway that only moves); the schema says what nat accepts', () => {
    const inv = nat();
    assert.deepEqual(inv.vips[1].services, []);
    inv.nat.clientNetworks = ['203.0.113.0/24', 'default'];
    assert.match(problems(inv).join('\n'), /\/nat\/clientNetworks\/1/);
  });

  it('sameSubnet: IPv4 and IPv6 prefixes, never across families', () => {
    assert.equal(sameSubnet('192.168.122.11', '192.168.122.254', 24), true);
    assert.equal(sameSubnet('192.168.123.11', '192.168.122.254', 24), false);
    assert.equal(sameSubnet('192.168.123.11', '192.168.122.254', 23), true);
    assert.equal(sameSubnet('2001:db8::10', '2001:db8::fffe', 64), true);
    assert.equal(sameSubnet('2001:db8:1::10', '2001:db8::fffe', 64), false);
    assert.equal(sameSubnet('192.168.122.11', '2001:db8::fffe', 24), false);
  });
});
