// The inventory schema's validator as source code (Ajv's standalone mode),
// generated ahead of time into schema-validator.generated.ts: compiling the
// schema at every start cost lvs-play 200+ ms before its first connection.
// The options are the ones the validator has always used; a unit test
// regenerates the file and compares, so it cannot go stale.

import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';

// CommonJS modules whose module.exports is also .default; NodeNext's typings see only the latter
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const standaloneCode = standaloneModule.default;

export const GENERATED_VALIDATOR = 'lib/inventory/schema-validator.generated.ts';

/** The TypeScript module text that exports `validate` for schema. */
export function standaloneValidatorSource(schema: Record<string, unknown>): string {
  // verbose: errors carry the failing (parent) schema and data, which the
  // messages use to say what would be right.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strictSchema: true,
    strictTypes: true,
    allowUnionTypes: true,
    strictTuples: true,
    strictRequired: false,
    code: { source: true, esm: true, lines: true },
  });
  addFormats(ajv, ['ipv4', 'ipv6', 'hostname']);
  const code = standaloneCode(ajv, ajv.compile(schema));
  return [
    '// @ts-nocheck',
    `// GENERATED from schema/inventory.schema.json by \`npm run generate:schema\`: do not edit.`,
    "// Ajv's standalone validator; its two runtime helpers (deep equality, string",
    '// length in code points) still come from ajv, which it loads with require().',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}
