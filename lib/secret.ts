// A value that must never reach a log, a diff or a report. Printing, string
// conversion and JSON all give "<redacted>"; only reveal() gives the value,
// and only renderers that write the real file call it.

const REDACTED = '<redacted>';

export class Secret {
  readonly #value: string;
  constructor(value: string) { this.#value = value; }
  reveal(): string { return this.#value; }
  toString(): string { return REDACTED; }
  toJSON(): string { return REDACTED; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return REDACTED; }
}

/** Replace every occurrence of each secret's value in text (diffs, command output). */
export function redact(text: string, secrets: Iterable<Secret>): string {
  let out = text;
  for (const s of secrets) {
    const v = s.reveal();
    if (v.length > 0) out = out.split(v).join(REDACTED);
  }
  return out;
}

export { REDACTED };
