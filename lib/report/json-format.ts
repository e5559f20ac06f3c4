// Every --json document (and every record `schedule run` keeps) starts with
// its format version, as Terraform's `format_version`: a script that reads
// them can tell a breaking change. The shapes are published as JSON Schemas
// in schema/reports/ (generated from lib/documents/json-documents.ts, `npm run
// generate:schemas`). The minor number grows when fields are added; the major
// when a field is removed, renamed or changes meaning.

export const JSON_FORMAT_VERSION = '1.1';

/**
 * "MAJOR.MINOR"; this is format 1
 * @pattern ^1\.[0-9]+$
 */
export type FormatVersion = string;

export type Versioned<T> = { formatVersion: FormatVersion } & T;

/** report, as printed: its format version first, then its own fields */
export function versioned<T extends object>(report: T): Versioned<T> {
  return { formatVersion: JSON_FORMAT_VERSION, ...report };
}

/** The text --json prints: the versioned report, indented, one trailing newline. */
export function jsonDocument<T extends object>(report: T): string {
  return `${JSON.stringify(versioned(report), null, 2)}\n`;
}
