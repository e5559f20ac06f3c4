// Issue 7: client -> VIP -> director (IPVS, DR) -> real server -> client.
// Persistence pins one client address to one real server, so the client
// sends from ten addresses: every request is answered, and both real
// servers answer for each VIP. The connections show in the VIP holder's
// IPVS table.

import { strict as assert } from 'node:assert';
import { answeredBy, clientSources, clientTraffic, ok, SOURCE_BLOCKS } from '../support/client-traffic.js';
import { useDatapathLab, VIPS } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const CLIENT_SOURCES = clientSources(SOURCE_BLOCKS.traffic);

describe('datapath: HTTP through the VIPs', function () {
  this.timeout(5 * 60_000);
  const lab = useDatapathLab();

  it('from ten client addresses, every request to each VIP is answered, by both real servers for each VIP', async () => {
    const results = await clientTraffic(lab.address('client'), {
      vips: VIPS,
      sources: CLIENT_SOURCES,
      seconds: 0,
      intervalMs: 0,
      timeoutMs: 5000,
    });
    assert.equal(results.length, VIPS.length * CLIENT_SOURCES.length);
    assert.deepEqual(
      results.filter((r) => !ok(r)),
      [],
    );
    assert.deepEqual(answeredBy(results), Object.fromEntries(VIPS.map((v) => [v, ['lvs01', 'lvs02']])));
    process.stderr.write(`      [datapath] answered: ${JSON.stringify(answeredBy(results))}\n`);
  });

  it('persistence: a client address keeps its real server for each VIP', async () => {
    const plan = { vips: VIPS, sources: CLIENT_SOURCES, seconds: 0, intervalMs: 0, timeoutMs: 5000 };
    const [a, b] = [await clientTraffic(lab.address('client'), plan), await clientTraffic(lab.address('client'), plan)];
    const who = (rs: typeof a) => rs.map((r) => `${r.vip} ${r.src} ${r.body}`).sort();
    assert.deepEqual(who(b), who(a));
  });

  it('the director holding each VIP forwarded the connections, in DR mode (its connection table and counters)', async () => {
    const holder = { '198.18.0.100': 'lvs-dr', '198.18.0.110': 'lvs-dr2' } as Record<string, string>;
    await clientTraffic(lab.address('client'), { vips: VIPS, sources: CLIENT_SOURCES, seconds: 0, intervalMs: 0, timeoutMs: 5000 });
    for (const vip of VIPS) {
      // ipvsadm -Lnc: "TCP 01:57 TIME_WAIT 198.18.0.60:41234 198.18.0.100:80 198.18.0.10:80"
      const conns = (await lab.run(holder[vip]!, 'ipvsadm -Lnc'))
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((w) => w[0] === 'TCP' && w[4] === `${vip}:80`);
      const sources = new Set(conns.map((w) => w[3]!.split(':')[0]));
      assert.deepEqual(
        [...sources].filter((a) => CLIENT_SOURCES.includes(a!)).sort(),
        [...CLIENT_SOURCES].sort(),
        `${holder[vip]} has connections from every client address to ${vip}`,
      );
      // the kernel folds its per-CPU counters into --stats every 2 s
      let out = '';
      const re = new RegExp(`^TCP  ${vip.replace(/\./g, '\\.')}:80\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s`, 'm');
      await waitFor(
        `${holder[vip]}'s counters for ${vip}`,
        async () => {
          out = await lab.run(holder[vip]!, 'ipvsadm -Ln --stats');
          return Number(re.exec(out)?.[1] ?? 0) >= CLIENT_SOURCES.length;
        },
        15_000,
        1000,
      ).catch((err: Error) => {
        throw new Error(`${err.message}:\n${out}`);
      });
      const [, , inPkts, outPkts] = re.exec(out)!;
      // DR: the director sees the client's packets only; the real servers answer the client directly
      assert.ok(Number(inPkts) > 0);
      assert.equal(outPkts, '0', `packets out through the director in DR:\n${out}`);
    }
  });
});
