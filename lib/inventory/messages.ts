// ajv's errors -> InventoryProblems that say what is wrong AND what would be
// right, at the JSON path of the offending value (a missing or unknown key is
// reported at its own path). One problem per path: ajv often reports several
// keywords for one bad value (pattern and format, say) and one line is enough.

import type { ErrorObject } from 'ajv';
import type { InventoryProblem } from '../errors.js';
import { quoted } from '../terminal-text.js';
import { passwordValueProblem } from './password.js';
import { PATTERN_HINTS } from './patterns.js';
import { got, isSensitivePath, pointer } from './pointer.js';

type Schema = Record<string, unknown>;

const FORMAT_WORDS: Record<string, string> = { ipv4: 'an IPv4 address', ipv6: 'an IPv6 address', hostname: 'a host name' };

// Which error to keep when several hit the same path: the most telling first.
const RANK: Record<string, number> = { type: 0, enum: 1, oneOf: 2, anyOf: 2, 'false schema': 2, pattern: 3 };

export function problemsFromSchemaErrors(errors: ErrorObject[]): InventoryProblem[] {
  const kept = new Map<string, { rank: number; problem: InventoryProblem }>();
  for (const e of errors) {
    const problem = translate(e);
    if (!problem) continue;
    const rank = RANK[e.keyword] ?? 5;
    const prev = kept.get(problem.path);
    if (!prev || rank < prev.rank) kept.set(problem.path, { rank, problem });
  }
  return [...kept.values()].map((k) => k.problem);
}

function translate(e: ErrorObject): InventoryProblem | null {
  // Branch errors inside anyOf/oneOf and the "if" summary are noise: the
  // anyOf/oneOf error itself and the "then" errors say it better.
  if (/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath) || e.keyword === 'if' || e.keyword === 'propertyNames') return null;
  const parent = (e.parentSchema ?? {}) as Schema;
  const p = e.params as Record<string, unknown>;
  const propertyName = (e as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    // A map key (group name, sysctl key) that fails its pattern.
    return { path: e.instancePath + pointer(propertyName), message: `key ${got(propertyName)} is not ${patternText(String(p.pattern))}` };
  }
  const path = e.instancePath;
  const sensitive = isSensitivePath(path);
  const value = sensitive ? '' : `, got ${got(e.data)}`;
  switch (e.keyword) {
    case 'required': {
      const key = String(p.missingProperty);
      const desc = describe((parent.properties as Record<string, Schema> | undefined)?.[key]);
      return { path: path + pointer(key), message: `is required${desc ? ` (${desc.replace(/\.$/, '')})` : ''}` };
    }
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((parent.properties as Schema | undefined) ?? {});
      const guess = closest(key, allowed);
      return {
        path: path + pointer(key),
        message: `unknown key ${quoted(key)}${guess ? ` (did you mean ${quoted(guess)}?)` : ''}; allowed keys: ${allowed.join(', ')}`,
      };
    }
    case 'type':
      return { path, message: `must be ${typeWords(parent, String(p.type))}${value}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `must be ${typeWords(parent, 'number')}${value}` };
    case 'enum': {
      const list = (p.allowedValues as unknown[]).map(String);
      return { path, message: `must be ${list.length === 1 ? list[0] : `one of ${list.join(', ')}`}${value}` };
    }
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      if (path.endsWith('/authentication/password') && typeof e.data === 'string') {
        return { path, message: `the password ${passwordValueProblem(e.data) ?? 'is invalid'}` };
      }
      if (e.keyword === 'pattern') return { path, message: `must be ${patternText(String(p.pattern))}${value}` };
      return { path, message: `must be ${lengthWords(parent)}${sensitive ? '' : `, got ${String(e.data).length} characters`}` };
    case 'anyOf': {
      const formats = ((e.schema as Schema[]) ?? []).map((s) => FORMAT_WORDS[String(s.format)]);
      if (formats.length > 0 && formats.every(Boolean)) {
        const prefix = typeof e.data === 'string' && e.data.includes('/') ? '; write it without a prefix length' : '';
        return { path, message: `must be ${joinOr(formats)}${value}${prefix}` };
      }
      return { path, message: `${describe(parent) ?? 'does not match any allowed form'}${value}` };
    }
    case 'oneOf':
      return { path, message: oneOfRequiredMessage(e.schema as Schema[], e.data) ?? `must match exactly one allowed form${value}` };
    case 'false schema':
      if (/\/healthCheck\/(path|status)$/.test(path)) {
        return { path, message: 'is only used by HTTP_GET and SSL_GET health checks; remove it or set "type": "HTTP_GET"' };
      }
      if (/\/healthCheck\/(command|dynamic)$/.test(path)) {
        return { path, message: 'is only used by MISC_CHECK health checks; remove it or set "type": "MISC_CHECK"' };
      }
      if (/\/healthCheck\/query$/.test(path)) {
        return { path, message: 'is only used by DNS_CHECK health checks; remove it or set "type": "DNS_CHECK"' };
      }
      return { path, message: 'is not allowed here; remove it' };
    case 'minItems':
      return {
        path,
        message: `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}${Array.isArray(e.data) ? `, got ${e.data.length}` : ''}`,
      };
    case 'maxItems':
      return { path, message: `must have at most ${String(p.limit)} items${Array.isArray(e.data) ? `, got ${e.data.length}` : ''}` };
    case 'uniqueItems': {
      const [i, j] = [Number(p.i), Number(p.j)].sort((a, b) => a - b);
      const items = e.data as unknown[];
      return { path: path + pointer(j), message: `duplicates item ${i} (${got(items[j])}); list each value once` };
    }
    default:
      return { path, message: `${e.message ?? 'is invalid'}` };
  }
}

function joinOr(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** "must be ..." for a number or a type mismatch, using the schema's bounds. */
function typeWords(s: Schema, ajvType: string): string {
  const t = s.type;
  const kind =
    t === 'integer'
      ? 'an integer'
      : t === 'number'
        ? 'a number'
        : t === 'string'
          ? 'a string'
          : t === 'boolean'
            ? 'true or false'
            : t === 'array'
              ? 'an array'
              : t === 'object'
                ? 'an object'
                : Array.isArray(t)
                  ? t.join(' or ')
                  : ajvType;
  const min = s.minimum as number | undefined;
  const max = s.maximum as number | undefined;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  if (typeof s.pattern === 'string' && t === 'string') return patternText(s.pattern);
  return kind;
}

function lengthWords(s: Schema): string {
  const min = (s.minLength as number | undefined) ?? 0;
  const max = s.maxLength as number | undefined;
  return max === undefined ? `at least ${min} characters long` : `${min} to ${max} characters long`;
}

function patternText(pattern: string): string {
  const hint = PATTERN_HINTS[pattern];
  return hint ? `${hint.what} (${hint.rule})` : `a string matching ${pattern}`;
}

/** First sentence of a schema's description, for "is required: ...". */
function describe(s: Schema | undefined): string | undefined {
  const d = s?.description;
  return typeof d === 'string' ? d.replace(/^(.*?\.)(\s.*)?$/s, '$1') : undefined;
}

/** oneOf of {required: [k]} branches: "give exactly one of a, b or c". */
function oneOfRequiredMessage(branches: Schema[], data: unknown): string | null {
  const keys = branches.map((b) => (Array.isArray(b.required) && b.required.length === 1 ? String(b.required[0]) : null));
  if (keys.some((k) => k === null)) return null;
  const present = keys.filter((k) => data !== null && typeof data === 'object' && k! in data);
  const choice = joinOr(keys as string[]);
  return present.length === 0
    ? `needs exactly one of ${choice}, got none`
    : `needs exactly one of ${choice}, got ${present.join(' and ')}; keep one`;
}

/** The allowed key closest to a mistyped one (case or up to 2 edits away). */
function closest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const a of allowed) {
    const d = a.toLowerCase() === key.toLowerCase() ? 0 : distance(key, a);
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
