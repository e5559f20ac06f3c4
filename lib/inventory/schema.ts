// The inventory's JSON Schema (schema/inventory.schema.json, shipped with the
// package and referenced by "$schema" from inventories) compiled once with
// ajv, draft 2020-12. Formats come from ajv-formats.

import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../schema/inventory.schema.json' with { type: 'json' };

export { schema };

// Both are CommonJS whose module.exports is the class/plugin and also carries
// it as .default; under NodeNext the typings only see the latter.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // verbose: errors carry the failing (parent) schema and data, which the
    // messages use to say what would be right.
    const ajv = new Ajv2020({
      allErrors: true, verbose: true,
      strictSchema: true, strictTypes: true, allowUnionTypes: true, strictTuples: true, strictRequired: false,
    });
    addFormats(ajv, ['ipv4', 'ipv6', 'hostname']);
    compiled = ajv.compile(schema);
  }
  return compiled!;
}

/** ajv's raw errors for data, [] when it matches the schema. */
export function schemaErrors(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
