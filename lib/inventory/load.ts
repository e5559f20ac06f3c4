// loadInventory: the one place that reads an inventory from disk. Reads and
// parses the file (a JSON syntax error points at its line and column),
// validates it (every problem at once), then resolves it into a Cluster
// (a password file or variable that cannot be read is a problem too).

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InventoryError, UserError } from '../errors.js';
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

/** JSON.parse with the error's position turned into "line L, column C". */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = (err as Error).message;
    const at = /at position (\d+)/.exec(message);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      const column = Number(at[1]) - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    } else if (/Unexpected end of JSON input/.test(message)) {
      const lines = text.split('\n');
      where = ` at line ${lines.length}, column ${lines[lines.length - 1].length + 1} (the file ends too early)`;
    }
    throw new UserError(`inventory ${file} is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/s, '')}`, { cause: err });
  }
}
