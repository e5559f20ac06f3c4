// A file's bytes, mode and owner, or its absence. Content travels base64 so
// the comparison with the rendered file is byte-exact.
//
// A host's files are read together (ReadTogether, batch.ts): one `stat` for
// all of them instead of one per file, then a `base64` per file: N files
// take N + 1 processes instead of 2N, each about 1.5 ms on a lab host
// (docs/benchmarks.md).

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface FileState {
  path: string;
  exists: boolean;
  content: string; // '' when absent
  mode: number; // e.g. 0o644; 0 when absent
  owner: string;
  group: string;
}

/** One file alone: "absent", or its "MODE OWNER GROUP" line and its base64 (no newline after it). */
function readOne(p: string): string {
  return `if [ -f ${p} ]; then stat -c '%a %U %G' ${p} && base64 -w0 ${p}; else echo absent; fi`;
}

/** How the batch's answer marks a file that could not be read alone (below): its read's exit code follows. */
const UNREADABLE = 'unreadable';

/**
 * Several files: a line with one character per file (1: a regular file, 0: not), then one `stat` line per regular
 * file, then each one's base64 on a line of its own, then "." (command substitution drops the empty lines of empty
 * files at the end). Should any of it fail (a file removed between the test and the read), every file is read alone
 * after a line "each", its answer followed by "end CODE".
 */
function readFiles(paths: readonly string[]): string {
  if (paths.length === 1) return readOne(quote(paths[0]!));
  const words = paths.map(quote).join(' ');
  return [
    `if out=$(set --; for p in ${words}; do if [ -f "$p" ]; then set -- "$@" "$p"; printf 1; else printf 0; fi; done; echo`,
    `[ $# -eq 0 ] || { stat -c '%a %U %G' -- "$@" && for p; do base64 -w0 -- "$p" && echo || exit; done; } || exit; echo .)`,
    `then printf '%s\\n' "$out"`,
    `else echo each; for p in ${words}; do (${readOne('"$p"')}); c=$?; echo; echo "end $c"; done; fi`,
  ].join('\n');
}

/** The shared answer cut into each file's own, as readOne prints it; null when it does not fit the files asked. */
export function splitFiles(stdout: string, paths: readonly string[]): string[] | null {
  if (stdout.startsWith('each\n')) return splitEach(stdout.slice('each\n'.length), paths.length);
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.pop() !== '.') return null;
  const [first, ...rest] = lines;
  if (first === undefined || first.length !== paths.length || !/^[01]*$/.test(first)) return null;
  const present = [...first].filter((c) => c === '1').length;
  if (rest.length !== 2 * present) return null;
  const out: string[] = [];
  let k = 0;
  for (const flag of first) {
    if (flag === '0') out.push('absent');
    else {
      out.push(`${rest[k]}\n${rest[present + k]}`);
      k++;
    }
  }
  return out;
}

/** Files read alone: each one's answer, a newline, "end CODE" (no line of a file's answer can read so: a stat line
 * starts with its mode, base64 has no space). A file whose read failed answers "unreadable CODE". */
function splitEach(text: string, count: number): string[] | null {
  const out: string[] = [];
  const end = /\nend (\d+)\n/g;
  let from = 0;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    out.push(m[1] === '0' ? text.slice(from, m.index) : `${UNREADABLE} ${m[1]}`);
    from = end.lastIndex;
  }
  return out.length === count && from === text.length ? out : null;
}

export function fileFact(path: string): Fact<FileState> {
  return {
    id: `file:${path}`,
    command: readOne(quote(path)),
    parse({ stdout, code }) {
      if (code !== 0) throw new Error(`cannot read ${path} (exit ${code})`);
      const [head, body = ''] = stdout.split('\n');
      if (head === 'absent') return { path, exists: false, content: '', mode: 0, owner: '', group: '' };
      // read with other files, this one alone failed (see readFiles)
      if (head?.startsWith(`${UNREADABLE} `)) throw new Error(`cannot read ${path} (exit ${head.slice(UNREADABLE.length + 1)})`);
      // anything else than "MODE OWNER GROUP" is a broken answer, never a file with no mode
      if (!/^[0-7]{3,4} \S+ \S+$/.test(head ?? '')) throw new Error(`${path}: unexpected answer: ${JSON.stringify(stdout.slice(0, 80))}`);
      const [mode, owner, group] = head!.split(' ');
      return { path, exists: true, content: Buffer.from(body.trim(), 'base64').toString('utf8'), mode: parseInt(mode, 8), owner, group };
    },
    together: { key: 'files', item: path, command: readFiles, split: splitFiles },
  };
}
