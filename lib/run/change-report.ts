// A change as the report shows it: its summary and, with --diff, a unified
// diff in which secrets are redacted.

import { createRequire } from 'node:module';
import type * as DiffLibrary from 'diff';
import type { Change } from '../tasks/task.js';
import type { ChangeReport } from './report.js';

// The diff library (about 20 modules, 12-18 ms to load) is loaded when the first diff is shown: every run loads this
// module, and a run without --diff, or with nothing changed, never needs it.
let diffLibrary: typeof DiffLibrary | undefined;
const loadDiffLibrary = (): typeof DiffLibrary => (diffLibrary ??= createRequire(import.meta.url)('diff') as typeof DiffLibrary);

export function changeReport(change: Change, withDiff: boolean, redact: (s: string) => string): ChangeReport {
  if (!withDiff || !change.diff) return { summary: change.summary };
  const { label, before, after, secret } = change.diff;
  const clean = (s: string) => (secret ? redact(s) : s);
  const from = before === null ? '/dev/null' : `a${label}`;
  const patch = loadDiffLibrary().createTwoFilesPatch(from, `b${label}`, clean(before ?? ''), clean(after), '', '', { context: 3 });
  // drop the "====" header line createTwoFilesPatch starts with
  return { summary: change.summary, diff: redact(patch.split('\n').slice(1).join('\n')) };
}
