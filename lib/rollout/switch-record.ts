// The control machine's record of the switches a run has set on directors:
// /var/lib/lvs-play/drains/<cluster>.json (LVS_PLAY_DRAINS_DIR overrides the
// folder). It is written BEFORE a switch is set and cleared after it is
// undone, so a run killed outright (kill -9, a lost machine) leaves it
// behind: every later command reports it, and `deploy` undoes it.

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandoverLevel } from '../render/switches.js';

export const DEFAULT_DRAINS_DIR = '/var/lib/lvs-play/drains';

export function drainsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LVS_PLAY_DRAINS_DIR || DEFAULT_DRAINS_DIR;
}

export interface DrainEntry { realServer: string; directors: string[]; since: string }
export interface HandoverEntry { director: string; level: Exclude<HandoverLevel, 'normal'>; since: string }

export interface SwitchRecordData {
  cluster: string;
  inventory: string;
  /** the run that set them: its id, process and command */
  runId: string;
  pid: number;
  command: string;
  drains: DrainEntry[];
  handovers: HandoverEntry[];
}

const fileOf = (dir: string, cluster: string) => join(dir, `${cluster}.json`);

export async function readRecord(cluster: string, dir = drainsDir()): Promise<SwitchRecordData | null> {
  try {
    return JSON.parse(await readFile(fileOf(dir, cluster), 'utf8')) as SwitchRecordData;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Every record in the folder (one per cluster), for the warning any command prints. */
export async function listRecords(dir = drainsDir()): Promise<SwitchRecordData[]> {
  let names: string[];
  try { names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort(); } catch { return []; }
  const out: SwitchRecordData[] = [];
  for (const n of names) {
    try { out.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as SwitchRecordData); } catch { /* a half-written file is never left: rename is atomic */ }
  }
  return out;
}

/** Writes the record atomically, or removes it when nothing is set any more. */
export async function saveRecord(record: SwitchRecordData, dir = drainsDir()): Promise<void> {
  const file = fileOf(dir, record.cluster);
  if (record.drains.length === 0 && record.handovers.length === 0) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(record, null, 2) + '\n', { mode: 0o644 });
  await rename(tmp, file);
}

/** One line per switch left set, for warnings. */
export function describeRecord(r: SwitchRecordData): string[] {
  const by = `by run ${r.runId} (pid ${r.pid}, ${r.command})`;
  return [
    ...r.drains.map((d) => `${d.realServer} is drained on ${d.directors.join(', ')} since ${d.since}, ${by}`),
    ...r.handovers.map((h) => `${h.director}'s handover switch is "${h.level}" since ${h.since} (its VIPs are on its peers), ${by}`),
  ];
}

/** The warning every command prints first while a record exists. */
export async function recordWarnings(dir = drainsDir()): Promise<string[]> {
  return (await listRecords(dir)).flatMap((r) => describeRecord(r).map((line) =>
    `warning: cluster ${r.cluster}: ${line}; lvs-play deploy ${r.inventory} (or lvs-play undrain for drains) clears it [record ${fileOf(dir, r.cluster)}]`));
}
