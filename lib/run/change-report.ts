// A change as the report shows it: its summary and, with --diff, a unified
// diff in which secrets are redacted.

import { createTwoFilesPatch } from 'diff';
import type { Change } from '../tasks/task.js';
import type { ChangeReport } from './report.js';

export function changeReport(change: Change, withDiff: boolean, redact: (s: string) => string): ChangeReport {
  if (!withDiff || !change.diff) return { summary: change.summary };
  const { label, before, after, secret } = change.diff;
  const clean = (s: string) => (secret ? redact(s) : s);
  const patch = createTwoFilesPatch(before === null ? '/dev/null' : `a${label}`, `b${label}`, clean(before ?? ''), clean(after), '', '', {
    context: 3,
  });
  // drop the "====" header line createTwoFilesPatch starts with
  return { summary: change.summary, diff: redact(patch.split('\n').slice(1).join('\n')) };
}
