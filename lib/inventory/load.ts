// loadInventory: the one place that reads an inventory from disk. Reads and
// parses the file (a JSON syntax error points at its line and column),
// validates it (every problem at once), then resolves it into a Cluster
// (a password file or variable that cannot be read is a problem too).

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InventoryError, UserError } from '../errors.js';
import { jsonErrorOffset, lineColumn } from './json-position.js';
import { resolveInventory } from './resolve.js';
import type { Cluster, Inventory } from './types.js';
import { validateInventory } from './validate.js';

export interface LoadedInventory { cluster: Cluster; inventory: Inventory; file: string }

export async function loadInventory(file: string, opts: { env?: NodeJS.ProcessEnv } = {}): Promise<LoadedInventory> {
  const path = resolve(file);
  const data = parseJson(await readText(file, path), file);
  const problems = validateInventory(data);
  if (problems.length > 0) throw new InventoryError(file, problems);
  const inventory = data as Inventory;
  const cluster = resolveInventory(inventory, { baseDir: dirname(path), env: opts.env ?? process.env, file });
  return { cluster, inventory, file: path };
}

async function readText(file: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`inventory ${file} does not exist`, { hint: 'give the path of an inventory JSON file, e.g. inventory/example.json' });
    if (code === 'EISDIR') throw new UserError(`inventory ${file} is a directory, not a JSON file`);
    throw new UserError(`cannot read inventory ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** JSON.parse with the error's place as "line L, column C". */
export function parseJson(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (err) {
    const offset = jsonErrorOffset(body);
    let where = '';
    if (offset !== null) {
      const { line, column } = lineColumn(body, offset);
      where = ` at line ${line}, column ${column}${offset >= body.length ? ' (the file ends too early)' : ''}`;
    }
    const reason = (err as Error).message.replace(/,? ".*$/s, '').replace(/( in JSON)? at position \d+.*$/s, '');
    throw new UserError(`inventory ${file} is not valid JSON${where}: ${reason}`, { cause: err });
  }
}
