import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchFacts } from '../../lib/facts/batch.js';
import { fileFact, splitFiles } from '../../lib/facts/file.js';

// The batch script is run by a real /bin/sh here, as it is on a host.
const runLocally = (script: string) => execFileSync('/bin/sh', ['-s'], { input: script }).toString();
const readAll = (paths: string[]) => {
  const batch = batchFacts(paths.map(fileFact));
  const values = batch.parse(runLocally(batch.script));
  return paths.map((p) => values.get(fileFact(p)));
};
/** How many times the script runs `stat`, counted by a stat on PATH that logs and runs the real one. */
const statRuns = (dir: string, script: string): number => {
  const bin = join(dir, 'bin');
  const log = join(dir, 'stat-runs');
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, '');
  writeFileSync(join(bin, 'stat'), `#!/bin/sh\necho run >> '${log}'\nexec /usr/bin/stat "$@"\n`, { mode: 0o755 });
  execFileSync('/bin/sh', ['-s'], { input: script, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return readFileSync(log, 'utf8').split('\n').length - 1;
};
/** The answer's one frame, as the batch cuts it. */
const onlyFrame = (answer: string) => answer.slice(answer.indexOf(' begin\n') + 7, answer.lastIndexOf('\n', answer.indexOf(' 0 end ')));

describe("facts/file: a host's files read together", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-files-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every kind of path as each read alone does: files, empty files, absent paths, symlinks, directories, quotes', () => {
    writeFileSync(join(dir, 'a.conf'), 'line one\nno newline at end');
    chmodSync(join(dir, 'a.conf'), 0o640);
    writeFileSync(join(dir, 'empty'), '');
    writeFileSync(join(dir, "it's here"), 'quoted\n');
    symlinkSync(join(dir, 'a.conf'), join(dir, 'link'));
    mkdirSync(join(dir, 'sub'));
    // an empty file last: its empty base64 line must not be lost
    const paths = ['a.conf', 'absent', 'link', 'sub', "it's here", 'empty'].map((p) => join(dir, p));
    const together = readAll(paths);
    assert.deepEqual(
      together,
      paths.map((p) => readAll([p])[0]),
    );
    assert.deepEqual(
      together.map((f) => [f.exists, f.content, f.mode.toString(8)]),
      [
        [true, 'line one\nno newline at end', '640'],
        [false, '', '0'],
        [true, 'line one\nno newline at end', '777'], // the link's own mode, the target's bytes: a link is never in sync
        [false, '', '0'],
        [true, 'quoted\n', '644'],
        [true, '', '644'],
      ],
    );
  });

  it('reads all the files with one stat, where alone each file takes its own', () => {
    const paths = ['a', 'b', 'c', 'd'].map((p) => join(dir, p));
    for (const p of paths) writeFileSync(p, p);
    assert.equal(statRuns(dir, batchFacts(paths.map(fileFact)).script), 1);
    assert.equal(
      paths.map((p) => statRuns(dir, batchFacts([fileFact(p)]).script)).reduce((a, b) => a + b),
      4,
    );
  });

  it('when one file cannot be read, reads each alone and names that file; the others are still read', () => {
    writeFileSync(join(dir, 'readable'), 'ok\n');
    // a regular file to `test -f` and `stat` whose read fails (EIO at offset 0), even for root
    const unreadable = '/proc/self/mem';
    const paths = [join(dir, 'readable'), unreadable, join(dir, 'absent')];
    const batch = batchFacts(paths.map(fileFact));
    const answer = runLocally(batch.script);
    assert.match(answer, /\neach\n/, 'the shared read failed and fell back to each file alone');
    assert.throws(() => batch.parse(answer), /cannot read \/proc\/self\/mem \(exit 1\)/);
    const parts = splitFiles(onlyFrame(answer), paths);
    assert.deepEqual(parts, [`644 root root\n${Buffer.from('ok\n').toString('base64')}`, 'unreadable 1', 'absent\n']);
  });

  it('an answer that does not fit the files asked is not split (the run stops with an error, never a wrong file)', () => {
    const two = ['/a', '/b'];
    assert.deepEqual(splitFiles('10\n644 root root\nb2s=\n.\n', two), ['644 root root\nb2s=', 'absent']);
    for (const bad of [
      '10\n644 root root\nb2s=\n', // no closing line: cut short
      '11\n644 root root\nb2s=\n.\n', // two files said present, one answered
      '1\n644 root root\nb2s=\n.\n', // one flag for two files
      'each\n644 root root\nb2s=\nend 0\n', // one of two answered alone
      '',
    ])
      assert.equal(splitFiles(bad, two), null, JSON.stringify(bad));
  });
});
