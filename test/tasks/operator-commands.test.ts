// The operator's commands keepalived runs (track scripts, MISC_CHECK): a
// missing one is said as a note of the keepalived task, naming the command,
// what keepalived disables and the fix (keepalived itself says so only in
// its log). The fact is run by a real shell here.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executablesFact } from '../../lib/facts/executables.js';
import { FactValues } from '../../lib/facts/fact.js';
import { parseOsRelease } from '../../lib/facts/os-release.js';
import { operatorCommands } from '../../lib/render/operator-commands.js';
import { keepalivedTask } from '../../lib/tasks/keepalived.js';
import { clusterOf } from '../support/clusters.js';
import { absentFile, missingService } from '../support/task-facts.js';

const cluster = clusterOf('lab', (inv) => {
  inv.vrrp = {
    ...inv.vrrp,
    trackScripts: [
      { name: 'gateway', command: '/usr/bin/lvsp-no-such-ping -c 1 198.18.0.1' },
      { name: 'local', command: '/bin/sh -n /dev/null' },
    ],
  };
  inv.vips[0]!.services[0]!.healthCheck = { type: 'MISC_CHECK', command: '/usr/local/bin/lvsp-no-such-check --quick' };
});
const dr = { cluster, host: cluster.hosts.find((h) => h.name === 'lvs-dr')! };

describe("tasks/keepalived: the operator's commands on the director", () => {
  it('lists each command with what it is for', () => {
    assert.deepEqual(
      operatorCommands(cluster).map((c) => [c.executable, c.purpose]),
      [
        ['/usr/bin/lvsp-no-such-ping', 'the track script "gateway"'],
        ['/bin/sh', 'the track script "local"'],
        ['/usr/local/bin/lvsp-no-such-check', 'the MISC_CHECK of lvs01 in TCP 198.18.0.100:80'],
        ['/usr/local/bin/lvsp-no-such-check', 'the MISC_CHECK of lvs02 in TCP 198.18.0.100:80'],
      ],
    );
  });

  it('reads which exist with one command per path (run here by /bin/sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-executables-'));
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, 'x\n', { mode: 0o644 });
    try {
      const fact = executablesFact(['/bin/sh', '/usr/bin/lvsp-no-such-ping', plain, dir]);
      const r = spawnSync('/bin/sh', ['-c', fact.command], { encoding: 'utf8' });
      assert.deepEqual(fact.parse({ stdout: r.stdout, code: r.status ?? -1 }), {
        '/bin/sh': true,
        '/usr/bin/lvsp-no-such-ping': false,
        [plain]: false,
        [dir]: false,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notes every missing one, once per purpose, and changes nothing because of it', () => {
    const values = new FactValues();
    for (const fact of keepalivedTask.facts(dr)) {
      const kind = fact.id.split(':')[0];
      if (fact.id === 'os-release')
        values.set(fact.id, parseOsRelease(readFileSync(new URL('../fixtures/facts/os-release/debian-12.txt', import.meta.url), 'utf8')));
      else if (kind === 'file') values.set(fact.id, absentFile(fact.id.slice(5)));
      else if (kind === 'service') values.set(fact.id, missingService(fact.id.slice(8)));
      else if (kind === 'executables')
        values.set(fact.id, { '/bin/sh': true, '/usr/bin/lvsp-no-such-ping': false, '/usr/local/bin/lvsp-no-such-check': false });
      else throw new Error(`no value for ${fact.id}`);
    }
    const diff = keepalivedTask.diff(dr, values);
    assert.deepEqual(
      diff.notes.map((n) => n.message),
      [
        '/usr/bin/lvsp-no-such-ping is not an executable on this director, so keepalived disables the track script "gateway" until it is: install it (e.g. in packages.directors) or fix the command',
        '/usr/local/bin/lvsp-no-such-check is not an executable on this director, so keepalived disables the MISC_CHECK of lvs01 in TCP 198.18.0.100:80 until it is: install it (e.g. in packages.directors) or fix the command',
        '/usr/local/bin/lvsp-no-such-check is not an executable on this director, so keepalived disables the MISC_CHECK of lvs02 in TCP 198.18.0.100:80 until it is: install it (e.g. in packages.directors) or fix the command',
      ],
    );
    assert.ok(!diff.changes.some((c) => /lvsp-no-such/.test(c.summary)));
  });

  it('asks nothing of a cluster without operator commands (the seed)', () => {
    const seed = clusterOf('lab');
    assert.ok(!keepalivedTask.facts({ cluster: seed, host: seed.hosts[0]! }).some((f) => f.id.startsWith('executables:')));
  });
});
