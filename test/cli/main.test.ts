import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../../dist/lib/cli/main.js', import.meta.url).pathname;

describe('lvs-play binary', () => {
  it('prints help listing the commands and exits 0', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    assert.match(stdout, /Usage: lvs-play COMMAND/);
    assert.match(stdout, /Exit codes: 0/);
  });

  it('rejects an unknown command with exit 1', async () => {
    await assert.rejects(run(process.execPath, [bin, 'frobnicate']), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /unknown command "frobnicate"/);
      return true;
    });
  });
});

describe('lvs-play binary: argument errors', () => {
  it('names an unknown option and points at --help, without a stack', async () => {
    await assert.rejects(run(process.execPath, [bin, 'check', 'inventory/lab.json', '--frobnicate']), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /^error: check: Unknown option '--frobnicate'/);
      assert.match(e.stderr, /hint: lvs-play check --help/);
      assert.doesNotMatch(e.stderr, /internal error|at .*\.js/);
      return true;
    });
  });
});
