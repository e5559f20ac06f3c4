// The golden-file helper itself, on files in a temporary directory: a golden
// test passes only when the file already holds what is rendered; UPDATE_GOLDEN
// rewrites and still fails (a rewritten file proves nothing); under CI it is
// refused and writes nothing. Each case passes its own environment, so the
// variables of the shell running the suite change nothing here.

import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareGolden, compareGoldenFiles, shownPath } from './golden.js';

describe('golden files (test/support/golden.ts)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-golden-'));
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const plain: NodeJS.ProcessEnv = {};
  const updating: NodeJS.ProcessEnv = { UPDATE_GOLDEN: '1' };
  const golden = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  /** the AssertionError's message, or a failure if nothing was thrown */
  const failure = (fn: () => void): string => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof assert.AssertionError, `an AssertionError, got ${String(err)}`);
      return err.message;
    }
    assert.fail('expected the comparison to fail');
  };

  it('passes matching content and leaves the file alone, also with UPDATE_GOLDEN', () => {
    const f = golden('a.conf', 'line 1\nline 2\n');
    const before = statSync(f).mtimeMs;
    compareGolden(f, 'line 1\nline 2\n', { env: plain });
    compareGolden(f, 'line 1\nline 2\n', { env: updating });
    assert.equal(readFileSync(f, 'utf8'), 'line 1\nline 2\n');
    assert.equal(statSync(f).mtimeMs, before);
  });

  it('fails on differing content with a unified diff naming the file, and writes nothing', () => {
    const f = golden('b.conf', 'keep\nold value\nkeep\n');
    const message = failure(() => compareGolden(f, 'keep\nnew value\nkeep\n', { env: plain }));
    assert.match(message, new RegExp(`^${escapeRegExp(f)} differs from what is rendered now`));
    assert.match(message, /^-old value$/m);
    assert.match(message, /^\+new value$/m);
    assert.match(message, /^ keep$/m);
    assert.equal(readFileSync(f, 'utf8'), 'keep\nold value\nkeep\n');
  });

  it('tells a missing newline at the end from none missing', () => {
    const f = golden('c.conf', 'x\n');
    assert.match(
      failure(() => compareGolden(f, 'x', { env: plain })),
      /No newline at end of file/,
    );
  });

  it('fails on a missing golden file without creating it', () => {
    const f = join(dir, 'sub', 'missing.conf');
    assert.match(
      failure(() => compareGolden(f, 'x\n', { env: plain })),
      /^missing golden file .*sub\/missing\.conf \(UPDATE_GOLDEN=1 writes it/,
    );
    assert.equal(existsSync(f), false);
  });

  it('with UPDATE_GOLDEN: rewrites what differs, creates what is missing, and FAILS naming each file rewritten', () => {
    const same = golden('same.conf', 'same\n');
    const changed = golden('changed.conf', 'old\n');
    const created = join(dir, 'new', 'dir', 'created.conf');
    const message = failure(() =>
      compareGoldenFiles(
        [
          { file: same, actual: 'same\n' },
          { file: changed, actual: 'new\n' },
          { file: created, actual: 'fresh\n' },
        ],
        { env: updating },
      ),
    );
    assert.match(
      message,
      new RegExp(
        `^rewrote ${escapeRegExp(changed)}, ${escapeRegExp(created)}: review the change with git diff -- ${escapeRegExp(changed)} ${escapeRegExp(created)} and run again without UPDATE_GOLDEN\n`,
      ),
    );
    assert.doesNotMatch(message.split('\n')[0]!, /same\.conf/, 'an equal file is not rewritten');
    assert.match(message, /^-old$/m);
    assert.match(message, /^\+fresh$/m);
    assert.equal(readFileSync(changed, 'utf8'), 'new\n');
    assert.equal(readFileSync(created, 'utf8'), 'fresh\n');
    // the next run, without UPDATE_GOLDEN, compares the reviewed files and passes
    compareGoldenFiles(
      [
        { file: same, actual: 'same\n' },
        { file: changed, actual: 'new\n' },
        { file: created, actual: 'fresh\n' },
      ],
      { env: plain },
    );
  });

  it('under CI refuses UPDATE_GOLDEN outright, naming the files, and writes nothing, even for a missing file', () => {
    const changed = golden('ci.conf', 'old\n');
    const missing = join(dir, 'ci-missing.conf');
    const message = failure(() =>
      compareGoldenFiles(
        [
          { file: changed, actual: 'new\n' },
          { file: missing, actual: 'x\n' },
        ],
        { env: { UPDATE_GOLDEN: '1', CI: 'true' } },
      ),
    );
    assert.match(message, /^UPDATE_GOLDEN=1 is refused under CI \(CI=true\)/);
    assert.ok(message.includes(`nothing written (${changed}, ${missing})`), message);
    assert.equal(readFileSync(changed, 'utf8'), 'old\n');
    assert.equal(existsSync(missing), false);
    // refused even when nothing would change: the run itself is wrong
    const same = golden('ci-same.conf', 'same\n');
    assert.match(
      failure(() => compareGolden(same, 'same\n', { env: { UPDATE_GOLDEN: '1', CI: '1' } })),
      /refused under CI/,
    );
  });

  it('CI alone compares as usual; UPDATE_GOLDEN=0 or empty is not an update', () => {
    const f = golden('d.conf', 'a\n');
    compareGolden(f, 'a\n', { env: { CI: 'true' } });
    assert.match(
      failure(() => compareGolden(f, 'b\n', { env: { CI: 'true' } })),
      /differs/,
    );
    for (const UPDATE_GOLDEN of ['0', '', 'false']) {
      assert.match(
        failure(() => compareGolden(f, 'b\n', { env: { UPDATE_GOLDEN } })),
        /differs/,
        `UPDATE_GOLDEN=${UPDATE_GOLDEN}`,
      );
      assert.equal(readFileSync(f, 'utf8'), 'a\n');
    }
  });

  it('refuses a comparison of nothing', () => {
    assert.match(
      failure(() => compareGoldenFiles([], { env: plain })),
      /no golden file given/,
    );
  });

  it('names files inside the repository by their repository path', () => {
    assert.equal(
      shownPath(new URL('../fixtures/rollout/advert-int.txt', import.meta.url).pathname),
      'test/fixtures/rollout/advert-int.txt',
    );
    assert.equal(shownPath('/tmp/x/y.conf'), '/tmp/x/y.conf');
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
