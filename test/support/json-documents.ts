// Validates a JSON document lvs-play printed or kept against its published
// schema (schema/reports/NAME.schema.json), with ajv.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import AjvModule from 'ajv';
import type { JSON_DOCUMENTS } from '../../lib/documents/json-documents.js';
import { JSON_FORMAT_VERSION } from '../../lib/report/json-format.js';

const Ajv = AjvModule.default;
const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new Map<string, ValidateFunction>();

export type DocumentName = keyof typeof JSON_DOCUMENTS;

/** Fails naming every place where `document` departs from schema/reports/NAME.schema.json; returns it. */
export function assertDocument<T>(name: DocumentName, document: T): T {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(new URL(`../../schema/reports/${name}.schema.json`, import.meta.url), 'utf8')));
    compiled.set(name, validate);
  }
  const ok = validate(document);
  assert.ok(
    ok,
    `not a valid ${name} document: ${JSON.stringify(validate.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`))}`,
  );
  assert.equal((document as { formatVersion?: string }).formatVersion, JSON_FORMAT_VERSION);
  return document;
}
