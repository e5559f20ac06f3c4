// Issue 7: keepalived's health checks act on the IPVS tables of both
// directors. Every real server has inhibit_on_failure, so a failing one is
// kept at weight 0 (existing connections finish, new ones go elsewhere)
// rather than removed. Measured here with client traffic running: how long
// the checker takes to set weight 0 (the inventory's budget: delay_loop 3 +
// retry 3 x delay_before_retry 3, plus connect_timeout 10 per try for a
// silent server), and that no request started after that fails.

import { strict as assert } from 'node:assert';
import { clientSources, clientTraffic, type HttpResult, ok, SOURCE_BLOCKS } from '../support/client-traffic.js';
import { DIRECTORS, useDatapathLab, VIPS } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const LVS01 = '198.18.0.10';
/** delay_loop + retry x (connect_timeout + delay_before_retry), from inventory/lab-datapath.json */
const CHECK_BUDGET_MS = (3 + 3 * (10 + 3)) * 1000;
/** after a weight change is seen: slack for the time it took to see it (ssh to each director) */
const SEEN_SLACK_MS = 3000;

describe('datapath: health checks set weight 0 on both directors, and back', function () {
  this.timeout(10 * 60_000);
  const lab = useDatapathLab();

  /** lvs01's weight in these VIPs' services on both directors equals w */
  const weightsAre = (vips: string[], w: number) => async () => {
    for (const d of DIRECTORS) for (const vip of vips) if ((await lab.weight(d, vip, LVS01)) !== w) return false;
    return true;
  };

  /** runs traffic while fn breaks and repairs lvs01; returns the results and when the weight went 0 */
  async function underTraffic(
    vips: string[],
    sources: string[],
    seconds: number,
    fn: () => Promise<number>,
  ): Promise<{ results: HttpResult[]; removedAt: number }> {
    const traffic = clientTraffic(lab.address('client'), { vips, sources, seconds, intervalMs: 20, timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 2000));
    const removedAt = await fn();
    return { results: await traffic, removedAt };
  }

  function failedAfter(results: HttpResult[], at: number, until = Infinity): HttpResult[] {
    return results.filter((r) => r.t * 1000 >= at + SEEN_SLACK_MS && r.t * 1000 < until && !ok(r));
  }

  afterEach(async () => {
    // whatever happened: lvs01 serving its page again, back in both tables
    await lab.run(
      'lvs01',
      'if [ -e /var/www/html/index.html.off ]; then mv -f /var/www/html/index.html.off /var/www/html/index.html; fi; systemctl start nginx',
    );
    await waitFor('lvs01 back at weight 1 on both directors', weightsAre(VIPS, 1), CHECK_BUDGET_MS + 30_000, 1000);
  });

  it('web server stopped on lvs01: weight 0 in both services on both directors within the check budget; no request fails after; back when started', async () => {
    let stoppedAt = 0;
    let startedAt = 0;
    const { results, removedAt } = await underTraffic(VIPS, clientSources(SOURCE_BLOCKS.checkStop), 70, async () => {
      stoppedAt = Date.now();
      await lab.run('lvs01', 'systemctl stop nginx');
      const removal = await waitFor('lvs01 at weight 0 on both directors', weightsAre(VIPS, 0), CHECK_BUDGET_MS + 15_000, 500);
      process.stderr.write(
        `      [datapath] nginx stopped on lvs01: weight 0 on both directors after ${(removal / 1000).toFixed(1)} s (budget ${CHECK_BUDGET_MS / 1000} s)\n`,
      );
      await new Promise((r) => setTimeout(r, 15_000)); // traffic with lvs01 out
      // from here lvs01 may answer again: one director's checker puts it back before the other's
      startedAt = Date.now();
      await lab.run('lvs01', 'systemctl start nginx');
      const back = await waitFor('lvs01 back at weight 1', weightsAre(VIPS, 1), CHECK_BUDGET_MS + 15_000, 500);
      process.stderr.write(`      [datapath] nginx started again: weight 1 on both directors after ${(back / 1000).toFixed(1)} s\n`);
      return stoppedAt + removal;
    });
    const before = results.filter((r) => r.t * 1000 >= stoppedAt && r.t * 1000 < removedAt && !ok(r));
    const after = failedAfter(results, removedAt);
    process.stderr.write(
      `      [datapath] ${results.length} requests; failed while the checker had not acted: ${before.length}; failed after weight 0 (+${SEEN_SLACK_MS / 1000} s): ${after.length}\n`,
    );
    assert.deepEqual(
      after.map((r) => `${r.vip} from ${r.src} at +${Math.round(r.t * 1000 - removedAt)} ms: ${r.error ?? r.status}`),
      [],
    );
    // sent while lvs01 was surely out: after its weight 0 was seen on both directors, before nginx was started again
    const late = results.filter((r) => r.t * 1000 >= removedAt + SEEN_SLACK_MS && r.t * 1000 < startedAt);
    assert.ok(late.length > 0);
    assert.deepEqual(
      late
        .filter((r) => r.body !== 'lvs02')
        .map((r) => `${r.vip} from ${r.src} at +${Math.round(r.t * 1000 - removedAt)} ms: ${r.body ?? r.error}`),
      [],
      'while lvs01 was out, lvs02 answered everything',
    );
  });

  it('HTTP_GET: /index.html answering 404 on lvs01 sets it to weight 0 in the HTTP_GET service only; requests to that VIP keep being answered', async () => {
    const httpVip = '198.18.0.110';
    const tcpVip = '198.18.0.100';
    let brokenAt = 0;
    const { results, removedAt } = await underTraffic([httpVip], clientSources(SOURCE_BLOCKS.checkHttp), 50, async () => {
      brokenAt = Date.now();
      await lab.run('lvs01', 'mv /var/www/html/index.html /var/www/html/index.html.off');
      const removal = await waitFor('lvs01 at weight 0 in the HTTP_GET service', weightsAre([httpVip], 0), CHECK_BUDGET_MS + 15_000, 500);
      process.stderr.write(
        `      [datapath] /index.html 404 on lvs01: weight 0 for ${httpVip} on both directors after ${(removal / 1000).toFixed(1)} s\n`,
      );
      for (const d of DIRECTORS)
        assert.equal(await lab.weight(d, tcpVip, LVS01), 1, `${d}: the TCP_CHECK service keeps lvs01 (it only connects)`);
      await new Promise((r) => setTimeout(r, 15_000));
      return brokenAt + removal;
    });
    const after = failedAfter(results, removedAt);
    const before = results.filter((r) => r.t * 1000 >= brokenAt && r.t * 1000 < removedAt && !ok(r));
    process.stderr.write(
      `      [datapath] ${results.length} requests to ${httpVip}; 404 before the checker acted: ${before.length}; failed after: ${after.length}\n`,
    );
    assert.ok(
      before.some((r) => r.status === 404),
      'clients pinned to lvs01 saw its 404 until the checker acted',
    );
    assert.deepEqual(
      after.map((r) => `${r.vip} from ${r.src} at +${Math.round(r.t * 1000 - removedAt)} ms: ${r.error ?? r.status}`),
      [],
    );
  });
});
