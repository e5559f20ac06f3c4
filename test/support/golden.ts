// Golden files: compare rendered text with files kept in the repository.
//
// A test passes only when every golden file it names already holds exactly
// what the code renders now. To accept an intended change:
//
//   UPDATE_GOLDEN=1 npx mocha --no-config --import=tsx test/.../x.test.ts
//
// rewrites the files that differ (or are missing) and FAILS each test that
// rewrote one, naming the files: a run that rewrote a golden file proves
// nothing about it. Review the change with git diff, then run again without
// UPDATE_GOLDEN; only that run can pass. Files already equal are left alone
// and their tests pass.
//
// Under CI (the CI variable set, as CI runners and .ci/run's environment do)
// UPDATE_GOLDEN is refused outright: every golden test fails, naming its
// files, and nothing is written.

import { AssertionError } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface GoldenFile {
  file: string;
  actual: string;
}

export interface GoldenOptions {
  /** the environment to read UPDATE_GOLDEN and CI from (tests of this helper pass their own) */
  env?: NodeJS.ProcessEnv;
}

/** A variable counts as set unless it is empty, "0" or "false". */
function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** A path as a message shows it: relative to the repository when inside it. */
export function shownPath(file: string): string {
  const rel = relative(repoRoot, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function readOrNull(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function patch(file: string, expected: string | null, actual: string): string {
  // without the "====" line createTwoFilesPatch starts with
  return createTwoFilesPatch(expected === null ? '/dev/null' : `golden ${file}`, `rendered now (${file})`, expected ?? '', actual, '', '', {
    context: 3,
  })
    .split('\n')
    .slice(1)
    .join('\n');
}

function fail(message: string): never {
  // no actual/expected: the message carries the diff, so mocha does not print a second one
  throw new AssertionError({ message });
}

/** Compares each rendered text with its golden file; see the top of this file for UPDATE_GOLDEN and CI. */
export function compareGoldenFiles(files: GoldenFile[], options: GoldenOptions = {}): void {
  const env = options.env ?? process.env;
  if (files.length === 0) fail('compareGoldenFiles: no golden file given (a golden test must compare something)');
  const update = isSet(env.UPDATE_GOLDEN);
  const names = files.map((f) => shownPath(f.file));

  if (update && isSet(env.CI)) {
    fail(
      `UPDATE_GOLDEN=${env.UPDATE_GOLDEN} is refused under CI (CI=${env.CI}): a CI run compares golden files and never rewrites them; ` +
        `nothing written (${names.join(', ')}). Regenerate them on a development machine and commit the reviewed diff.`,
    );
  }

  const differing = files
    .map((f) => ({ ...f, name: shownPath(f.file), expected: readOrNull(f.file) }))
    .filter((f) => f.expected !== f.actual);
  if (differing.length === 0) return;

  if (update) {
    for (const f of differing) {
      mkdirSync(dirname(f.file), { recursive: true });
      writeFileSync(f.file, f.actual);
    }
    const rewritten = differing.map((f) => f.name);
    fail(
      `rewrote ${rewritten.join(', ')}: review the change with git diff -- ${rewritten.join(' ')} and run again without UPDATE_GOLDEN\n` +
        differing.map((f) => patch(f.name, f.expected, f.actual)).join('\n'),
    );
  }

  fail(
    differing
      .map((f) =>
        f.expected === null
          ? `missing golden file ${f.name} (UPDATE_GOLDEN=1 writes it; review it before committing)`
          : `${f.name} differs from what is rendered now (after an intended change: UPDATE_GOLDEN=1, then review the diff):\n${patch(f.name, f.expected, f.actual)}`,
      )
      .join('\n'),
  );
}

/** One golden file. */
export function compareGolden(file: string, actual: string, options: GoldenOptions = {}): void {
  compareGoldenFiles([{ file, actual }], options);
}
