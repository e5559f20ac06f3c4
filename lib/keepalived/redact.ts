// keepalived.conf redacted by its structure, not by the password's value:
// whatever follows the keyword `auth_pass` on its line becomes <redacted>,
// and nothing else is touched. Replacing the value wherever it appears would
// also hit addresses, priorities and line numbers that happen to contain a
// short password ("1", "11"), which both breaks the text and shows the
// password (one sees where it matched).
//
// Used on every keepalived.conf text (rendered or read from a host), on any
// line quoted from one, and as the general redaction of reports and errors:
// it changes nothing in text that holds no `auth_pass`.

import { REDACTED } from '../secret.js';
import type { KaNode } from './node.js';

/** What file diffs show for a host's auth_pass that differs from the rendered one. */
export const REDACTED_DIFFERS = '<redacted: differs>';

/**
 * `auth_pass` in any case, as a word of its own, then blanks on the same line,
 * then its value: a quoted string (to its closing quote, or to the end of the
 * line when there is none) or a run of anything but blanks, braces and
 * quotes (passwords lvs-play accepts have none: see lib/inventory/password.ts;
 * a hand-edited one that does loses more than its value, never less).
 * A value that is already one of our markers is left as it is.
 */
const AUTH_PASS = /(?<![A-Za-z0-9_])(auth_pass)([ \t]+)(<redacted(?:: differs)?>|"[^"\n]*"?|[^ \t\r\n\f\v{}"]+)/gi;

const isMarker = (value: string) => value === REDACTED || value === REDACTED_DIFFERS;
const unquote = (value: string) => value.replace(/^"|"$/g, '');

/**
 * The text with every auth_pass value replaced by <redacted>, the rest byte
 * for byte. `marker` may choose another marker from the (unquoted) value it
 * replaces: file diffs say which values differ from the rendered ones.
 */
export function redactKeepalivedText(text: string, marker: (value: string) => string = () => REDACTED): string {
  return text.replace(AUTH_PASS, (whole, keyword: string, blanks: string, value: string) =>
    isMarker(value) ? whole : `${keyword}${blanks}${marker(unquote(value))}`,
  );
}

/** The auth_pass values of a keepalived.conf text, unquoted: the secrets a file carries. */
export function authPassValues(text: string): string[] {
  return [...text.matchAll(AUTH_PASS)].map((m) => unquote(m[3]!)).filter((v) => v !== '' && !isMarker(v));
}

const isAuthPass = (word: string) => word.toLowerCase() === 'auth_pass';

/**
 * A parsed node with the word after every auth_pass replaced, its children's
 * too: for printing a node, never for comparing. auth_pass may be a node's
 * keyword or one of its values (a one-line block `{ auth_type PASS auth_pass x }`
 * parses as one node); like keepalived, the first word after it is the value.
 */
export function redactNode(node: KaNode): KaNode {
  const words = [node.keyword, ...node.values];
  const values = node.values.map((v, i) => (isAuthPass(words[i]!) ? REDACTED : v));
  return node.children ? { keyword: node.keyword, values, children: node.children.map(redactNode) } : { keyword: node.keyword, values };
}
