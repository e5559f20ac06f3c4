// A value that must never reach a log, a diff or a report. Printing, string
// conversion and JSON all give "<redacted>"; only reveal() gives the value,
// and only renderers that write the real file call it.
//
// Secrets are kept out of text by structure (lib/keepalived/redact.ts: the
// value after auth_pass), not by searching for their value: see redact().

const REDACTED = '<redacted>';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/**
 * The last guard, only for text known to carry a secret whose structure is
 * unknown (what a command that wrote or checked the secret file said): each
 * secret's value is replaced where it stands as a whole quoted word ('v',
 * "v" or `v`), the way programs quote a value they complain about. A bare
 * occurrence is left alone: with a password like "1" it is far more likely a
 * line number or a count, and replacing it would both break the text and show
 * the password.
 */
export function redact(text: string, secrets: Iterable<Secret>): string {
  let out = text;
  for (const s of secrets) {
    const v = s.reveal();
    if (v.length === 0) continue;
    const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(['"\`])${escaped}\\1`, 'g'), `$1${REDACTED}$1`);
  }
  return out;
}

export { REDACTED };
