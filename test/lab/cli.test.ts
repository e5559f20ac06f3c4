// `lvs-play lab` as a user runs it (the built binary): status of a running
// lab, and the refusals that happen before anything is touched.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { ipvsSupport } from '../../lib/lab/ipvs.js';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { assertDocument } from '../support/json-documents.js';
import { useLab } from '../support/lab.js';

describe('lvs-play lab (binary)', () => {
  describe('with the lab up', () => {
    const lab = useLab();

    it('lab status lists every host running, reachable and booted, with the IP_VS line, and exits 0', async () => {
      const r = await lvsPlay(['lab', 'status']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      for (const h of lab.hosts) {
        assert.match(
          r.stdout,
          new RegExp(`^${h.name}\\s+${h.address.replace(/\./g, '\\.')}\\s+running \\(pid ${h.pid}\\)\\s+ssh ok\\s+(running|degraded)`, 'm'),
        );
      }
      assert.ok(r.stdout.includes(ipvsSupport().line), r.stdout);
      if (!ipvsSupport().available)
        assert.match(r.stdout, /^IP_VS: absent \(kernel \S+ has no ip_vs; keepalived runs VRRP-only in the lab\)$/m);
      assert.match(r.stdout, /^lab is up$/m);
    });

    it('lab status --json gives the same as data', async () => {
      const r = await lvsPlay(['lab', 'status', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const s = assertDocument('lab-status', JSON.parse(r.stdout));
      assert.equal(s.up, true);
      assert.deepEqual(
        s.hosts.map((h: { name: string; ssh: boolean }) => [h.name, h.ssh]),
        lab.hosts.map((h) => [h.name, true]),
      );
      assert.equal(s.bridge.address, '198.18.0.1/24');
    });
  });

  it('lab up refuses an inventory whose hosts are outside 198.18.0.0/15, before touching anything', async () => {
    const r = await lvsPlay(['lab', 'up', 'inventory/example.json']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /host lvs-dr has address 192\.168\.122\.30, outside the lab range 198\.18\.0\.0\/15/);
  });

  it('lab without an action, or with an unknown one, exits 1 and says how to call it', async () => {
    for (const args of [['lab'], ['lab', 'sideways']]) {
      const r = await lvsPlay(args);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /lvs-play lab up\|status\|down/);
    }
  });

  it('lab up as a user other than root says it needs root and exits 1', () => {
    const r = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, `${repoRoot}dist/lib/cli/main.js`, 'lab', 'up'],
      { encoding: 'utf8', cwd: '/' },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the lab needs root/);
  });
});
