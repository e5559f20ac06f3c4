import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { type IpvsVirtualService, parseIpvsadmList } from '../../lib/facts/ipvs.js';
import { checkIpvsTables } from '../../lib/verify/ipvs-table.js';
import type { Observations } from '../../lib/verify/types.js';
import { loadCluster } from '../render/clusters.js';
import { clusterOf } from '../support/clusters.js';
import { healthy, host } from './observations.js';

const lab = clusterOf('lab');
const full = clusterOf('lab', (inv) => {
  inv.keepalived = { mode: 'full' };
});
const table = (obs: Observations, name: string) => host(obs, name).director!.ipvs.table!;
const svc = (obs: Observations, name: string, vip: string) => table(obs, name).find((s) => s.address === vip)!;
const rowOf = (obs: Observations, target: string) => checkIpvsTables(full, obs).find((r) => r.target === target)!;

describe('verify/IPVS table', () => {
  it('is not checkable where keepalived runs VRRP-only (the container lab), one row per director, never a pass', () => {
    const rows = checkIpvsTables(lab, healthy(lab));
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status}`),
      ['lvs-dr not-checkable', 'lvs-dr2 not-checkable'],
    );
    assert.match(
      rows[0]!.detail,
      /^not checkable: keepalived runs VRRP-only here \(keepalived.mode "vrrp-only"\), so it keeps no IPVS table; no IP_VS in kernel 6\.18\.0/,
    );
  });

  it("passes both directors' tables when every service and real server is as the inventory says", () => {
    const rows = checkIpvsTables(full, healthy(full));
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status}`),
      [
        'lvs-dr TCP 198.18.0.100:80 pass',
        'lvs-dr TCP 198.18.0.110:80 pass',
        'lvs-dr2 TCP 198.18.0.100:80 pass',
        'lvs-dr2 TCP 198.18.0.110:80 pass',
      ],
    );
    assert.equal(rows[0]!.detail, 'rr persistent 50; lvs01 w1 0/3, lvs02 w1 0/3 (weight active/inactive)');
  });

  it('reads the table as ipvsadm prints it: a real server at weight 0 is degraded, named', () => {
    const obs = healthy(full);
    host(obs, 'lvs-dr').director!.ipvs.table = parseIpvsadmList(
      readFileSync(new URL('../fixtures/facts/ipvsadm-lab.txt', import.meta.url), 'utf8'),
    );
    const rows = checkIpvsTables(full, obs).filter((r) => r.host === 'lvs-dr');
    assert.deepEqual(
      rows.map((r) => r.status),
      ['pass', 'degraded'],
    );
    assert.equal(rows[1]!.detail, 'lvs02 (198.18.0.20:80) has weight 0 (health check failing, or drained)');
  });

  it('a real server missing from the table is degraded, naming it', () => {
    const obs = healthy(full);
    const s = svc(obs, 'lvs-dr2', '198.18.0.110');
    s.realServers = s.realServers.filter((r) => r.address !== '198.18.0.10');
    const r = rowOf(obs, 'lvs-dr2 TCP 198.18.0.110:80');
    assert.deepEqual(
      [r.status, r.detail],
      ['degraded', 'lvs01 (198.18.0.10:80) is missing (its health check fails, or keepalived dropped it)'],
    );
  });

  it("a weight other than the inventory's is degraded; no real server with weight is a fail", () => {
    const obs = healthy(full);
    svc(obs, 'lvs-dr', '198.18.0.100').realServers[0]!.weight = 5;
    assert.deepEqual(
      [rowOf(obs, 'lvs-dr TCP 198.18.0.100:80').status, rowOf(obs, 'lvs-dr TCP 198.18.0.100:80').detail],
      ['degraded', 'lvs01 (198.18.0.10:80) has weight 5, inventory says 1'],
    );
    for (const rs of svc(obs, 'lvs-dr', '198.18.0.110').realServers) rs.weight = 0;
    const r = rowOf(obs, 'lvs-dr TCP 198.18.0.110:80');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /no real server takes traffic$/);
  });

  it("a missing service is a fail; scheduler, persistence or forwarding other than the inventory's are fails", () => {
    const obs = healthy(full);
    host(obs, 'lvs-dr2').director!.ipvs.table = table(obs, 'lvs-dr2').filter((s) => s.address !== '198.18.0.100');
    const missing = rowOf(obs, 'lvs-dr2 TCP 198.18.0.100:80');
    assert.equal(missing.status, 'fail');
    assert.match(missing.detail, /TCP 198\.18\.0\.100:80 is not in the IPVS table of lvs-dr2/);
    Object.assign(svc(obs, 'lvs-dr', '198.18.0.100'), { scheduler: 'wlc', persistence: 0 });
    svc(obs, 'lvs-dr', '198.18.0.100').realServers[1]!.forwarding = 'Masq';
    const r = rowOf(obs, 'lvs-dr TCP 198.18.0.100:80');
    assert.equal(r.status, 'fail');
    assert.equal(
      r.detail,
      'scheduler wlc, inventory says rr; not persistent, inventory says persistent 50; lvs02 (198.18.0.20:80) forwards by Masq, inventory says DR (Route)',
    );
  });

  it('services and real servers the inventory does not have are degraded', () => {
    const obs = healthy(full);
    const extra: IpvsVirtualService = {
      protocol: 'TCP',
      address: '198.18.0.150',
      port: 443,
      scheduler: 'rr',
      persistence: 0,
      flags: [],
      realServers: [],
    };
    table(obs, 'lvs-dr').push(extra);
    svc(obs, 'lvs-dr', '198.18.0.110').realServers.push({
      address: '198.18.0.99',
      port: 80,
      forwarding: 'Route',
      weight: 1,
      activeConnections: 0,
      inactiveConnections: 0,
    });
    assert.deepEqual(
      [rowOf(obs, 'lvs-dr TCP 198.18.0.150:443').status, rowOf(obs, 'lvs-dr TCP 198.18.0.150:443').detail],
      ['degraded', 'TCP 198.18.0.150:443 is in the IPVS table of lvs-dr but not in the inventory'],
    );
    assert.deepEqual(
      [rowOf(obs, 'lvs-dr TCP 198.18.0.110:80').status, rowOf(obs, 'lvs-dr TCP 198.18.0.110:80').detail],
      ['degraded', '198.18.0.99:80 is not a real server of the inventory'],
    );
  });

  it('in full mode: no IP_VS, ip_vs not loaded, or an unreadable table are fails saying why', () => {
    const obs = healthy(full);
    host(obs, 'lvs-dr').director!.ipvs = { support: 'absent', kernelRelease: '6.18.0', table: null, error: null };
    host(obs, 'lvs-dr2').director!.ipvs = { support: 'module', kernelRelease: '6.1.0', table: null, error: null };
    const rows = checkIpvsTables(full, obs);
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status}`),
      ['lvs-dr fail', 'lvs-dr2 fail'],
    );
    assert.match(rows[0]!.detail, /lvs-dr has no IP_VS in kernel 6\.18\.0: it cannot forward/);
    assert.match(rows[1]!.detail, /ip_vs is a module, not loaded/);
    host(obs, 'lvs-dr').director!.ipvs = { support: 'loaded', kernelRelease: '6.1.0', table: null, error: 'ipvsadm is not installed' };
    assert.match(checkIpvsTables(full, obs)[0]!.detail, /could not read the IPVS table of lvs-dr: ipvsadm is not installed/);
  });

  it('matches IPv6 services and real servers by canonical address', async () => {
    const six = { ...(await loadCluster('ipv6')), keepalived: { mode: 'full' as const } };
    const obs = healthy(six);
    const t = host(obs, 'lb-a').director!.ipvs.table!;
    t[0]!.address = '2001:db8:10:0::1';
    t[0]!.realServers[0]!.address = '2001:0db8:2::1';
    const rows = checkIpvsTables(six, obs).filter((r) => r.host === 'lb-a');
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status}`),
      ['lb-a TCP [2001:db8:10::1]:80 pass', 'lb-a TCP [2001:db8:10::2]:443 pass'],
    );
  });

  it('a fwmark service (issue 14) is its FWM row, as ipvsadm prints it: passed when as the inventory says, a fail when missing', () => {
    const fwmark = clusterOf('lab', (inv) => {
      inv.keepalived = { mode: 'full' };
      const web = inv.vips[0]!.services[0]!;
      delete web.port;
      Object.assign(web, { fwmark: 14, ports: [80, 8080], persistence: 0 });
    });
    const obs = healthy(fwmark);
    host(obs, 'lvs-dr').director!.ipvs.table = parseIpvsadmList(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  198.18.0.110:80 rr persistent 50',
        '  -> 198.18.0.10:80                Route   1      0          0',
        '  -> 198.18.0.20:80                Route   1      0          0',
        'FWM  14 rr',
        '  -> 198.18.0.10:0                 Route   1      0          2',
        '  -> 198.18.0.20:0                 Route   1      0          3',
      ].join('\n'),
    );
    host(obs, 'lvs-dr2').director!.ipvs.table = table(obs, 'lvs-dr2').filter((s) => s.protocol !== 'FWM');
    const rows = checkIpvsTables(fwmark, obs);
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status}`),
      [
        'lvs-dr fwmark 14 (TCP 198.18.0.100:80,8080) pass',
        'lvs-dr TCP 198.18.0.110:80 pass',
        'lvs-dr2 fwmark 14 (TCP 198.18.0.100:80,8080) fail',
        'lvs-dr2 TCP 198.18.0.110:80 pass',
      ],
    );
    assert.equal(rows[0]!.detail, 'rr; lvs01 w1 0/2, lvs02 w1 0/3 (weight active/inactive)');
    assert.match(rows[2]!.detail, /^fwmark 14 \(TCP 198\.18\.0\.100:80,8080\) is not in the IPVS table of lvs-dr2/);
  });
});
