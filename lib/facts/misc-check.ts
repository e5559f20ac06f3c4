// A MISC_CHECK's command run as keepalived runs it on a director: as root,
// bounded by its misc_timeout. Up when it exits 0; with misc_dynamic, exit 1
// is down and 2-255 is up at weight (code - 2), so weight 0 (exit 2) is a
// server the check keeps out. The command was checked by the schema (an
// absolute path and plain words, no shell characters); each word is quoted
// anyway.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface MiscCheckResult {
  code: number;
  output: string; // its last line, for the message
}

export function miscCheckFact(command: string, timeoutSeconds: number): Fact<MiscCheckResult> {
  const words = command.split(' ').map(quote).join(' ');
  return {
    id: `misc-check:${timeoutSeconds}:${command}`,
    // the output is kept in a variable so the exit code is the command's, not tail's
    command: `out=$(timeout ${timeoutSeconds} ${words} </dev/null 2>&1); rc=$?; printf '%s\\n' "$out" | tail -n 1; exit $rc`,
    parse: ({ stdout, code }) => ({ code, output: stdout.trim() }),
  };
}

/** Whether keepalived would keep the server in at a weight above 0, or why not. */
export function miscCheckVerdict(result: MiscCheckResult, dynamic: boolean): string | null {
  const said = result.output ? ` ("${result.output}")` : '';
  if (result.code === 0) return null;
  if (result.code === 124) return `timed out${said}`;
  if (dynamic && result.code >= 2 && result.code <= 255) return result.code === 2 ? `exit 2: weight 0${said}` : null;
  return `exit ${result.code}${said}`;
}
