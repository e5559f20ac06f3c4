// The control machine's record of the switches a run has set on directors:
// /var/lib/lvs-play/drains/<cluster>.json (LVS_PLAY_DRAINS_DIR overrides the
// folder). It is written BEFORE a switch is set and cleared after it is
// undone, so a run killed outright (kill -9, a lost machine) leaves it
// behind: every later command reports it, and `deploy` undoes it. A drain
// set by `lvs-play drain` is the operator's own and is marked `byHand`:
// every command still reports it, but only `undrain` clears it.

//
// The record is read as untrusted input: a regular file of at most 1 MiB,
// valid JSON of the expected shape, host names that are host names (they end
// up in commands on the directors). A record that is none of that is
// "damaged": a clear error naming the file and what to do, never a crash.

import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { lineColumn, scanJson } from '../inventory/json-position.js';
import { FileReadError, readRegularFile } from '../regular-file.js';
import type { HandoverLevel, InstanceLevel } from '../render/switches.js';
import { safeText } from '../terminal-text.js';

export const DEFAULT_DRAINS_DIR = '/var/lib/lvs-play/drains';

export function drainsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LVS_PLAY_DRAINS_DIR || DEFAULT_DRAINS_DIR;
}

/** The run that set a switch: the record's own run is whichever wrote it last. */
export interface SetBy {
  runId: string;
  pid: number;
  command: string;
}

export interface DrainEntry {
  realServer: string;
  directors: string[];
  since: string;
  /** absent in records written before it was kept: the record's run stands for it */
  setBy?: SetBy;
  /** set by `lvs-play drain`: kept by deploy, rollout and recover, cleared only by `lvs-play undrain` */
  byHand?: true;
}

/**
 * A drain deploy, rollout and recover keep: by hand, of a host the inventory
 * still has as a real server (one it dropped is in no pool: its switch would
 * only linger, so it is undone like a run's).
 */
export function keptDrain(d: DrainEntry, realServers: readonly string[]): boolean {
  return d.byHand === true && realServers.includes(d.realServer);
}
/** A director's handover switch, or with `instance` that instance's own switch (nopreempt clusters). */
export interface HandoverEntry {
  director: string;
  level: Exclude<HandoverLevel | InstanceLevel, 'normal'>;
  instance?: string;
  since: string;
  setBy?: SetBy;
}

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

export const MAX_RECORD_BYTES = 1024 * 1024;

/** A record file that cannot be used: what is wrong with it, and what to do. */
export class DamagedRecordError extends UserError {
  readonly file: string;
  constructor(file: string, why: string) {
    super(`switch record ${safeText(file)} is damaged: ${why}`, {
      hint:
        `it lists the switches set on the directors (drains by hand, and what an interrupted run left); move it away (mv ${safeText(file)} ${safeText(file)}.damaged), ` +
        "then check the directors' /var/lib/lvs-play/switches by hand (lvs-play undrain INVENTORY HOST... clears a drain)",
    });
    this.file = file;
  }
}

/** The record of a cluster, null if there is none; a DamagedRecordError if it cannot be used. */
export async function readRecord(cluster: string, dir = drainsDir()): Promise<SwitchRecordData | null> {
  return readRecordFile(fileOf(dir, cluster));
}

async function readRecordFile(file: string): Promise<SwitchRecordData | null> {
  let text: string;
  try {
    text = readRegularFile(file, MAX_RECORD_BYTES);
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.code === 'ENOENT') return null;
    throw new DamagedRecordError(file, `it ${err.reason}`);
  }
  return parseRecord(file, text);
}

const HOST = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LEVELS: readonly string[] = ['yield', 'out'];
const INSTANCE_LEVELS: readonly string[] = ['boost', 'out', 'quiet'];
const INSTANCE_MEANING = {
  boost: 'that instance runs at priority 254',
  out: 'that instance is in FAULT',
  quiet: "that instance's adverts are dropped until the rule's own deadline",
};
/** instance names end up in file names on the directors: the inventory's own pattern */
const INSTANCE = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

/** The record in a file's text, checked field by field. */
export function parseRecord(file: string, text: string): SwitchRecordData {
  const scan = scanJson(text);
  if (scan.error) {
    const { line, column } = lineColumn(text, scan.error.offset);
    const end = scan.error.offset >= text.length ? ' (the file ends too early)' : '';
    throw new DamagedRecordError(file, `not valid JSON at line ${line}, column ${column}${end}: ${scan.error.reason}`);
  }
  const data = JSON.parse(text) as unknown;
  const wrong = (what: string): never => {
    throw new DamagedRecordError(file, what);
  };
  const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  const field = (o: Record<string, unknown>, key: string, where: string): string => {
    const v = o[key];
    if (typeof v !== 'string') wrong(`${where}${key} is not a string`);
    return safeText(v as string); // shown in warnings and errors: one line, nothing the terminal acts on
  };
  const setBy = (o: Record<string, unknown>, where: string): { setBy?: SetBy } => {
    const v = o.setBy;
    if (v === undefined) return {};
    if (!isObject(v)) return wrong(`${where}setBy is not an object`);
    if (!Number.isSafeInteger(v.pid) || (v.pid as number) < 1) wrong(`${where}setBy.pid is not a process id`);
    return { setBy: { runId: field(v, 'runId', `${where}setBy.`), pid: v.pid as number, command: field(v, 'command', `${where}setBy.`) } };
  };
  const host = (v: unknown, where: string): string => {
    if (typeof v !== 'string' || !HOST.test(v)) wrong(`${where} is not a host name`);
    return v as string;
  };
  if (!isObject(data)) return wrong('it is not a JSON object');
  const r = data as Record<string, unknown>;
  if (typeof r.cluster !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(r.cluster)) wrong('"cluster" is not a cluster name');
  if (!Number.isSafeInteger(r.pid) || (r.pid as number) < 1) wrong('"pid" is not a process id');
  if (!Array.isArray(r.drains)) wrong('"drains" is not a list');
  if (!Array.isArray(r.handovers)) wrong('"handovers" is not a list');
  const drains = (r.drains as unknown[]).map((d, i): DrainEntry => {
    const where = `drains[${i}]`;
    if (!isObject(d)) return wrong(`${where} is not an object`);
    if (!Array.isArray(d.directors)) wrong(`${where}.directors is not a list`);
    if (d.byHand !== undefined && d.byHand !== true) wrong(`${where}.byHand is not true`);
    return {
      realServer: host(d.realServer, `${where}.realServer`),
      directors: (d.directors as unknown[]).map((x, k) => host(x, `${where}.directors[${k}]`)),
      since: field(d, 'since', `${where}.`),
      ...setBy(d, `${where}.`),
      ...(d.byHand === true ? { byHand: true as const } : {}),
    };
  });
  const handovers = (r.handovers as unknown[]).map((h, i): HandoverEntry => {
    const where = `handovers[${i}]`;
    if (!isObject(h)) return wrong(`${where} is not an object`);
    if (h.instance !== undefined) {
      if (typeof h.instance !== 'string' || !INSTANCE.test(h.instance)) wrong(`${where}.instance is not a vrrp_instance name`);
      if (typeof h.level !== 'string' || !INSTANCE_LEVELS.includes(h.level)) wrong(`${where}.level is not "boost", "out" or "quiet"`);
    } else if (typeof h.level !== 'string' || !LEVELS.includes(h.level)) wrong(`${where}.level is not "yield" or "out"`);
    return {
      director: host(h.director, `${where}.director`),
      level: h.level as HandoverEntry['level'],
      ...(h.instance !== undefined ? { instance: h.instance as string } : {}),
      since: field(h, 'since', `${where}.`),
      ...setBy(h, `${where}.`),
    };
  });
  return {
    cluster: r.cluster as string,
    inventory: field(r, 'inventory', ''),
    runId: field(r, 'runId', ''),
    pid: r.pid as number,
    command: field(r, 'command', ''),
    drains,
    handovers,
  };
}

/** Every record in the folder (one per cluster), and the files that are damaged. */
async function scanRecords(dir: string): Promise<{ records: SwitchRecordData[]; damaged: DamagedRecordError[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { records: [], damaged: [] };
  }
  const records: SwitchRecordData[] = [];
  const damaged: DamagedRecordError[] = [];
  for (const n of names) {
    try {
      const r = await readRecordFile(join(dir, n));
      if (r) records.push(r);
    } catch (err) {
      if (!(err instanceof DamagedRecordError)) throw err;
      damaged.push(err);
    }
  }
  return { records, damaged };
}

/** Every usable record in the folder (one per cluster); damaged ones are left to recordWarnings. */
export async function listRecords(dir = drainsDir()): Promise<SwitchRecordData[]> {
  return (await scanRecords(dir)).records;
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
  await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
  await rename(tmp, file);
}

/**
 * One line per switch left set, for warnings: what is set, and what clears it.
 * `realServers`: the inventory's, when known: a drain by hand of a host it
 * no longer has is undone by the next deploy or recover (keptDrain).
 */
export function describeRecord(r: SwitchRecordData, realServers?: readonly string[]): string[] {
  const byOf = (e: { setBy?: SetBy }) => {
    const s = e.setBy ?? r;
    return `by run ${s.runId} (pid ${s.pid}, ${s.command})`;
  };
  const clears = `lvs-play deploy ${r.inventory} (or lvs-play undrain for drains) clears it`;
  return [
    ...r.drains.map((d) =>
      d.byHand && realServers && !keptDrain(d, realServers)
        ? `${d.realServer} is drained on ${d.directors.join(', ')} since ${d.since}, by hand (lvs-play drain), and is no longer a real server of the inventory; ${clears}`
        : d.byHand
          ? `${d.realServer} is drained on ${d.directors.join(', ')} since ${d.since}, by hand (lvs-play drain); lvs-play undrain ${r.inventory} ${d.realServer} puts it back (deploy, rollout and recover keep it)`
          : `${d.realServer} is drained on ${d.directors.join(', ')} since ${d.since}, ${byOf(d)}; ${clears}`,
    ),
    ...r.handovers.map(
      (h) =>
        `${
          h.instance
            ? `${h.director}'s switch of vrrp_instance ${h.instance} is "${h.level}" since ${h.since} (${INSTANCE_MEANING[h.level as keyof typeof INSTANCE_MEANING] ?? h.level}), ${byOf(h)}`
            : `${h.director}'s handover switch is "${h.level}" since ${h.since} (its VIPs are on its peers), ${byOf(h)}`
        }; ${clears}`,
    ),
  ];
}

/** The warning every command prints first while a record exists (or a damaged one is there). */
export async function recordWarnings(dir = drainsDir()): Promise<string[]> {
  const { records, damaged } = await scanRecords(dir);
  return [
    ...records.flatMap((r) =>
      describeRecord(r).map((line) => `warning: cluster ${r.cluster}: ${line} [record ${safeText(fileOf(dir, r.cluster))}]`),
    ),
    ...damaged.map((e) => `warning: ${e.message}; deploy, rollout, drain and undrain stop on it (each says what to do)`),
  ];
}
