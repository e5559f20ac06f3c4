// Named errors. A UserError is something the user can fix (a bad inventory,
// an unreachable host, a refused host key): the CLI prints its message and no
// stack. Anything else is a bug in lvs-play and is printed with its stack.

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
  path: string;      // JSON pointer, "" for the whole document, e.g. "/vips/1/address"
  message: string;   // what is wrong and what would be right
}

export class InventoryError extends UserError {
  readonly problems: InventoryProblem[];
  constructor(file: string, problems: InventoryProblem[]) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
      problems.map((p) => `${p.path || '/'}: ${p.message}`).join('\n'));
    this.problems = problems;
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
