// The rollout, drain and undrain commands' arguments, as the built binary
// reads them (no host is contacted: every case is refused before).

import { strict as assert } from 'node:assert';
import { lvsPlay } from '../support/cli.js';

describe('lvs-play rollout / deploy --rolling / drain arguments', function () {
  this.timeout(20_000);

  it('refuses a bad --batch and a missing inventory, with a hint', async () => {
    const bad = await lvsPlay(['rollout', 'inventory/lab.json', '--batch', '0']);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /--batch must be a whole number of real servers \(1 or more\) or a percentage \(1% to 100%\), got "0"\nhint: --batch 2, or --batch 25%/,
    );
    const none = await lvsPlay(['rollout']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /missing INVENTORY/);
  });

  it('deploy takes --batch and --drain-timeout only with --rolling, and --rolling no --max-fail', async () => {
    const r = await lvsPlay(['deploy', 'inventory/lab.json', '--batch', '2']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--batch and --drain-timeout go with --rolling/);
    const m = await lvsPlay(['deploy', 'inventory/lab.json', '--rolling', '--max-fail', '1']);
    assert.equal(m.code, 1);
    assert.match(m.stderr, /--rolling takes no --diff or --max-fail/);
  });

  it('drain needs real servers of the cluster, named', async () => {
    const r = await lvsPlay(['drain', 'inventory/example.json']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /drain: name the real servers to drain/);
    const d = await lvsPlay(['drain', 'inventory/example.json', 'lvs-dr'], { LVS_PLAY_DRAINS_DIR: '/nonexistent-lvsp-drains' });
    assert.equal(d.code, 1);
    assert.match(d.stderr, /not a real server of cluster seed: lvs-dr\nhint: real servers: lvs01, lvs02/);
  });

  it('documents the plan, the handover and the record in --help', async () => {
    const r = await lvsPlay(['rollout', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--check .*print the plan/);
    assert.match(r.stdout, /\/var\/lib\/lvs-play\/drains\/CLUSTER\.json/);
    assert.match((await lvsPlay(['deploy', '--help'])).stdout, /--rolling/);
  });
});
