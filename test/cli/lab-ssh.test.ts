// `lvs-play lab ssh`: its arguments and its refusals, with no lab needed
// (the lab round trip is in test/lab/lab-ssh.test.ts).

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labShellArgs } from '../../lib/lab/shell.js';
import { lvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';

describe('lvs-play lab ssh', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-lab-ssh-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('connects as a deploy does: the lab key and known_hosts, strict host keys, no user config; a terminal only for a shell', () => {
    const shell = labShellArgs('198.18.0.30', [], true);
    assert.equal(shell[0], '-t');
    for (const want of ['-F', '/dev/null', 'StrictHostKeyChecking=yes', 'IdentityAgent=none', 'root@198.18.0.30'])
      assert.ok(shell.includes(want), want);
    assert.deepEqual(labShellArgs('198.18.0.30', ['ip', '-br', 'addr'], true).slice(-4), ['--', 'ip', '-br', 'addr']);
    assert.ok(!labShellArgs('198.18.0.30', [], false).includes('-t'), 'no terminal asked for when stdin is not one');
  });

  it('refuses a host that is not routed through the lab bridge before ssh runs, naming the address', async () => {
    // the client moved to an address of the lab range that no lab network carries
    const file = writeLabVariant(dir, 'far.json', (inv) => {
      inv.hosts.find((h) => h.name === 'client')!.address = '198.19.254.254';
    });
    const r = await lvsPlay(['lab', 'ssh', 'client', file, '--', 'true']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^error: lab is not up: run lvs-play lab up \(198\.19\.254\.254: .*not the lab's lvsp-br0\)/m);
  });

  it('names the lab hosts for an unknown one, and asks for a host when none is given', async () => {
    const unknown = await lvsPlay(['lab', 'ssh', 'nosuch', 'inventory/lab.json']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /lab ssh: no host "nosuch" in .*lab\.json\nhint: lab hosts: lvs-dr, lvs-dr2, lvs01, lvs02, client/);
    const none = await lvsPlay(['lab', 'ssh']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /lab ssh: which host\?/);
  });

  it('takes a command after -- only for ssh', async () => {
    const r = await lvsPlay(['lab', 'status', '--', 'true']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /only lab ssh takes a command after --/);
  });
});
