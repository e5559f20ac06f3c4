// `lvs-play verify` through the built binary where no host answers: usage,
// refused arguments, and hosts that cannot be reached. The hosts' addresses
// are lab addresses with no route through the lab bridge, so the transport
// refuses them before sending anything.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyReport } from '../../lib/verify/types.js';
import { lvsPlay } from '../support/cli.js';
import { writeUnreachableInventory } from '../support/clusters.js';

describe('cli: verify', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-verify-cli-'));
    file = writeUnreachableInventory(dir);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints its usage with the exit codes', async () => {
    const r = await lvsPlay(['verify', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: lvs-play verify INVENTORY \[--json\] \[--probe-from HOST\]/);
    assert.match(r.stdout, /Exit codes:\n {2}0 {2}every check passed/);
    assert.match((await lvsPlay(['--help'])).stdout, /^ {2}verify +check the running cluster/m);
  });

  it('refuses a missing inventory, an unknown probe host and an unknown --limit, naming the valid ones', async () => {
    const none = await lvsPlay(['verify']);
    assert.deepEqual([none.code, none.stderr.split('\n')[0]], [1, 'error: missing INVENTORY']);
    const probe = await lvsPlay(['verify', file, '--probe-from', 'nobody']);
    assert.equal(probe.code, 1);
    assert.match(
      probe.stderr,
      /--probe-from: "nobody" is not a host of cluster nowhere\nhint: hosts: lvs-dr, lvs-dr2, lvs01, lvs02, client/,
    );
    const limit = await lvsPlay(['verify', file, '--limit', 'nobody']);
    assert.equal(limit.code, 1);
    assert.match(limit.stderr, /--limit: "nobody" is neither a host nor a group/);
  });

  it('hosts that cannot be reached: exit 1, each named with the reason, VIP placement not checkable, no secret printed', async () => {
    const r = await lvsPlay(['verify', file, '--json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as VerifyReport;
    const hosts = report.checks.filter((c) => c.check === 'host');
    assert.deepEqual(
      hosts.map((c) => `${c.target} ${c.status}`),
      ['lvs-dr fail', 'lvs-dr2 fail', 'lvs01 fail', 'lvs02 fail'],
    );
    assert.ok(
      hosts.every((c) => c.detail.startsWith('could not be read: ')),
      JSON.stringify(hosts),
    );
    assert.deepEqual(
      report.checks.filter((c) => c.check === 'vip').map((c) => c.status),
      ['not-checkable', 'not-checkable'],
    );
    assert.doesNotMatch(r.stdout + r.stderr, /pw123456/);
    const table = await lvsPlay(['verify', file, '--limit', 'lvs01']);
    assert.equal(table.code, 1);
    assert.match(table.stdout, /^host\s+lvs01\s+fail\s+could not be read: /m);
    assert.match(
      table.stdout,
      /^nowhere: 0 pass, 0 degraded, 1 fail, 0 not checkable: exit 1, something is down or could not be checked$/m,
    );
  });

  it('colours its statuses on a terminal, and not with --no-color or NO_COLOR=1', async () => {
    const bin = new URL('../../dist/lib/cli/main.js', import.meta.url).pathname;
    // script(1) runs the command on a pseudo-terminal: stdout is a TTY, as in a user's shell
    const onTerminal = (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = spawnSync('script', ['-qec', [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', ...env },
      });
      return r.stdout;
    };
    const coloured = onTerminal(['verify', file, '--limit', 'lvs01']);
    assert.match(coloured, /^host\s+lvs01\s+\x1b\[31mfail/m);
    for (const plain of [
      onTerminal(['verify', file, '--limit', 'lvs01', '--no-color']),
      onTerminal(['--no-color', 'verify', file, '--limit', 'lvs01']),
      onTerminal(['verify', file, '--limit', 'lvs01'], { NO_COLOR: '1' }),
    ]) {
      assert.match(plain, /^host\s+lvs01\s+fail\s+could not be read: /m);
      assert.doesNotMatch(plain, /\x1b\[/);
    }
  });
});
