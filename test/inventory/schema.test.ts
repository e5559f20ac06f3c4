import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { PATTERN_HINTS } from '../../lib/inventory/patterns.js';
import { inventorySchema } from '../../lib/inventory/schema-file.js';
import { validateInventory } from '../../lib/inventory/validate.js';
import { exampleFile, ipv6, labFile, wide } from './fixtures.js';

type Node = Record<string, unknown>;

/** Every subschema with its location, depth first. */
function walk(node: unknown, at = '#', out: [string, Node][] = []): [string, Node][] {
  if (Array.isArray(node)) for (const [i, n] of node.entries()) walk(n, `${at}/${i}`, out);
  else if (node !== null && typeof node === 'object') {
    out.push([at, node as Node]);
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`, out);
  }
  return out;
}

describe('schema/inventory.schema.json', () => {
  const schema = inventorySchema();
  const nodes = walk(schema);

  it('is draft 2020-12', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  it('closes every object: additionalProperties false, or a schema for maps keyed by a pattern', () => {
    for (const [at, n] of nodes) {
      if (n.type !== 'object') continue;
      if (n.additionalProperties === false) continue;
      assert.ok(n.propertyNames && typeof n.additionalProperties === 'object', `${at} is open`);
    }
  });

  it('describes every property, so editors can complete it', () => {
    for (const [at, n] of nodes) {
      if (!n.properties || at.includes('/then') || at.includes('/if')) continue;
      for (const [key, sub] of Object.entries(n.properties as Record<string, Node>)) {
        const ref = typeof sub.$ref === 'string' ? (schema.$defs as Record<string, Node>)[sub.$ref.replace('#/$defs/', '')] : undefined;
        assert.ok(sub.description || ref?.description, `${at}/properties/${key} has no description`);
      }
    }
  });

  it('explains every pattern in words (lib/inventory/patterns.ts)', () => {
    const patterns = nodes.map(([, n]) => n.pattern).filter((p): p is string => typeof p === 'string');
    assert.ok(patterns.length >= 15);
    for (const p of patterns) assert.ok(PATTERN_HINTS[p], `no hint for pattern ${p}`);
  });

  it('is referenced by the shipped inventories, which are valid', () => {
    for (const file of [exampleFile, labFile]) {
      const inv = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(inv.$schema, '../schema/inventory.schema.json');
      assert.deepEqual(validateInventory(inv), [], file);
    }
  });

  it('accepts the schedulers ipvsadm knows', () => {
    const inv = wide(2, 1);
    for (const scheduler of ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh', 'twos']) {
      inv.vips[0].services[0].scheduler = scheduler;
      assert.deepEqual(validateInventory(inv), [], scheduler);
    }
  });
});

describe('valid edge cases', () => {
  it('3 directors and 5 VIPs', () => assert.deepEqual(validateInventory(wide(3, 5)), []));
  it('a single director (no failover, still a valid LVS)', () => assert.deepEqual(validateInventory(wide(1, 2)), []));
  it('IPv6 hosts and VIPs without authentication', () => assert.deepEqual(validateInventory(ipv6()), []));

  it('the same router id on two interfaces', () => {
    const inv = wide(2, 2);
    inv.vips[1].routerId = inv.vips[0].routerId;
    inv.vips[1].interface = 'eth1';
    assert.deepEqual(validateInventory(inv), []);
  });

  it('the same port over TCP and UDP on one VIP, and real servers on another port with NAT', () => {
    const inv = wide(2, 1);
    inv.vips[0].services = [
      { port: 53, protocol: 'TCP' },
      { port: 53, protocol: 'UDP', healthCheck: { type: 'DNS_CHECK' } },
      { port: 80, forwarding: 'NAT', realServers: [{ host: 'web1', port: 8080 }] },
    ];
    assert.deepEqual(validateInventory(inv), []);
  });

  it('every reachable optional field at once', () => {
    const inv = wide(2, 1);
    inv.ssh = {
      user: 'deploy',
      port: 2222,
      identityFile: '~/.ssh/id_ed25519',
      passphraseEnv: 'KEY_PASS',
      knownHosts: './known_hosts',
      jumpHost: 'ops@[2001:db8::1]:22',
    };
    inv.vrrp = {
      interface: 'ens3',
      advertInterval: 2,
      priority: { master: 200, backup: 100, step: 1 },
      authentication: { type: 'PASS', passwordFile: 'secrets/vrrp' },
      syncDaemon: false,
    };
    inv.keepalived = { mode: 'vrrp-only' };
    inv.vips[0] = {
      address: '198.18.3.1',
      instance: 'web_v4',
      routerId: 255,
      master: 'dr2',
      priority: 254,
      interface: 'ens3.100',
      services: [
        {
          port: 443,
          protocol: 'TCP',
          scheduler: 'wlc',
          forwarding: 'DR',
          persistence: 300,
          delayLoop: 5,
          realServers: [
            { host: 'web1', weight: 3 },
            { host: 'web2', port: 443, weight: 0 },
          ],
          healthCheck: {
            type: 'HTTP_GET',
            port: 8443,
            connectTimeout: 2,
            retry: 0,
            delayBeforeRetry: 1,
            path: '/health?full=1&x=y',
            status: 204,
          },
        },
      ],
    };
    inv.time = { servers: ['198.18.0.1', 'ntp.example.org', '2001:db8::123'] };
    inv.packages = { directors: ['keepalived', 'ipvsadm'], realservers: ['nginx-light', 'libstdc++6'] };
    inv.sysctl = { directors: { 'net.ipv4.vs.conntrack': 1 }, realservers: { 'net.ipv4.conf.eth0.rp_filter': '0' } };
    assert.deepEqual(validateInventory(inv), []);
  });
});
