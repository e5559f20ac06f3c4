// The inventory's JSON Schema (schema/inventory.schema.json, shipped with the
// package and referenced by "$schema" from inventories), draft 2020-12.

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
