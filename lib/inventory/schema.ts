// Validation against the inventory's JSON Schema (schema-file.ts), with the
// validator generated ahead of time (schema-standalone.ts): nothing is
// compiled at start-up. Formats (ipv4, ipv6, hostname) are ajv-formats'.

import type { ErrorObject } from 'ajv';
import { validate } from './schema-validator.generated.js';

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** ajv's raw errors for data, [] when it matches the schema. */
export function schemaErrors(data: unknown): ErrorObject[] {
  const v = validate as Validate;
  return v(data) ? [] : [...(v.errors ?? [])];
}
