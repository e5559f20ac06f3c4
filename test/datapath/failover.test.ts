// Issue 7: failover under traffic. The client requests a VIP in a loop
// (a fresh connection every 50 ms, 1 s timeout) while the director holding
// it loses it; the test measures how long requests failed and requires it
// bounded by the inventory's VRRP timing: advert_int 3, so a BACKUP takes
// over at the latest after Master_Down_Interval = 3 x 3 s + skew (< 10 s),
// plus its gratuitous ARP: 15 s at most. Two ways to lose it: keepalived
// stopped (it sends priority 0, the peer takes over after its skew time),
// and the director frozen (its VM paused: no advert at all, the peer waits
// out Master_Down_Interval). Each time the director comes back it preempts
// (higher priority) and the VIP goes home; that gap is measured as well.

import { strict as assert } from 'node:assert';
import { signal } from '../../lib/lab/processes.js';
import { readState } from '../../lib/lab/state.js';
import { clientSources, clientTraffic, SOURCE_BLOCKS, worstGapMs } from '../support/client-traffic.js';
import { ADVERT_INT_S, useDatapathLab } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const VIP = '198.18.0.100'; // MASTER lvs-dr, BACKUP lvs-dr2
const BOUND_MS = 15_000; // 3 x advert_int + skew + gratuitous ARP, with room for TCG
const SOURCES = clientSources(SOURCE_BLOCKS.failover, 4);

describe('datapath: failover under traffic', function () {
  this.timeout(10 * 60_000);
  const lab = useDatapathLab();

  const holds = async (director: string) => (await lab.run(director, 'ip -j address show dev eth0')).includes(`"${VIP}"`);
  const home = () => waitFor(`${VIP} home on lvs-dr only`, async () => (await holds('lvs-dr')) && !(await holds('lvs-dr2')), 60_000, 1000);

  afterEach(async () => {
    const state = await readState();
    const qemu = state.vms['lvs-dr']?.qemu;
    if (qemu) signal(qemu, 'SIGCONT');
    await lab.run('lvs-dr', 'systemctl start keepalived');
    await home();
  });

  /** traffic for `seconds` while fn takes the VIP away and brings it back */
  async function measured(what: string, seconds: number, fn: () => Promise<{ downAt: number; upAt: number }>) {
    await home();
    const traffic = clientTraffic(lab.address('client'), { vips: [VIP], sources: SOURCES, seconds, intervalMs: 50, timeoutMs: 1000 });
    await new Promise((r) => setTimeout(r, 3000));
    const { downAt, upAt } = await fn();
    const results = await traffic;
    const t = (r: { t: number }) => r.t * 1000;
    const away = worstGapMs(
      results.filter((r) => t(r) >= downAt - 500 && t(r) < upAt - 500),
      VIP,
    );
    const back = worstGapMs(
      results.filter((r) => t(r) >= upAt - 500),
      VIP,
    );
    process.stderr.write(
      `      [datapath] ${what}: ${results.length} requests; failover gap ${away.gapMs} ms (${away.failed} failed); ` +
        `return gap ${back.gapMs} ms (${back.failed} failed); bound ${BOUND_MS} ms (advert_int ${ADVERT_INT_S} s)\n`,
    );
    assert.ok(results.length > 100, 'the client kept requesting');
    assert.ok(away.gapMs < BOUND_MS, `${what}: requests failed for ${away.gapMs} ms`);
    assert.ok(back.gapMs < BOUND_MS, `${what}, coming back: requests failed for ${back.gapMs} ms`);
  }

  it('keepalived stopped on lvs-dr: lvs-dr2 takes the VIP; the failed stretch is bounded by the VRRP timing; started again, it preempts', async () => {
    await measured('keepalived stopped on lvs-dr', 45, async () => {
      const downAt = Date.now();
      await lab.run('lvs-dr', 'systemctl stop keepalived');
      await waitFor(`${VIP} on lvs-dr2`, () => holds('lvs-dr2'), BOUND_MS + 10_000, 500);
      assert.equal(await holds('lvs-dr'), false, 'a stopped keepalived removes its VIP');
      await new Promise((r) => setTimeout(r, 10_000));
      const upAt = Date.now();
      await lab.run('lvs-dr', 'systemctl start keepalived');
      await home();
      return { downAt, upAt };
    });
  });

  it('lvs-dr frozen (its VM paused: no adverts): lvs-dr2 takes the VIP after Master_Down_Interval; thawed, lvs-dr takes it back', async () => {
    const qemu = (await readState()).vms['lvs-dr']?.qemu;
    assert.ok(qemu, 'lvs-dr is a VM of this lab');
    await measured('lvs-dr frozen', 50, async () => {
      const downAt = Date.now();
      signal(qemu, 'SIGSTOP');
      const took = await waitFor(`${VIP} on lvs-dr2`, () => holds('lvs-dr2'), BOUND_MS + 10_000, 500);
      process.stderr.write(`      [datapath] lvs-dr2 held ${VIP} ${(took / 1000).toFixed(1)} s after lvs-dr froze\n`);
      await new Promise((r) => setTimeout(r, 10_000));
      const upAt = Date.now();
      signal(qemu, 'SIGCONT');
      await home();
      return { downAt, upAt };
    });
  });
});
