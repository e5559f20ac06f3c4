// Issues 6 and 7: the real-server drain of a rollout, on directors that keep
// an IPVS table, with client traffic running. The change on lvs01 takes its
// web server down for 5 s; the rollout drains lvs01 on both directors first
// (its FILE_CHECK switch fails, inhibit_on_failure: weight 0; with
// net.ipv4.vs.expire_quiescent_template=1 even clients pinned to it by
// persistence move on), changes it, checks it, and undrains it. No client
// request may fail during the whole rollout.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lvsPlay } from '../support/cli.js';
import { clientSources, clientTraffic, ok, SOURCE_BLOCKS } from '../support/client-traffic.js';
import { DATAPATH_INVENTORY, DIRECTORS, useDatapathLab, VIPS } from '../support/datapath.js';

const PLAYBOOK = 'test/fixtures/playbooks/web-down-on-lvs01.mjs';
const MARKER = '/var/tmp/lvs-play-web-down-marker';
const STOP = '/tmp/lvs-play-drain-test-stop';
const LVS01 = '198.18.0.10';

describe('datapath: a real server rolled out under traffic (drain, change, undrain)', function () {
  this.timeout(10 * 60_000);
  const lab = useDatapathLab();
  let drains: string;

  before(() => {
    drains = mkdtempSync(join(tmpdir(), 'lvs-play-drains-'));
  });
  after(async () => {
    rmSync(drains, { recursive: true, force: true });
    await lab.run('lvs01', 'systemctl start nginx');
  });

  it('no client request fails while lvs01 is drained on both directors, taken down, checked and undrained', async () => {
    await lab.run('lvs01', `rm -f ${MARKER}`);
    await lab.run('client', `rm -f ${STOP}`);
    const seen = new Set<string>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const d of DIRECTORS) for (const vip of VIPS) seen.add(`${d} ${vip} w${await lab.weight(d, vip, LVS01)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const traffic = clientTraffic(lab.address('client'), {
      vips: VIPS,
      sources: clientSources(SOURCE_BLOCKS.drain),
      seconds: 400,
      stopFile: STOP,
      intervalMs: 20,
      timeoutMs: 2000,
    });
    await new Promise((r) => setTimeout(r, 3000));
    const t0 = Date.now();
    const r = await lvsPlay(['rollout', DATAPATH_INVENTORY, '--limit', 'lvs01', '--playbook', PLAYBOOK], { LVS_PLAY_DRAINS_DIR: drains });
    const took = Date.now() - t0;
    await new Promise((res) => setTimeout(res, 2000));
    await lab.run('client', `touch ${STOP}`);
    const results = await traffic;
    sampling = false;
    await sampler;
    process.stderr.write(
      `      [datapath] rollout of lvs01 took ${(took / 1000).toFixed(1)} s; ${results.length} requests, ${results.filter((x) => !ok(x)).length} failed; ` +
        `answered by ${[...new Set(results.filter(ok).map((x) => x.body))].sort().join(', ')}; weights seen: ${[...seen].sort().join('; ')}\n`,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /drain/i);
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 0, 'the change was made');
    for (const d of DIRECTORS)
      for (const vip of VIPS) {
        assert.ok(seen.has(`${d} ${vip} w0`), `${d} had lvs01 at weight 0 in ${vip}'s service during the rollout`);
        assert.equal(await lab.weight(d, vip, LVS01), 1, `${d}: lvs01 undrained in ${vip}'s service`);
      }
    assert.deepEqual(
      results.filter((x) => !ok(x)).map((x) => `${x.vip} from ${x.src}: ${x.error ?? x.status}`),
      [],
    );
  });
});
