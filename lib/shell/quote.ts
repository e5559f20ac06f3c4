// POSIX shell quoting. Every remote command is a string that a POSIX shell
// (sshd runs `sh -c`, sudo -n runs `sh -c` again) parses; each value that
// comes from an inventory, a fact or a file goes through quote(), so it
// always reaches the command as exactly one word, byte for byte.

/** Words made only of these characters mean the same quoted or not in any
 * position: no globbing, expansion, assignment (`=`), tilde, comment, brace
 * or operator characters. */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/** With the u flag a surrogate pair is one code point, so only lone halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A value sh`` accepts: strings and numbers become one word each, arrays one
 * word per element. Anything else (undefined, objects, a Secret) is a bug in
 * the caller and throws instead of printing "undefined" or "<redacted>". */
export type ShellValue = string | number | bigint | readonly (string | number | bigint)[];

/**
 * Quote one value as a single POSIX shell word: bare when it is a simple safe
 * word, else in single quotes, where nothing is special except the single
 * quote itself, written as '\'' (close, escaped quote, reopen).
 * Throws on a NUL character (no shell argument can hold one: the command
 * would be silently cut) and on lone UTF-16 surrogates (they cannot be
 * encoded as UTF-8, so the remote side would get different bytes).
 */
export function quote(value: string): string {
  if (typeof value !== 'string') throw new TypeError(`quote() takes a string, got ${describe(value)}`);
  if (value.includes('\0')) throw new TypeError('cannot quote a NUL character for a shell: no argument can hold it');
  if (LONE_SURROGATE.test(value)) throw new TypeError('cannot quote a string with a lone UTF-16 surrogate: it has no UTF-8 form');
  if (value === '') return "''";
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Tagged template for shell commands: the literal parts are kept as written
 * (they are the command's syntax), every interpolated value is quoted.
 *   sh`install -m 0644 ${src} ${dest}`   sh`apt-get install -y ${packages}`
 * An empty array gives no words at all.
 */
export function sh(strings: TemplateStringsArray, ...values: ShellValue[]): string {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += quoteValue(value) + strings[i + 1]!;
  });
  return out;
}

function quoteValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => quoteScalar(v)).join(' ');
  return quoteScalar(value);
}

function quoteScalar(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`sh\`\`: cannot interpolate ${value}`);
    return quote(String(value));
  }
  if (typeof value === 'bigint') return quote(String(value));
  throw new TypeError(`sh\`\`: cannot interpolate ${describe(value)}; pass a string, number or array of them`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a nested array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return typeof value;
}
