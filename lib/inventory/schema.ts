// The inventory's JSON Schema (schema/inventory.schema.json, shipped with the
// package and referenced by "$schema" from inventories) compiled once with
// ajv, draft 2020-12. Formats come from ajv-formats.

import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let loaded: Record<string, unknown> | undefined;

/**
 * The inventory JSON Schema as shipped in schema/inventory.schema.json at the
 * package root (found by walking up to lvs-play's package.json, so it works
 * from source and from dist/). Read rather than imported: no JSON modules.
 */
export function inventorySchema(): Record<string, unknown> {
  if (!loaded) loaded = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'inventory.schema.json'), 'utf8')) as Record<string, unknown>;
  return loaded;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'lvs-play') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`lvs-play's package.json not found above ${import.meta.url}`);
    dir = up;
  }
}

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
    compiled = ajv.compile(inventorySchema());
  }
  return compiled!;
}

/** ajv's raw errors for data, [] when it matches the schema. */
export function schemaErrors(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
