// What every command does with its arguments before anything else, so a bad
// argument is refused before a file is written or a host contacted: options
// parsed strictly (an unknown one is an error, not ignored), positionals
// counted (an extra one is an error), numbers checked for form and range.
// Every refusal is a UserError: "error: ..." and "hint: lvs-play CMD --help".

import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { quoted, safeText } from '../terminal-text.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs rejects unknown or malformed options with these codes. */
export function isArgumentError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('ERR_PARSE_ARGS_');
}

/** What parseArgs gives for these options (named, so the shipped .d.ts can name it). */
export type ParsedArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>
>;

const helpOf = (command: string) => `lvs-play ${command.split(' ')[0]} --help`;

/**
 * parseArgs for `command` ("deploy", "schedule run"), refusing unknown
 * options and more than maxPositionals positional arguments.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, maxPositionals = Infinity): ParsedArgs<O> {
  let parsed: ParsedArgs<O>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (err) {
    if (!isArgumentError(err)) throw err;
    // node's messages are sometimes several sentences on several lines: one line here
    throw new UserError(`${command}: ${safeText((err as Error).message.replace(/\n/g, ' '))}`, { hint: helpOf(command) });
  }
  if (parsed.positionals.length > maxPositionals) throw unexpectedArguments(command, parsed.positionals.slice(maxPositionals));
  return parsed;
}

/** `deploy: unexpected argument "x"` (hint: lvs-play deploy --help). */
export function unexpectedArguments(command: string, extra: string[]): UserError {
  return new UserError(`${command}: unexpected argument${extra.length === 1 ? '' : 's'} ${extra.map(quoted).join(' ')}`, {
    hint: helpOf(command),
  });
}

/**
 * A whole number option from min to max: digits only (no sign, exponent,
 * fraction, hex or blanks, so "1e10", "0x10", " 5" and "5.0" are refused).
 */
export function intOption(value: string, flag: string, min: number, max: number): number {
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UserError(`${flag} must be a whole number from ${min} to ${max}, got ${quoted(value)}`);
  return n;
}

/** The command as a user typed it, for records and messages: one line, whatever the arguments hold. */
export function commandLine(command: string, args: string[]): string {
  return safeText(`lvs-play ${command} ${args.join(' ')}`.trimEnd());
}
