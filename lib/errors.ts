// Named errors. A UserError is something the user can fix (a bad inventory,
// an unreachable host, a refused host key): the CLI prints its message and no
// stack. Anything else is a bug in lvs-play and is printed with its stack.

import { safeText } from './terminal-text.js';

export class UserError extends Error {
  /** what to do next, printed after the message */
  readonly hint?: string;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** One problem found in an inventory: a JSON pointer and what is wrong there. */
export interface InventoryProblem {
  path: string; // JSON pointer, "" for the whole document, e.g. "/vips/1/address"
  message: string; // what is wrong and what would be right
}

/** A problem as one line, "PATH: MESSAGE": control characters from the input (in a key, a value) are escaped, so it stays one line. */
export function problemLine(p: InventoryProblem): string {
  return `${safeText(p.path) || '/'}: ${safeText(p.message)}`;
}

/** Several lines by design: "FILE: N problems", then one line per problem. */
export class InventoryError extends UserError {
  readonly problems: InventoryProblem[];
  constructor(file: string, problems: InventoryProblem[]) {
    super(`${safeText(file)}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map(problemLine).join('\n')}`);
    this.problems = problems.map((p) => ({ path: safeText(p.path), message: safeText(p.message) }));
  }
}

/** A host could not be reached or refused us (host key, authentication). */
export class HostError extends UserError {
  readonly host: string;
  constructor(host: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`${host}: ${message}`, options);
    this.host = host;
  }
}
