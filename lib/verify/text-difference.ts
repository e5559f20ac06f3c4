// Where two texts first differ, as a line number and both lines: enough to
// name the change in one report row without printing the whole file.

export interface LineDifference {
  line: number; // 1-based
  actual: string | null; // null: the text ended before this line
  expected: string | null;
}

/** Lines without the empty "line" after a final newline. */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

export function firstDifference(actual: string, expected: string): LineDifference | null {
  if (actual === expected) return null;
  const a = lines(actual);
  const e = lines(expected);
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return { line: i + 1, actual: a[i] ?? null, expected: e[i] ?? null };
  }
  // Same lines: only the newline at the end differs
  const last = Math.max(a.length, 1);
  const tail = (text: string, line: string | undefined) => `${line ?? ''}${text.endsWith('\n') ? '' : ' (no newline at end)'}`;
  return { line: last, actual: tail(actual, a.at(-1)), expected: tail(expected, e.at(-1)) };
}
