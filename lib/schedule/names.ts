// What a scheduled check is called and where its files go by default:
// units lvs-play-check-<cluster>.{service,timer} in /etc/systemd/system,
// reports in /var/lib/lvs-play/checks/<cluster>, metrics beside them.

import { basename, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { MAX_INVENTORY_BYTES, parseJson } from '../inventory/load.js';
import { FileReadError, readRegularFile } from '../regular-file.js';
import { quoted, safeText } from '../terminal-text.js';

export const STATE_ROOT = '/var/lib/lvs-play/checks';
/** node_exporter's usual --collector.textfile.directory on Debian, for the help text */
export const NODE_EXPORTER_TEXTFILE_DIR = '/var/lib/prometheus/node-exporter';
export const DEFAULT_KEEP = 96; // a day of runs at 15m

const CLUSTER_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function defaultUnitName(cluster: string): string {
  return `lvs-play-check-${cluster}`;
}

/** Per cluster; a schedule with its own --name gets its own directory. */
export function defaultStateDir(cluster: string, name: string): string {
  return `${STATE_ROOT}/${name === defaultUnitName(cluster) ? cluster : name}`;
}

/** --name: a unit name without its suffix. */
export function checkUnitName(name: string): string {
  if (/\.(service|timer)$/.test(name))
    throw new UserError(`--name ${quoted(name)}: give the name without .service or .timer`, {
      hint: `--name ${safeText(name.replace(/\.(service|timer)$/, ''))}`,
    });
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(name))
    throw new UserError(`--name ${quoted(name)} is not a usable unit name`, { hint: 'letters, digits, "_", ".", ":" and "-" only' });
  return name;
}

/** --on-failure: a unit to start on drift or error, e.g. notify-admin@%n.service. */
export function checkOnFailure(unit: string): string {
  if (!/^[A-Za-z0-9_.:@%\\-]+\.(service|target)$/.test(unit)) {
    throw new UserError(`--on-failure ${quoted(unit)} is not a service or target unit name`, {
      hint: 'e.g. --on-failure notify-admin@%n.service',
    });
  }
  return unit;
}

/** An absolute path for a unit file line: newlines would end the line. */
export function checkPath(path: string, flag: string): string {
  if (/[\n\r]/.test(path)) throw new UserError(`${flag}: a path with a line break cannot go into a unit file`);
  return resolve(path);
}

/** The inventory's "name" without validating the rest (status and remove must work on a broken inventory). */
export async function readClusterName(inventory: string): Promise<string> {
  let text: string;
  try {
    text = readRegularFile(inventory, MAX_INVENTORY_BYTES); // never a FIFO: status must not hang
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    throw new UserError(`cannot read inventory ${safeText(inventory)}: it ${err.reason}`, {
      hint: 'or name the units with --name',
      cause: err,
    });
  }
  const name = (parseJson(text, inventory) as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !CLUSTER_NAME.test(name))
    throw new UserError(`inventory ${safeText(inventory)} has no valid "name"`, { hint: 'or name the units with --name' });
  return name;
}

/** For metric labels when nothing else is known: the inventory's name, else the file's base name. */
export async function clusterNameOf(inventory: string): Promise<string> {
  return readClusterName(inventory).catch(() => basename(inventory).replace(/\.json$/i, ''));
}
