import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { ipvsFact, parseIpvsadmList, parseIpvsState } from '../../lib/facts/ipvs.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/facts/${name}`, import.meta.url), 'utf8');

// The seed article's section 4, as printed there (the HTML lost the leading spaces).
const SEED_IPVSADM = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
-> RemoteAddress:Port Forward Weight ActiveConn InActConn
TCP 192.168.122.100:80 rr persistent 1
-> 192.168.122.10:80 Route 1 0 12
-> 192.168.122.20:80 Route 1 0 11
TCP 192.168.122.110:80 rr persistent 1
-> 192.168.122.10:80 Route 1 0 0
-> 192.168.122.20:80 Route 1 0 0
`;

describe('facts/ipvs', () => {
  it('reads the seed article\'s ipvsadm -Ln output', () => {
    const t = parseIpvsadmList(SEED_IPVSADM);
    assert.equal(t.length, 2);
    assert.deepEqual(t[0], {
      protocol: 'TCP', address: '192.168.122.100', port: 80, scheduler: 'rr', persistence: 1, flags: [],
      realServers: [
        { address: '192.168.122.10', port: 80, forwarding: 'Route', weight: 1, activeConnections: 0, inactiveConnections: 12 },
        { address: '192.168.122.20', port: 80, forwarding: 'Route', weight: 1, activeConnections: 0, inactiveConnections: 11 },
      ],
    });
    assert.deepEqual(t[1]!.realServers.map((r) => r.inactiveConnections), [0, 0]);
  });

  it('reads ipvsadm\'s own column layout (padding, trailing spaces), weight 0 included', () => {
    const t = parseIpvsadmList(fixture('ipvsadm-lab.txt'));
    assert.deepEqual(t.map((s) => `${s.protocol} ${s.address}:${s.port} ${s.scheduler} ${s.persistence}`), ['TCP 198.18.0.100:80 rr 50', 'TCP 198.18.0.110:80 rr 50']);
    assert.deepEqual(t[0]!.realServers[1], { address: '198.18.0.20', port: 80, forwarding: 'Route', weight: 1, activeConnections: 2, inactiveConnections: 5 });
    assert.equal(t[1]!.realServers[1]!.weight, 0);
  });

  it('reads IPv6, UDP with scheduler flags and a persistence mask, firewall marks, and a service with no real server', () => {
    const t = parseIpvsadmList(fixture('ipvsadm-mixed.txt'));
    assert.equal(t.length, 4);
    assert.deepEqual([t[0]!.address, t[0]!.port, t[0]!.persistence], ['2001:db8::100', 443, 0]);
    assert.deepEqual(t[0]!.realServers[0], { address: '2001:db8::10', port: 8443, forwarding: 'Route', weight: 3, activeConnections: 1, inactiveConnections: 0 });
    assert.deepEqual([t[1]!.protocol, t[1]!.scheduler, t[1]!.persistence, t[1]!.flags], ['UDP', 'sh', 300, ['(sh-port)', 'mask 255.255.255.0']]);
    assert.equal(t[1]!.realServers[0]!.forwarding, 'Masq');
    assert.deepEqual([t[2]!.protocol, t[2]!.address, t[2]!.port, t[2]!.flags, t[2]!.realServers[0]!.forwarding], ['FWM', '7', 0, ['ops'], 'Tunnel']);
    assert.deepEqual(t[3]!.realServers, []);
  });

  it('reads an empty table as no services', () => {
    assert.deepEqual(parseIpvsadmList(fixture('ipvsadm-empty.txt')), []);
    assert.deepEqual(parseIpvsadmList(''), []);
  });

  it('refuses a line it cannot read instead of guessing', () => {
    assert.throws(() => parseIpvsadmList('TCP  nonsense rr\n'), /cannot read virtual service line/);
    assert.throws(() => parseIpvsadmList('  -> 10.0.0.1:80 Route 1 0 0\n'), /before any virtual service/);
  });

  it('tells loaded, module and absent apart, and says why a loaded table was not read', () => {
    assert.deepEqual(parseIpvsState('kernel 6.18.0\nsupport absent\n'), { support: 'absent', kernelRelease: '6.18.0', table: null, error: null });
    assert.deepEqual(parseIpvsState('kernel 6.1.0-18-amd64\nsupport module\n'), { support: 'module', kernelRelease: '6.1.0-18-amd64', table: null, error: null });
    const loaded = parseIpvsState(`kernel 6.1.0-18-amd64\nsupport loaded\nipvsadm 0\n${fixture('ipvsadm-lab.txt')}`);
    assert.equal(loaded.support, 'loaded');
    assert.equal(loaded.table!.length, 2);
    assert.deepEqual(parseIpvsState('kernel 6.1\nsupport loaded\nipvsadm missing\n'), { support: 'loaded', kernelRelease: '6.1', table: null, error: 'ipvsadm is not installed' });
    const failed = parseIpvsState('kernel 6.1\nsupport loaded\nipvsadm 2\nCan\'t initialize ipvs: Permission denied (you must be root)\n');
    assert.equal(failed.table, null);
    assert.match(failed.error!, /exited 2: Can't initialize ipvs: Permission denied/);
    assert.throws(() => parseIpvsState('sh: 1: syntax error\n'), /unexpected answer/);
  });

  it('its command runs read-only in sh here and gives an answer the parser takes', () => {
    // This machine's kernel: loaded only if /proc/net/ip_vs exists; the fact never loads ip_vs.
    const state = ipvsFact.parse({ stdout: execFileSync('/bin/sh', ['-c', ipvsFact.command]).toString(), code: 0 });
    assert.equal(state.support === 'loaded', existsSync('/proc/net/ip_vs'));
    assert.equal(existsSync('/proc/net/ip_vs'), state.support === 'loaded', 'running the fact must not load ip_vs');
    assert.ok(state.kernelRelease.length > 0);
  });
});
