// The VIP sampler for real, on two throwaway network namespaces standing in
// for two directors (nothing of the lab is touched): addresses are added and
// removed with ip, and the overlap and gap the sampler measures must lie
// between the bounds this test times around its own commands.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { monitorComplaint, VipSampler } from './vip-sampler.js';

const exec = promisify(execFile);
const VIP = '198.18.250.110';

describe('VIP sampler (ip monitor in two network namespaces)', function () {
  this.timeout(30_000);
  const ns: Record<string, string> = { a: `lvsplay-vips-${process.pid}-a`, b: `lvsplay-vips-${process.pid}-b` };
  const ip = (args: string[]) => exec('ip', args);
  /** runs an address change and says when it started and when it had surely happened */
  const timed = async (director: string, op: 'add' | 'del') => {
    const from = Date.now();
    await ip(['-n', ns[director]!, 'addr', op, `${VIP}/32`, 'dev', 'eth0']);
    return { from, to: Date.now() };
  };
  const sampler = () => new VipSampler(['a', 'b'], [VIP], { netnsOf: (d) => ns[d]!, pollMs: 100 });

  before(async () => {
    for (const n of Object.values(ns)) {
      await ip(['netns', 'add', n]);
      await ip(['-n', n, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1']);
      await ip(['-n', n, 'link', 'set', 'eth0', 'up']);
      await ip(['-n', n, 'link', 'set', 'eth1', 'up']);
    }
  });
  after(async () => {
    for (const n of Object.values(ns)) await ip(['netns', 'del', n]).catch(() => undefined);
  });

  it("measures a handover's overlap and a gap to within the time the commands took", async () => {
    await timed('a', 'add');
    const s = sampler();
    await s.start();
    await sleep(100);
    const bAdd = await timed('b', 'add');
    await sleep(300);
    const aDel = await timed('a', 'del');
    await sleep(100);
    const bDel = await timed('b', 'del');
    await sleep(400);
    const aAdd = await timed('a', 'add');
    await sleep(100);
    const report = await s.stop();
    const [v] = report.vips;
    assert.deepEqual(v!.sequence, ['a', 'a+b', 'b', 'none', 'a']);
    assert.equal(v!.overlaps.length, 1);
    assert.equal(v!.gaps.length, 1);
    // the true overlap began during b's add and ended during a's delete
    // ip stamps an event when its monitor reads it (a loaded machine wakes it late), Date.now() has ms steps
    const slack = 50;
    assert.ok(
      v!.maxOverlapMs >= aDel.from - bAdd.to - slack && v!.maxOverlapMs <= aDel.to - bAdd.from + slack,
      `overlap ${v!.maxOverlapMs} ms, commands say ${aDel.from - bAdd.to}..${aDel.to - bAdd.from} ms`,
    );
    assert.ok(
      v!.worstNoHolderMs >= aAdd.from - bDel.to - slack && v!.worstNoHolderMs <= aAdd.to - bDel.from + slack,
      `gap ${v!.worstNoHolderMs} ms, commands say ${aAdd.from - bDel.to}..${aAdd.to - bDel.from} ms`,
    );
    assert.ok(report.events >= 4, `${report.events} events`);
    assert.ok(report.polls >= 2 * 5, `${report.polls} reads checked the events`);
    await timed('a', 'del');
  });

  it('fails at stop() when a monitor died during the run, rather than report what it did not see', async () => {
    const s = sampler();
    await s.start();
    process.kill(s.monitorPids[1]!, 'SIGKILL');
    await timed('b', 'add');
    await sleep(150);
    await assert.rejects(s.stop(), /the VIP sampler cannot be trusted: ip monitor for b exited early/);
    await timed('b', 'del');
  });

  it('fails at stop() when a monitor fell behind (its late timestamps contradict the direct reads)', async () => {
    const s = sampler();
    await s.start();
    const pid = s.monitorPids[1]!;
    process.kill(pid, 'SIGSTOP');
    try {
      const added = await timed('b', 'add');
      // two direct reads that see b holding it, then more than the sampler's 150 ms slack, while its event waits in the socket
      const reads = s.readsMade;
      while (s.readsMade < reads + 2) await sleep(20);
      await sleep(300);
      assert.ok(Date.now() - added.to >= 300);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await sleep(100);
    await assert.rejects(
      s.stop(),
      /the VIP sampler cannot be trusted: a read of b at .* saw 198\.18\.250\.110 held, the address events say not held: the monitor missed events/,
    );
    await timed('b', 'del');
  });

  it('counts what a monitor prints against it, except the namespace-id noise of another namespace deleted while it started', () => {
    assert.equal(monitorComplaint(''), null);
    assert.equal(monitorComplaint('Error: Peer netns reference is invalid.\nError: Peer netns reference is invalid.\n'), null);
    assert.equal(
      monitorComplaint('Error: Peer netns reference is invalid.\nnetlink receive error No buffer space available (105)\n'),
      'netlink receive error No buffer space available (105)',
    );
  });

  it('refuses to start on a namespace that does not exist', async () => {
    const s = new VipSampler(['a', 'x'], [VIP], { netnsOf: (d) => (d === 'x' ? `lvsplay-vips-${process.pid}-none` : ns[d]!) });
    await assert.rejects(s.start(), /ip monitor for x exited/);
  });
});
