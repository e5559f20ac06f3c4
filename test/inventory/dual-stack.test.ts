// Dual-stack hosts (issue 14): a host has one "address" (where lvs-play
// connects) and may name its address of the other family ("ipv4"/"ipv6"), so
// one pair of real servers serves an IPv4 and an IPv6 VIP. Each VIP's real
// servers, sorry server and unicast peers are addressed in its own family.

import { strict as assert } from 'node:assert';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import type { Inventory } from '../../lib/inventory/types.js';
import { validateInventory } from '../../lib/inventory/validate.js';
import { drClientVips } from '../../lib/render/dr-client.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { KeepalivedChecker } from '../support/keepalived-check.js';

/** Two dual-stack directors and real servers; an IPv4 and an IPv6 VIP, unicast VRRP, a sorry server for the IPv6 one. */
function dualStack(): Inventory {
  return {
    name: 'dual',
    hosts: [
      { name: 'dr1', address: '192.0.2.30', ipv6: '2001:db8::30' },
      { name: 'dr2', address: '192.0.2.40', ipv6: '2001:db8::40' },
      { name: 'web1', address: '192.0.2.10', ipv6: '2001:db8::10' },
      { name: 'web2', address: '2001:db8::20', ipv4: '192.0.2.20' },
      { name: 'sorry', address: '192.0.2.60', ipv6: '2001:db8::60' },
    ],
    groups: { directors: ['dr1', 'dr2'], realservers: ['web1', 'web2', 'sorry'] },
    vrrp: { unicast: true },
    vips: [
      {
        address: '192.0.2.100',
        routerId: 51,
        services: [{ port: 80, realServers: [{ host: 'web1' }, { host: 'web2' }] }],
      },
      {
        address: '2001:db8::100',
        routerId: 52,
        services: [{ port: 80, realServers: [{ host: 'web1' }, { host: 'web2' }], sorryServer: { host: 'sorry' } }],
      },
    ],
  };
}

const resolve = (inv: Inventory) => resolveInventory(inv, { baseDir: '/srv', env: {} });
const messages = (inv: unknown) => validateInventory(inv).map((p) => `${p.path}: ${p.message}`);

describe('dual-stack hosts (ipv4 / ipv6 besides address)', () => {
  it('validates; each VIP addresses its real servers, sorry server and unicast peers in its own family', () => {
    assert.deepEqual(messages(dualStack()), []);
    const cluster = resolve(dualStack());
    const [v4, v6] = cluster.vips;
    assert.deepEqual(
      v4!.services[0]!.realServers.map((r) => r.address),
      ['192.0.2.10', '192.0.2.20'],
    );
    assert.deepEqual(
      v6!.services[0]!.realServers.map((r) => r.address),
      ['2001:db8::10', '2001:db8::20'],
    );
    assert.equal(v6!.services[0]!.sorryServer?.address, '2001:db8::60');
    // lvs-play still connects to "address"
    assert.deepEqual(
      cluster.hosts.map((h) => [h.name, h.address, h.secondAddress]),
      [
        ['dr1', '192.0.2.30', '2001:db8::30'],
        ['dr2', '192.0.2.40', '2001:db8::40'],
        ['web1', '192.0.2.10', '2001:db8::10'],
        ['web2', '2001:db8::20', '192.0.2.20'],
        ['sorry', '192.0.2.60', '2001:db8::60'],
      ],
    );
  });

  it('renders keepalived.conf per family (unicast source and peers, real_server lines), and both VIPs on the real servers’ lo', () => {
    const cluster = resolve(dualStack());
    const conf = renderKeepalivedConf(cluster, 'dr1');
    const instance = (name: string) =>
      conf.slice(conf.indexOf(`vrrp_instance ${name}`), conf.indexOf('}\n}', conf.indexOf(`vrrp_instance ${name}`)));
    assert.match(instance('vi_1'), /unicast_src_ip 192\.0\.2\.30\n\s+unicast_peer \{\n\s+192\.0\.2\.40\n/);
    assert.match(instance('vi_2'), /unicast_src_ip 2001:db8::30\n\s+unicast_peer \{\n\s+2001:db8::40\n/);
    for (const line of [
      'real_server 192.0.2.10 80',
      'real_server 192.0.2.20 80',
      'real_server 2001:db8::10 80',
      'real_server 2001:db8::20 80',
    ])
      assert.ok(conf.includes(line), line);
    assert.match(conf, /sorry_server 2001:db8::60 80/);
    assert.deepEqual(drClientVips(cluster, 'web1'), ['192.0.2.100', '2001:db8::100']);
    assert.deepEqual(drClientVips(cluster, 'sorry'), ['2001:db8::100']);
  });

  it('keepalived -t: both directors exit 0 with no output', async () => {
    const checker = new KeepalivedChecker();
    await checker.setup();
    try {
      const cluster = resolve(dualStack());
      for (const director of ['dr1', 'dr2'])
        assert.deepEqual(await checker.check(renderKeepalivedConf(cluster, director), ['eth0']), { code: 0, output: '' }, director);
    } finally {
      await checker.teardown();
    }
  });

  it('a real server, sorry server or unicast director without an address of the VIP’s family: each named, with the fix', () => {
    const inv = dualStack();
    delete inv.hosts[0]!.ipv6; // dr1: IPv4 only
    delete inv.hosts[2]!.ipv6; // web1: IPv4 only
    delete inv.hosts[4]!.ipv6; // sorry: IPv4 only
    assert.deepEqual(messages(inv), [
      `/vips/1/address: is IPv6, but with vrrp.unicast its adverts go to the directors' addresses, and dr1 has no IPv6 address; give it "ipv6" (dual-stack), use VIPs of the directors' family, or multicast`,
      `/vips/1/services/0/realServers/0/host: "web1" has the IPv4 address 192.0.2.10 but the VIP is IPv6; IPVS forwards to real servers of the VIP's family only; give the host "ipv6" if it is dual-stack`,
      '/vips/1/services/0/sorryServer/host: "sorry" has the IPv4 address 192.0.2.60 but the VIP is IPv6; give the host "ipv6" if it is dual-stack',
    ]);
  });

  it('refuses a second address of the family "address" already has, and an address two hosts share (in any field)', () => {
    const inv = dualStack();
    (inv.hosts[0] as { ipv4?: string }).ipv4 = '192.0.2.31'; // dr1's address is IPv4 already
    inv.hosts[3]!.ipv4 = '192.0.2.10'; // web1's address
    inv.hosts[4]!.ipv6 = '2001:db8::10'; // web1's ipv6
    assert.deepEqual(messages(inv), [
      '/hosts/0/ipv4: 192.0.2.31 is a second IPv4 address, and "address" is IPv4 already; a host has one address per family: remove "ipv4"',
      '/hosts/3/ipv4: 192.0.2.10 is already the address of web1 (/hosts/2); every host needs its own address',
      '/hosts/4/ipv6: 2001:db8::10 is already the "ipv6" of web1 (/hosts/2/ipv6); every host needs its own address',
    ]);
    // the same address given twice for one host is not a second one
    const same = dualStack();
    (same.hosts[0] as { ipv4?: string }).ipv4 = '192.0.2.30';
    assert.deepEqual(messages(same), []);
  });

  it('a VIP may not be a host’s second address; the schema takes only an IPv4 address as "ipv4"', () => {
    const inv = dualStack();
    inv.vips[1]!.address = '2001:db8::10';
    assert.ok(
      messages(inv).includes('/vips/1/address: 2001:db8::10 is the address of host web1; a VIP must be an extra address no host owns'),
      messages(inv).join('\n'),
    );
    const bad = dualStack();
    (bad.hosts[3] as { ipv4?: string }).ipv4 = '2001:db8::21';
    assert.ok(
      messages(bad).some((m) => m.startsWith('/hosts/3/ipv4: ')),
      messages(bad).join('\n'),
    );
  });
});
