// The one place that makes text safe for a terminal. Anything that came from
// the input (an inventory value or key, a file name, an argument, a line of
// known_hosts or of the switch record) may hold control characters: an ESC
// that recolours or clears the terminal, a newline that forges a second
// "error:" or problem line, a carriage return that overwrites one, a bidi
// override that reorders what is shown. Such characters are written as
// escapes (\x1b, \n, \u202e) instead, so what is printed is what is there.

// C0 controls, DEL, C1 controls, the Unicode line and paragraph separators,
// and the bidi and other invisible formatting controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character escaped, newlines included: always one line. */
export function safeText(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** For messages that are several lines by design: every control character but the newline escaped. */
export function safeLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, escapeOne);
}

/** A value from the input, in double quotes: `"` and `\` escaped too, so where it ends is never in doubt. */
export function quoted(value: string): string {
  return `"${safeText(value.replace(/[\\"]/g, '\\$&'))}"`;
}
