// A tolerant reading of raw inventory JSON for the cluster rules, which run
// even when the schema failed: anything of the wrong shape reads as absent
// (the schema already reports it), so a rule never throws on bad input.

export type Obj = Record<string, unknown>;

export function obj(x: unknown): Obj | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : undefined;
}

export function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

export function int(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}

/** The string members of a group, with their index in the list. */
export function members(groups: Obj | undefined, name: string): string[] {
  return arr(groups?.[name]).filter((m): m is string => typeof m === 'string');
}

/** A short list for messages: "a, b, c" (at most 8 names). */
export function listOf(names: string[]): string {
  return names.length === 0 ? '(none)' : names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')}, ...`;
}
