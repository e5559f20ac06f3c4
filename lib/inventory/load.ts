// loadInventory: the one place that reads an inventory from disk. Reads the
// file (a regular file of at most 1 MiB: never a FIFO or a device, which
// would block or never end), checks the JSON text (a syntax error points at
// its line and column, a key given twice or nesting deeper than any
// inventory needs is refused), validates it (every problem at once), then
// resolves it into a Cluster (a password file or variable that cannot be
// read is a problem too).

import { dirname, resolve } from 'node:path';
import { InventoryError, UserError } from '../errors.js';
import { FileReadError, formatBytes, readRegularFile } from '../regular-file.js';
import { quoted, safeText } from '../terminal-text.js';
import { lineColumn, MAX_JSON_DEPTH, scanJson } from './json-position.js';
import { resolveInventory } from './resolve.js';
import { loadSshConfig, sshConfigPath } from './ssh-config.js';
import type { Cluster, Inventory } from './types.js';
import { validateInventory } from './validate.js';

export interface LoadedInventory {
  cluster: Cluster;
  inventory: Inventory;
  file: string;
}

/** An inventory is a few KiB; anything much larger is the wrong file. */
export const MAX_INVENTORY_BYTES = 1024 * 1024;

export async function loadInventory(file: string, opts: { env?: NodeJS.ProcessEnv } = {}): Promise<LoadedInventory> {
  const path = resolve(file);
  const data = parseJson(readInventoryText(file), file);
  const problems = validateInventory(data);
  if (problems.length > 0) throw new InventoryError(file, problems);
  const inventory = data as Inventory;
  const env = opts.env ?? process.env;
  const configPath = sshConfigPath(env);
  const sshConfig = configPath ? loadSshConfig(configPath.path, { required: configPath.required, env }) : null;
  const cluster = resolveInventory(inventory, { baseDir: dirname(path), env, file, sshConfig });
  return { cluster, inventory, file: path };
}

/** The text of an inventory file: a regular file of at most MAX_INVENTORY_BYTES, else a UserError saying what it is. */
export function readInventoryText(file: string): string {
  try {
    return readRegularFile(resolve(file), MAX_INVENTORY_BYTES);
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    const name = safeText(file);
    if (err.code === 'ENOENT')
      throw new UserError(`inventory ${name} does not exist`, {
        hint: 'give the path of an inventory JSON file, e.g. inventory/example.json',
      });
    if (err.code === 'EFBIG') {
      throw new UserError(`inventory ${name} ${err.reason}; an inventory is a few KiB`, {
        hint: `give the inventory JSON file itself (at most ${formatBytes(MAX_INVENTORY_BYTES)})`,
      });
    }
    throw new UserError(`inventory ${name} ${err.reason}`, {
      hint: 'give the path of an inventory JSON file (a regular file), e.g. inventory/example.json',
    });
  }
}

/**
 * JSON text -> value. Refuses, with the place as "line L, column C": a syntax
 * error, nesting deeper than MAX_JSON_DEPTH, and (as an InventoryError, one
 * problem per key at its JSON pointer) a key given twice in one object.
 */
export function parseJson(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const name = safeText(file);
  const scan = scanJson(body);
  if (scan.error) {
    const { line, column } = lineColumn(body, scan.error.offset);
    const where = `at line ${line}, column ${column}`;
    if (scan.error.tooDeep) {
      throw new UserError(`inventory ${name} is nested deeper than ${MAX_JSON_DEPTH} levels ${where}`, {
        hint: 'an inventory needs about 8 levels: is this the right file?',
      });
    }
    const end = scan.error.offset >= body.length ? ' (the file ends too early)' : '';
    throw new UserError(`inventory ${name} is not valid JSON ${where}${end}: ${scan.error.reason}`);
  }
  if (scan.duplicates.length > 0) {
    throw new InventoryError(
      file,
      scan.duplicates.map((d) => {
        const [line, first] = [lineColumn(body, d.offset).line, lineColumn(body, d.firstOffset).line];
        return {
          path: d.path,
          message: `duplicate key ${quoted(d.key)} (line ${line}${first === line ? '' : `; first on line ${first}`}); keep one`,
        };
      }),
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    // the scanner accepted it, so this should not happen; never show JSON.parse's message, it quotes the input
    throw new UserError(`inventory ${name} is not valid JSON`);
  }
}
