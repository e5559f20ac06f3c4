// What is wrong with JSON text, found before JSON.parse sees it. Node 20's
// JSON.parse does not always say where an error is (e.g. `Unexpected token
// ','` with no position) and its messages quote the input; it also keeps the
// last of two equal keys without a word, and a document nested thousands
// deep makes validators and deep comparisons overflow the stack. This
// scanner follows the JSON grammar without recursion and reports:
//   - the first character that cannot continue a valid document, and why
//     (at text.length when the text ends too early);
//   - a document nested deeper than maxDepth (an inventory needs about 8);
//   - every key that repeats a key of the same object, with its JSON pointer.
// Its reasons never quote more than one (escaped) character of the input.

import { quoted } from '../terminal-text.js';
import { pointer } from './pointer.js';

export const MAX_JSON_DEPTH = 64;

export interface JsonDuplicateKey {
  /** JSON pointer of the repeated key, e.g. "/vips/0/address" */
  path: string;
  key: string;
  /** offsets of the repeated key and of its first occurrence */
  offset: number;
  firstOffset: number;
}

export interface JsonScan {
  /** the first place the text stops being JSON (or is nested too deep), with why */
  error: { offset: number; reason: string; tooDeep: boolean } | null;
  duplicates: JsonDuplicateKey[];
}

type Frame = { kind: 'object'; keys: Map<string, number>; key: string } | { kind: 'array'; index: number };

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly tooDeep = false,
  ) {}
}

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonScan {
  const n = text.length;
  const stack: Frame[] = [];
  const duplicates: JsonDuplicateKey[] = [];
  let i = 0;

  const found = () => (i >= n ? 'the end of the file' : quoted(text[i]));
  const stop = (reason: string): never => {
    throw new Stop(i, reason);
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  /** a string at i (its opening quote); returns its raw text, quotes included */
  const string = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) stop('the file ends inside a string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return text.slice(start, i);
      }
      if (c < 0x20) stop(`a control character (${quoted(text[i])}) inside a string; write it as an escape such as \\n`);
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) stop('"\\u" must be followed by 4 hexadecimal digits');
            i++;
          }
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else stop(`${i >= n ? 'the file ends after "\\"' : `unknown escape "\\${quoted(e).slice(1, -1)}"`} in a string`);
      } else i++;
    }
  };
  const key = (frame: Extract<Frame, { kind: 'object' }>) => {
    ws();
    if (text[i] !== '"') stop(`expected a key in double quotes, found ${found()}`);
    const at = i;
    const raw = string();
    const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    ws();
    if (text[i] !== ':') stop(`expected ":" after the key, found ${found()}`);
    i++;
    const first = frame.keys.get(name);
    frame.key = name;
    if (first !== undefined) duplicates.push({ path: pathOf(stack), key: name, offset: at, firstOffset: first });
    else frame.keys.set(name, at);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) stop('expected a value (a string, number, object, array, true, false or null)');
      i++;
    }
  };

  try {
    for (;;) {
      // a value
      ws();
      const ch = text[i];
      let closed = false;
      if (ch === '{' || ch === '[') {
        if (stack.length >= maxDepth) throw new Stop(i, `nested deeper than ${maxDepth} levels`, true);
        i++;
        ws();
        if (ch === '{') {
          const frame: Frame = { kind: 'object', keys: new Map(), key: '' };
          stack.push(frame);
          if (text[i] === '}') {
            i++;
            stack.pop();
            closed = true;
          } else key(frame);
        } else {
          stack.push({ kind: 'array', index: 0 });
          if (text[i] === ']') {
            i++;
            stack.pop();
            closed = true;
          }
        }
        if (!closed) continue;
      } else if (ch === '"') string();
      else if (ch === 't') literal('true');
      else if (ch === 'f') literal('false');
      else if (ch === 'n') literal('null');
      else if (ch === '-' || (ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) stop('a number must have a digit after "-"');
        i += m![0].length;
      } else stop(`expected a value, found ${found()}`);
      // after a value: a comma, the end of its container, or the end of the text
      for (;;) {
        ws();
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (i < n) stop(`unexpected ${found()} after the end of the JSON document`);
          return { error: null, duplicates };
        }
        const close = top.kind === 'object' ? '}' : ']';
        if (text[i] === ',') {
          i++;
          if (top.kind === 'array') top.index++;
          else key(top);
          break;
        }
        if (text[i] === close) {
          i++;
          stack.pop();
          continue;
        }
        stop(`expected "," or "${close}", found ${found()}`);
      }
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { error: { offset: err.offset, reason: err.reason, tooDeep: err.tooDeep }, duplicates };
  }
}

function pathOf(stack: Frame[]): string {
  return pointer(...stack.map((f) => (f.kind === 'object' ? f.key : f.index)));
}

/** Offset of the first character that cannot continue the document, or null when it is valid JSON. */
export function jsonErrorOffset(text: string): number | null {
  return scanJson(text, Infinity).error?.offset ?? null;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}
