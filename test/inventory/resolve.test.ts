import { strict as assert } from 'node:assert';
import { inspect } from 'node:util';
import { InventoryError } from '../../lib/errors.js';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import type { Inventory } from '../../lib/inventory/types.js';
import { validateInventory } from '../../lib/inventory/validate.js';
import { example, ipv6, wide } from './fixtures.js';

const base = { baseDir: '/srv/inv', env: { HOME: '/home/op' } };

describe('resolveInventory', () => {
  it("resolves track scripts with keepalived's defaults, and sync groups to their instance names (issue 13)", () => {
    const inv = example();
    inv.vips[1].master = 'lvs-dr';
    inv.vrrp.trackScripts = [
      { name: 'up', command: '/usr/bin/test -e /run/up' },
      { name: 'slow', command: '/bin/true', interval: 5, weight: -30, fall: 3, rise: 2 },
    ];
    inv.vrrp.trackInterfaces = [{ interface: 'eth1' }, { interface: 'eth2', weight: -20 }];
    inv.vrrp.syncGroups = [{ name: 'g_web', vips: ['192.168.122.110', '192.168.122.100'] }];
    const c = resolveInventory(inv, base);
    assert.deepEqual(c.vrrp.trackScripts, [
      { name: 'up', command: '/usr/bin/test -e /run/up', interval: 2, timeout: 2, weight: 0, fall: 1, rise: 1 },
      { name: 'slow', command: '/bin/true', interval: 5, timeout: 5, weight: -30, fall: 3, rise: 2 },
    ]);
    assert.deepEqual(c.vrrp.trackInterfaces, [
      { interface: 'eth1', weight: null },
      { interface: 'eth2', weight: -20 },
    ]);
    assert.deepEqual(c.vrrp.syncGroups, [{ name: 'g_web', instances: ['bl_one', 'bl_two'] }]);
  });

  describe('the example (the seed cluster)', () => {
    const c = resolveInventory(example(), base);

    it('keeps the hosts in order with their groups and SSH defaults', () => {
      assert.deepEqual(
        c.hosts.map((h) => [h.name, h.address, h.groups]),
        [
          ['lvs-dr', '192.168.122.30', ['directors']],
          ['lvs-dr2', '192.168.122.40', ['directors']],
          ['lvs01', '192.168.122.10', ['realservers']],
          ['lvs02', '192.168.122.20', ['realservers']],
        ],
      );
      assert.deepEqual(c.hosts[0].ssh, { user: 'root', port: 22, knownHosts: '/home/op/.ssh/known_hosts' });
    });

    it('makes lvs-dr MASTER of bl_one and lvs-dr2 MASTER of bl_two, 150 over 120', () => {
      assert.deepEqual(
        c.vips.map((v) => [v.address, v.instance, v.routerId, v.master, v.priorities, v.interface, v.advertInterval, v.family]),
        [
          ['192.168.122.100', 'bl_one', 38, 'lvs-dr', { 'lvs-dr': 150, 'lvs-dr2': 120 }, 'eth0', 3, 4],
          ['192.168.122.110', 'bl_two', 48, 'lvs-dr2', { 'lvs-dr': 120, 'lvs-dr2': 150 }, 'eth0', 3, 4],
        ],
      );
      assert.deepEqual(c.vrrp.interface, 'eth0');
      assert.equal(c.vrrp.syncDaemon, true);
      assert.equal(c.vrrp.auth?.type, 'PASS');
      assert.equal(c.vrrp.auth?.password.reveal(), '1111');
    });

    it('gives bl_one a TCP_CHECK service and bl_two an HTTP_GET /index.html 200 one, as the seed does', () => {
      const [one, two] = c.vips.map((v) => v.services[0]);
      for (const s of [one, two]) {
        assert.deepEqual([s.port, s.protocol, s.scheduler, s.forwarding, s.persistence, s.delayLoop], [80, 'TCP', 'rr', 'DR', 50, 3]);
        assert.deepEqual(
          s.realServers.map((r) => [r.host, r.address, r.port, r.weight]),
          [
            ['lvs01', '192.168.122.10', 80, 1],
            ['lvs02', '192.168.122.20', 80, 1],
          ],
        );
      }
      assert.equal(one.vip, '192.168.122.100');
      assert.deepEqual(one.realServers[0].healthCheck, { type: 'TCP_CHECK', port: 80, connectTimeout: 10, retry: 3, delayBeforeRetry: 3 });
      assert.deepEqual(two.realServers[1].healthCheck, {
        type: 'HTTP_GET',
        port: 80,
        connectTimeout: 10,
        retry: 3,
        delayBeforeRetry: 3,
        path: '/index.html',
        status: 200,
      });
    });

    it('carries time servers, packages and the default keepalived mode', () => {
      assert.deepEqual(c.time.servers, ['0.pool.ntp.org', '1.pool.ntp.org']);
      assert.deepEqual({ ...c.packages }, { directors: ['keepalived', 'ipvsadm'], realservers: ['httpd'] });
      assert.deepEqual(c.keepalived, { mode: 'full' });
      assert.deepEqual({ ...c.sysctl }, {});
    });

    it('never shows the password when printed or serialised', () => {
      assert.doesNotMatch(JSON.stringify(c), /1111/);
      assert.doesNotMatch(inspect(c, { depth: 10 }), /1111/);
    });

    it('is deterministic: the same inventory gives the same Cluster', () => {
      assert.deepEqual(JSON.stringify(resolveInventory(example(), base)), JSON.stringify(c));
    });
  });

  it('fills every default a minimal inventory leaves out', () => {
    const inv: Inventory = {
      name: 'mini',
      hosts: [
        { name: 'a', address: '198.18.0.1' },
        { name: 'b', address: '198.18.0.2' },
        { name: 'w', address: '198.18.0.3' },
      ],
      groups: { directors: ['a', 'b'], realservers: ['w'] },
      vips: [
        { address: '198.18.0.100', routerId: 1, services: [{ port: 443, healthCheck: { type: 'HTTP_GET' } }] },
        { address: '198.18.0.101', routerId: 2, services: [{ port: 53, protocol: 'UDP', healthCheck: { type: 'DNS_CHECK' } }] },
      ],
      sysctl: { realservers: { 'net.core.somaxconn': 4096, 'net.ipv4.ip_local_port_range': '32768 60999' } },
    };
    assert.deepEqual(validateInventory(inv), []);
    const c = resolveInventory(inv, base);
    assert.deepEqual(c.vrrp, {
      interface: 'eth0',
      advertInterval: 1,
      syncDaemon: true,
      syncMaxlen: null,
      auth: null,
      unicast: false,
      preempt: { nopreempt: false, delay: 0 },
      garp: {},
      notify: null,
      trackScripts: [],
      trackInterfaces: [],
      syncGroups: [],
    });
    assert.deepEqual(
      c.vips.map((v) => [v.instance, v.master, v.priorities]),
      [
        ['vi_1', 'a', { a: 150, b: 120 }],
        ['vi_2', 'b', { a: 120, b: 150 }],
      ],
    );
    const web = c.vips[0].services[0];
    assert.deepEqual([web.protocol, web.scheduler, web.forwarding, web.persistence, web.delayLoop], ['TCP', 'rr', 'DR', 0, 3]);
    assert.deepEqual(web.realServers, [
      {
        host: 'w',
        address: '198.18.0.3',
        port: 443,
        weight: 1,
        healthCheck: { type: 'HTTP_GET', port: 443, connectTimeout: 10, retry: 3, delayBeforeRetry: 3, path: '/', status: 200 },
      },
    ]);
    assert.deepEqual(c.vips[1].services[0].realServers[0].healthCheck, {
      type: 'DNS_CHECK',
      port: 53,
      connectTimeout: 10,
      retry: 3,
      delayBeforeRetry: 3,
      query: { type: 'SOA', name: '.' },
    });
    assert.deepEqual(c.time.servers, ['pool.ntp.org']);
    assert.deepEqual({ ...c.packages }, { directors: ['keepalived', 'ipvsadm'] });
    assert.deepEqual(c.keepalived.mode, 'full');
    assert.deepEqual({ ...c.sysctl }, { realservers: { 'net.core.somaxconn': '4096', 'net.ipv4.ip_local_port_range': '32768 60999' } });
    assert.equal(
      Object.getPrototypeOf(c.sysctl),
      null,
      'keyed by group names: no prototype, so a group called "constructor" is just a name',
    );
    assert.equal(Object.getPrototypeOf(c.groups), null);
  });

  it('spreads 5 VIPs over 3 directors: one MASTER each, distinct lower backups, next director first', () => {
    const inv = wide(3, 5);
    assert.deepEqual(validateInventory(inv), []);
    const c = resolveInventory(inv, base);
    assert.deepEqual(
      c.vips.map((v) => v.master),
      ['dr1', 'dr2', 'dr3', 'dr1', 'dr2'],
    );
    for (const v of c.vips) {
      const values = Object.values(v.priorities);
      assert.equal(values.length, 3);
      assert.equal(new Set(values).size, 3, `distinct priorities for ${v.instance}`);
      assert.equal(Math.max(...values), v.priorities[v.master]);
      assert.equal(values.filter((p) => p === 150).length, 1, `exactly one MASTER for ${v.instance}`);
    }
    assert.deepEqual(c.vips[0].priorities, { dr1: 150, dr2: 120, dr3: 110 });
    assert.deepEqual(c.vips[2].priorities, { dr1: 120, dr2: 110, dr3: 150 });
  });

  it('lets a VIP name its master and its own MASTER priority, and honours priority settings', () => {
    const inv = wide(3, 2);
    inv.vrrp = { ...inv.vrrp, priority: { master: 200, backup: 100, step: 5 } };
    inv.vips[0].master = 'dr3';
    inv.vips[1].priority = 180;
    assert.deepEqual(validateInventory(inv), []);
    const c = resolveInventory(inv, base);
    assert.deepEqual(c.vips[0].priorities, { dr1: 100, dr2: 95, dr3: 200 });
    assert.deepEqual(c.vips[1].priorities, { dr1: 95, dr2: 180, dr3: 100 });
  });

  it('accepts and resolves IPv6 VIPs as family 6', () => {
    const inv = ipv6();
    assert.deepEqual(validateInventory(inv), []);
    const c = resolveInventory(inv, base);
    assert.deepEqual(
      c.vips.map((v) => [v.address, v.family, v.master]),
      [
        ['2001:db8::100', 6, 'dr1'],
        ['2001:db8::110', 6, 'dr2'],
      ],
    );
    assert.deepEqual(
      c.vips[1].services[0].realServers.map((r) => r.address),
      ['2001:db8::10', '2001:db8::20'],
    );
  });

  it('resolves key paths against the inventory folder and ~, per host over inventory-wide', () => {
    const inv = example();
    inv.ssh = { identityFile: 'keys/id_ed25519', knownHosts: '~/kh', jumpHost: 'lvs-dr', passphraseEnv: 'KEY_PASS' };
    inv.hosts[3].ssh = { user: 'deploy', port: 2222, identityFile: '/etc/lvs/key' };
    assert.deepEqual(validateInventory(inv), []);
    const c = resolveInventory(inv, base);
    assert.deepEqual(c.hosts[1].ssh, {
      user: 'root',
      port: 22,
      identityFile: '/srv/inv/keys/id_ed25519',
      knownHosts: '/home/op/kh',
      passphraseEnv: 'KEY_PASS',
      jumpHost: 'lvs-dr',
    });
    assert.deepEqual(c.hosts[3].ssh, {
      user: 'deploy',
      port: 2222,
      identityFile: '/etc/lvs/key',
      knownHosts: '/home/op/kh',
      passphraseEnv: 'KEY_PASS',
      jumpHost: 'lvs-dr',
    });
    assert.equal(c.hosts[0].ssh.jumpHost, undefined, 'the jump host itself is reached directly');
  });

  describe('the VRRP password', () => {
    const withAuth = (auth: object) => {
      const inv = example();
      inv.vrrp.authentication = { type: 'PASS', ...auth };
      return inv;
    };

    it('comes from an environment variable', () => {
      const c = resolveInventory(withAuth({ passwordEnv: 'VRRP_PASS' }), { ...base, env: { VRRP_PASS: 'fromEnv' } });
      assert.equal(c.vrrp.auth?.password.reveal(), 'fromEnv');
    });

    it('comes from a file relative to the inventory, trailing newline stripped', () => {
      const read: string[] = [];
      const c = resolveInventory(withAuth({ passwordFile: 'secrets/vrrp' }), {
        ...base,
        readFile: (p) => {
          read.push(p);
          return 'fromFile\n';
        },
      });
      assert.deepEqual(read, ['/srv/inv/secrets/vrrp']);
      assert.equal(c.vrrp.auth?.password.reveal(), 'fromFile');
    });

    it('is a problem at passwordEnv when the variable is not set', () => {
      assert.throws(
        () => resolveInventory(withAuth({ passwordEnv: 'VRRP_PASS' }), { ...base, env: {}, file: 'inv.json' }),
        (e: InventoryError) => {
          assert.ok(e instanceof InventoryError);
          assert.deepEqual(
            e.problems.map((p) => p.path),
            ['/vrrp/authentication/passwordEnv'],
          );
          assert.match(e.problems[0].message, /VRRP_PASS is not set/);
          return true;
        },
      );
    });

    it('is a problem at passwordFile when the file is missing', () => {
      const missing = () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      };
      assert.throws(
        () => resolveInventory(withAuth({ passwordFile: '/nope/vrrp' }), { ...base, readFile: missing }),
        (e: InventoryError) => {
          assert.deepEqual(
            e.problems.map((p) => p.path),
            ['/vrrp/authentication/passwordFile'],
          );
          assert.match(e.problems[0].message, /password file \/nope\/vrrp does not exist/);
          return true;
        },
      );
    });

    it('from env or file is held to the 8-character limit without quoting it', () => {
      assert.throws(
        () => resolveInventory(withAuth({ passwordEnv: 'P' }), { ...base, env: { P: 'muchTooLong1' } }),
        (e: InventoryError) => {
          assert.match(e.problems[0].message, /12 characters long; keepalived silently truncates auth_pass to 8/);
          assert.doesNotMatch(e.message, /muchTooLong1/);
          return true;
        },
      );
      assert.throws(
        () => resolveInventory(withAuth({ passwordFile: 'f' }), { ...base, readFile: () => 'a b\n' }),
        (e: InventoryError) => {
          assert.match(e.problems[0].message, /cannot read in auth_pass/);
          assert.doesNotMatch(e.message, /a b/);
          return true;
        },
      );
    });
  });
});

describe('resolveInventory: unicast, preemption and garp (issue 13)', () => {
  it("defaults to multicast, preemptive masters and keepalived's own garp timing; takes what the inventory says", () => {
    const base = resolveInventory(example(), { baseDir: '/', env: {} });
    assert.deepEqual([base.vrrp.unicast, base.vrrp.preempt, base.vrrp.garp], [false, { nopreempt: false, delay: 0 }, {}]);
    const inv = example();
    inv.vrrp = { ...inv.vrrp, unicast: true, nopreempt: true, garp: { masterRefresh: 60 } };
    assert.deepEqual(validateInventory(inv), []);
    const c = resolveInventory(inv, { baseDir: '/', env: {} });
    assert.deepEqual([c.vrrp.unicast, c.vrrp.preempt, c.vrrp.garp], [true, { nopreempt: true, delay: 0 }, { masterRefresh: 60 }]);
  });

  it("nopreempt directors get nftables too (a rollout's handover silences the VIP's holder with it), once, after the operator's packages", () => {
    const inv = example();
    inv.vrrp = { ...inv.vrrp, nopreempt: true };
    assert.deepEqual(resolveInventory(inv, { baseDir: '/', env: {} }).packages.directors, ['keepalived', 'ipvsadm', 'nftables']);
    inv.packages = { ...inv.packages, directors: ['keepalived', 'nftables', 'ipvsadm'] };
    assert.deepEqual(resolveInventory(inv, { baseDir: '/', env: {} }).packages.directors, ['keepalived', 'nftables', 'ipvsadm']);
    assert.deepEqual(resolveInventory(example(), { baseDir: '/', env: {} }).packages.directors, ['keepalived', 'ipvsadm']);
  });
});

describe('resolveInventory: a MISC_CHECK command per real server (issue 14)', () => {
  it("replaces %address, %port and %host with each checked server's own, and leaves other words alone", () => {
    const inv = example();
    inv.vips[0]!.services[0]!.healthCheck = {
      type: 'MISC_CHECK',
      command: '/usr/local/bin/check-web %address %port --name=%host %addresses 100%',
    };
    const c = resolveInventory(inv, base);
    assert.deepEqual(
      c.vips[0]!.services[0]!.realServers.map((r) => r.healthCheck.command),
      [
        '/usr/local/bin/check-web 192.168.122.10 80 --name=lvs01 %addresses 100%',
        '/usr/local/bin/check-web 192.168.122.20 80 --name=lvs02 %addresses 100%',
      ],
    );
  });
});
