import { strict as assert } from 'node:assert';
import { checkRealServers } from '../../lib/verify/realserver.js';
import type { Observations } from '../../lib/verify/types.js';
import { loadCluster } from '../render/clusters.js';
import { clusterOf } from '../support/clusters.js';
import { addAddress, healthy, host, removeAddress } from './observations.js';

const lab = clusterOf('lab');
const find = (obs: Observations, check: string, target: string) =>
  checkRealServers(lab, obs).find((r) => r.check === check && r.target === target)!;

describe('verify/real servers', () => {
  it('passes every VIP on lo as /32 and the four ARP sysctls, per real server', () => {
    const rows = checkRealServers(lab, healthy(lab));
    assert.deepEqual(
      rows.map((r) => `${r.check} ${r.target} ${r.status}`),
      ['realserver-vips lvs01 pass', 'realserver-arp lvs01 pass', 'realserver-vips lvs02 pass', 'realserver-arp lvs02 pass'],
    );
    assert.equal(rows[0]!.detail, '198.18.0.100/32, 198.18.0.110/32 on lo');
    assert.equal(rows[1]!.detail, 'all.arp_announce=2 all.arp_ignore=1 lo.arp_announce=2 lo.arp_ignore=1');
  });

  it('a VIP missing from lo is a fail naming the host and the VIP', () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs01', '198.18.0.100');
    const r = find(obs, 'realserver-vips', 'lvs01');
    assert.equal(r.status, 'fail');
    assert.equal(r.host, 'lvs01');
    assert.match(
      r.detail,
      /^lvs01: 198\.18\.0\.100 is not on lo; the directors still send it this VIP's requests \(systemctl reload lvs-play-dr-client\.service/,
    );
    assert.equal(find(obs, 'realserver-vips', 'lvs02').status, 'pass');
  });

  it('a VIP on lo with a wider prefix, or also on eth0, is a fail', () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs02', '198.18.0.110');
    addAddress(obs, 'lvs02', 'lo', '198.18.0.110', 24);
    addAddress(obs, 'lvs02', 'eth0', '198.18.0.100');
    const r = find(obs, 'realserver-vips', 'lvs02');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /198\.18\.0\.110 is on lo as \/24, not \/32/);
    assert.match(r.detail, /198\.18\.0\.100 is also on eth0 \(answers ARP for it\)/);
  });

  it('a wrong or absent ARP sysctl is a fail listing the key, its value and the wanted one', () => {
    const obs = healthy(lab);
    const s = host(obs, 'lvs02').realServer!.sysctls;
    s['net.ipv4.conf.all.arp_ignore'] = '0';
    s['net.ipv4.conf.lo.arp_announce'] = null;
    const r = find(obs, 'realserver-arp', 'lvs02');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /net\.ipv4\.conf\.all\.arp_ignore = 0 \(want 1\), net\.ipv4\.conf\.lo\.arp_announce = \(absent\) \(want 2\)/);
  });

  it('checks IPv6 VIPs on lo as /128', async () => {
    const six = await loadCluster('ipv6');
    const obs = healthy(six);
    const rows = checkRealServers(six, obs).filter((r) => r.check === 'realserver-vips');
    assert.deepEqual(
      rows.map((r) => r.status),
      ['pass', 'pass'],
    );
    assert.equal(rows[0]!.detail, '2001:db8:10::1/128, 2001:db8:10::2/128 on lo');
    removeAddress(obs, 'rs-1', '2001:db8:10::2');
    addAddress(obs, 'rs-1', 'lo', '2001:db8:10::2', 64);
    assert.match(checkRealServers(six, obs)[0]!.detail, /2001:db8:10::2 is on lo as \/64, not \/128/);
  });

  it('skips unreachable real servers and hosts that are not real servers', () => {
    const obs = healthy(lab);
    obs.hosts = obs.hosts.map((h) => (h.host === 'lvs01' ? { host: 'lvs01', reachable: false, error: 'x' } : h));
    assert.deepEqual([...new Set(checkRealServers(lab, obs).map((r) => r.target))], ['lvs02']);
  });
});
