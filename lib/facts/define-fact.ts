// defineFact: a fact of the operator's own, checked when it is defined so a
// mistake is named at load time ("fact nft-ruleset: command must be ..."), not
// deep inside a run. A fact is one POSIX sh command (quote every value with
// sh`` or quote()) and a pure parser of what it printed.

import { UserError } from '../errors.js';
import type { Fact } from './fact.js';

export function defineFact<T>(spec: Fact<T>): Fact<T> {
  const id = spec?.id;
  if (typeof id !== 'string' || !/^[\x21-\x7e][\x20-\x7e]{0,255}$/.test(id)) {
    throw new UserError(`defineFact: id must be a printable one-line string, got ${JSON.stringify(id)}`, {
      hint: 'name the value it reads, e.g. "nft-ruleset:inet lvs_play"; two facts with one id are read once',
    });
  }
  if (typeof spec.command !== 'string' || spec.command.trim() === '') {
    throw new UserError(`defineFact ${id}: command must be a non-empty shell command`, {
      hint: 'build it with sh`...` so every value is quoted',
    });
  }
  if (typeof spec.parse !== 'function') throw new UserError(`defineFact ${id}: parse must be a function ({ stdout, code }) => value`);
  return Object.freeze({ id, command: spec.command, parse: spec.parse.bind(spec) });
}
