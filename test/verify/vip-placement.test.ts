import { strict as assert } from 'node:assert';
import { checkVipPlacement } from '../../lib/verify/vip-placement.js';
import { loadCluster } from '../render/clusters.js';
import { clusterOf } from '../support/clusters.js';
import { addAddress, healthy, leaveOut, removeAddress, unreachable } from './observations.js';

const lab = clusterOf('lab');
const row = (rows: ReturnType<typeof checkVipPlacement>, vip: string) => rows.find((r) => r.vip === vip)!;

describe('verify/vip placement', () => {
  it('passes each VIP held by its MASTER on the VRRP interface', () => {
    const rows = checkVipPlacement(lab, healthy(lab));
    assert.deepEqual(
      rows.map((r) => [r.target, r.status]),
      [
        ['198.18.0.100', 'pass'],
        ['198.18.0.110', 'pass'],
      ],
    );
    assert.match(row(rows, '198.18.0.100').detail, /on lvs-dr \(MASTER, eth0\), instance bl_one/);
  });

  it('a VIP on its BACKUP is degraded, naming where it is', () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs-dr', '198.18.0.100');
    addAddress(obs, 'lvs-dr2', 'eth0', '198.18.0.100');
    const r = row(checkVipPlacement(lab, obs), '198.18.0.100');
    assert.equal(r.status, 'degraded');
    assert.match(r.detail, /on lvs-dr2, its BACKUP; MASTER lvs-dr does not hold it/);
  });

  it('under nopreempt a VIP on its BACKUP is where it should stay: pass, naming its MASTER; two holders still fail (issue 13)', () => {
    const np = clusterOf('lab', (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    });
    const obs = healthy(np);
    removeAddress(obs, 'lvs-dr', '198.18.0.100');
    addAddress(obs, 'lvs-dr2', 'eth0', '198.18.0.100');
    const r = row(checkVipPlacement(np, obs), '198.18.0.100');
    assert.equal(r.status, 'pass');
    assert.match(r.detail, /on lvs-dr2 \(BACKUP, eth0\): with nopreempt a VIP stays where it is; its MASTER is lvs-dr/);
    addAddress(obs, 'lvs-dr', 'eth0', '198.18.0.100');
    assert.equal(row(checkVipPlacement(np, obs), '198.18.0.100').status, 'fail');
  });

  it('a VIP on two directors is split brain: fail', () => {
    const obs = healthy(lab);
    addAddress(obs, 'lvs-dr2', 'eth0', '198.18.0.100');
    const r = row(checkVipPlacement(lab, obs), '198.18.0.100');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /split brain: held by lvs-dr \(MASTER, eth0\) and lvs-dr2 \(BACKUP, eth0\)/);
  });

  it('a VIP on no director is down: fail', () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs-dr2', '198.18.0.110');
    const r = row(checkVipPlacement(lab, obs), '198.18.0.110');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /held by no director \(MASTER should be lvs-dr2\)/);
  });

  it("a VIP on a real server's eth0 answers ARP for it: fail, naming the host", () => {
    const obs = healthy(lab);
    addAddress(obs, 'lvs01', 'eth0', '198.18.0.100');
    const r = row(checkVipPlacement(lab, obs), '198.18.0.100');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /also on lvs01 \(eth0\), which is not a director/);
  });

  it('the VIP on the MASTER but on another interface is degraded', () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs-dr', '198.18.0.100');
    addAddress(obs, 'lvs-dr', 'eth1', '198.18.0.100');
    const r = row(checkVipPlacement(lab, obs), '198.18.0.100');
    assert.equal(r.status, 'degraded');
    assert.match(r.detail, /on eth1, not the VRRP interface eth0/);
  });

  it('cannot tell with a director unread, but still sees split brain among those read', async () => {
    const obs = healthy(lab);
    unreachable(obs, 'lvs-dr2');
    const r = row(checkVipPlacement(lab, obs), '198.18.0.100');
    assert.equal(r.status, 'not-checkable');
    assert.match(r.detail, /lvs-dr2 could not be read; held by lvs-dr \(MASTER, eth0\)/);

    const wide = await loadCluster('threeDirectors');
    const three = healthy(wide);
    const vip = wide.vips[0]!;
    const others = wide.groups.directors!.filter((d) => d !== vip.master);
    unreachable(three, others[0]!);
    addAddress(three, others[1]!, 'eth0', vip.address);
    const split = row(checkVipPlacement(wide, three), vip.address);
    assert.equal(split.status, 'fail');
    assert.match(split.detail, /split brain/);
  });

  it('says --limit left a director out, and says nothing when it left out every director', () => {
    const obs = healthy(lab);
    leaveOut(obs, 'lvs-dr2');
    assert.match(row(checkVipPlacement(lab, obs), '198.18.0.110').detail, /--limit leaves out lvs-dr2; no director read holds it/);
    leaveOut(obs, 'lvs-dr');
    assert.deepEqual(checkVipPlacement(lab, obs), []);
  });

  it('compares IPv6 addresses in canonical form', async () => {
    const six = await loadCluster('ipv6');
    const obs = healthy(six);
    const vip = six.vips[0]!;
    removeAddress(obs, vip.master, vip.address);
    addAddress(obs, vip.master, 'eth0', '2001:db8:10:0:0::1'); // same address, other spelling
    assert.equal(row(checkVipPlacement(six, obs), vip.address).status, 'pass');
  });
});
