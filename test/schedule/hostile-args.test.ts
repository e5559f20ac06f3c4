// `lvs-play schedule` given hostile arguments (issue 12, item 6): lvs-play's
// own one-line error, exit 1, no stack, promptly; nothing written.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { parseEvery } from '../../lib/schedule/interval.js';
import { type CliResult, lvsPlay, repoRoot, runProcess } from '../support/cli.js';

const inventory = new URL('../../inventory/lab.json', import.meta.url).pathname;
const bin = `${repoRoot}dist/lib/cli/main.js`;

/** The binary as the kernel runs it from npm's bin link: the interpreter and argument of its #! line, then the script. */
function viaShebang(args: string[]): Promise<CliResult> {
  const shebang = readFileSync(bin, 'utf8').split('\n')[0]!;
  const m = /^#!(\S+)(?: (.*))?$/.exec(shebang);
  assert.ok(m, shebang);
  const argv = [m[1]!, ...(m[2] === undefined ? [] : [m[2]]), bin, ...args]; // Linux passes the rest of the line as one argument
  return runProcess(argv, { env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` } });
}

function refused(r: CliResult, ...lines: string[]): void {
  assert.equal(r.code, 1, `exit code; stderr:\n${r.stderr}`);
  assert.equal(r.stderr, `${lines.join('\n')}\n`);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
}

describe('schedule: hostile arguments', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-schedule-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--env-file MISSING is lvs-play\'s error, not node\'s exit 9 (node reads --env-file anywhere unless "--" ends its options)', async () => {
    const missing = join(dir, 'MISSING');
    const units = join(dir, 'units');
    refused(
      await viaShebang(['schedule', inventory, '--every', '15m', '--env-file', missing, '--unit-dir', units]),
      `error: --env-file ${missing} does not exist`,
      'hint: create it (mode 0600) with the variables the check reads, one NAME=value per line, e.g. the passwordEnv variable',
    );
    refused(
      await viaShebang(['schedule', inventory, '--every', '15m', '--env-file', dir, '--dry-run']),
      `error: --env-file ${dir} is not a regular file`,
      'hint: give a file of NAME=value lines (mode 0600)',
    );
    assert.ok(!existsSync(units));
  });

  it('--every with a unit named after an Object.prototype member is an unknown unit, not NaN seconds', () => {
    assert.throws(
      () => parseEvery('5constructor'),
      (e: UserError) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.message, '--every "5constructor": unknown unit "constructor"');
        return true;
      },
    );
  });

  it('--keep takes digits in range only; run --limit must name something; status of a FIFO returns at once', async () => {
    refused(
      await lvsPlay(['schedule', inventory, '--every', '1h', '--keep', '1e3', '--dry-run']),
      'error: --keep must be a whole number from 1 to 10000, got "1e3"',
    );
    refused(
      await lvsPlay(['schedule', 'run', inventory, '--keep', '0', '--state-dir', join(dir, 'never')]),
      'error: --keep must be a whole number from 1 to 10000, got "0"',
    );
    refused(
      await lvsPlay(['schedule', 'run', inventory, '--limit', ',', '--state-dir', join(dir, 'never')]),
      'error: --limit "," names no host or group',
      'hint: give host or group names separated by commas, e.g. --limit directors or --limit lvs01,lvs02; leave --limit out for every host',
    );
    assert.ok(!existsSync(join(dir, 'never')));
    const fifo = join(dir, 'lab.json');
    execFileSync('mkfifo', [fifo]);
    try {
      refused(
        await lvsPlay(['schedule', 'status', fifo, '--unit-dir', join(dir, 'units')]),
        `error: cannot read inventory ${fifo}: it is a FIFO (named pipe), not a regular file`,
        'hint: or name the units with --name',
      );
    } finally {
      rmSync(fifo, { force: true });
    }
  });
});
