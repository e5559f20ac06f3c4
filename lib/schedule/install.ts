// Putting the units in place and taking them away. systemctl runs only when
// `activate` is set (units in the system directory on a machine where systemd
// runs); otherwise these are file operations and the caller prints what to
// run by hand.

import { readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { ensureDir, LATEST_FILE, listReports, REPORTS_DIR, writeAtomic } from './history.js';
import { systemctl, systemctlOk } from './systemctl.js';
import { type RenderedUnits, readUnitMeta, type UnitMeta } from './units.js';

export interface InstallResult {
  written: string[];
  commands: string[][];
}

export async function installUnits(o: {
  units: RenderedUnits;
  unitDir: string;
  stateDir: string;
  textfileDir: string;
  activate: boolean;
}): Promise<InstallResult> {
  await ensureDir(o.unitDir);
  await ensureDir(o.stateDir);
  await ensureDir(o.textfileDir);
  const written: string[] = [];
  for (const u of [o.units.service, o.units.timer]) {
    const path = join(o.unitDir, u.name);
    await writeAtomic(path, u.content, 0o644);
    written.push(path);
  }
  // restart, not just enable --now: a timer already running picks up a new interval
  const commands = [['daemon-reload'], ['enable', o.units.timer.name], ['restart', o.units.timer.name]];
  if (o.activate) for (const c of commands) await systemctlOk(c);
  return { written, commands };
}

/** The installed service's recorded directories, or null when it is not there. */
export async function installedMeta(unitDir: string, name: string): Promise<UnitMeta | null> {
  try {
    return readUnitMeta(await readFile(join(unitDir, `${name}.service`), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`cannot read ${join(unitDir, `${name}.service`)}: ${(err as Error).message}`, { cause: err });
  }
}

export interface RemoveOptions {
  name: string;
  unitDir: string;
  stateDir: string;
  textfileDir: string;
  purge: boolean;
  activate: boolean;
}
export interface RemoveResult {
  removed: string[];
  kept: string[];
  commands: string[][];
}

export async function removeUnits(o: RemoveOptions): Promise<RemoveResult> {
  const service = `${o.name}.service`;
  const timer = `${o.name}.timer`;
  const removed: string[] = [];
  const kept: string[] = [];
  const commands: string[][] = [];
  if (o.activate) {
    // a unit systemd does not know is fine here: the goal is that it is gone
    for (const c of [
      ['disable', '--now', timer],
      ['stop', service],
    ]) {
      commands.push(c);
      await systemctl(c);
    }
  }
  for (const path of [join(o.unitDir, timer), join(o.unitDir, service)]) if (await removeFile(path)) removed.push(path);
  if (o.activate) {
    for (const c of [['daemon-reload'], ['reset-failed', service]]) {
      commands.push(c);
      await systemctl(c);
    }
  }
  // stale metrics would keep reporting the last result forever
  const metrics = join(o.textfileDir, `${o.name}.prom`);
  if (await removeFile(metrics)) removed.push(metrics);
  if (o.purge) {
    const reports = join(o.stateDir, REPORTS_DIR);
    for (const f of await listReports(o.stateDir)) if (await removeFile(join(reports, f))) removed.push(join(reports, f));
    if (await removeFile(join(o.stateDir, LATEST_FILE))) removed.push(join(o.stateDir, LATEST_FILE));
    // only our files went; a directory holding anything else stays
    for (const dir of [reports, o.stateDir]) {
      if (await removeEmptyDir(dir)) removed.push(`${dir}/`);
      else if (await exists(dir)) kept.push(`${dir}/`);
    }
  } else if (await exists(o.stateDir)) {
    kept.push(`${o.stateDir}/`);
  }
  return { removed, kept, commands };
}

async function removeFile(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new UserError(`cannot remove ${path}: ${(err as Error).message}`, { cause: err });
  }
}

async function removeEmptyDir(dir: string): Promise<boolean> {
  try {
    await rmdir(dir);
    return true;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (e: NodeJS.ErrnoException) => e.code !== 'ENOENT',
  );
}
