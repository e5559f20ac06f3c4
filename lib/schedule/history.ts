// The state directory of a scheduled check:
//   <state>/reports/check-<UTC time>.json   the last N runs (oldest removed)
//   <state>/latest.json                     a copy of the newest
// Every file is written whole or not at all (temp file, fsync, rename), so a
// reader (node_exporter, `schedule status`) never sees half a file.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { jsonDocument } from '../report/json-format.js';
import type { CheckRecord } from './record.js';

export const LATEST_FILE = 'latest.json';
export const REPORTS_DIR = 'reports';
const REPORT_NAME = /^check-\d{8}T\d{9}Z(-\d+)?\.json$/;

/** Writes `content` to `path` atomically; the temp file never ends in .prom or .json. */
export async function writeAtomic(path: string, content: string, mode = 0o644): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new UserError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new UserError(`cannot create directory ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

/** "2026-11-29T14:30:00.123Z" -> "check-20261129T143000123Z.json": names sort by time. */
export function reportFileName(startedAt: string): string {
  return `check-${startedAt.replace(/[-:.]/g, '')}.json`;
}

export interface SavedRecord {
  report: string;
  latest: string;
  removed: string[];
}

/** Keeps the record as a new report and as latest.json, then removes all but the newest `keep` reports. */
export async function saveRecord(stateDir: string, record: CheckRecord, keep: number): Promise<SavedRecord> {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number of 1 or more, got ${keep}`);
  const reportsDir = join(stateDir, REPORTS_DIR);
  await ensureDir(reportsDir);
  const text = jsonDocument(record);
  const existing = new Set(await listReports(stateDir));
  let name = reportFileName(record.startedAt);
  for (let n = 1; existing.has(name); n++) name = reportFileName(record.startedAt).replace(/\.json$/, `-${n}.json`);
  const report = join(reportsDir, name);
  await writeAtomic(report, text);
  const latest = join(stateDir, LATEST_FILE);
  await writeAtomic(latest, text);
  const removed = (await listReports(stateDir)).slice(0, -keep).map((f) => join(reportsDir, f));
  for (const f of removed) await rm(f, { force: true });
  return { report, latest, removed };
}

/** The report files, oldest first (only names saveRecord makes). */
export async function listReports(stateDir: string): Promise<string[]> {
  try {
    return (await readdir(join(stateDir, REPORTS_DIR))).filter((f) => REPORT_NAME.test(f)).sort(byTime);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UserError(`cannot read ${join(stateDir, REPORTS_DIR)}: ${(err as Error).message}`, { cause: err });
  }
}

// same timestamp: check-T.json before check-T-1.json before check-T-2.json
function byTime(a: string, b: string): number {
  const key = (f: string) => {
    const m = /^(check-\w+?)(?:-(\d+))?\.json$/.exec(f)!;
    return [m[1], Number(m[2] ?? 0)] as const;
  };
  const [ta, na] = key(a);
  const [tb, nb] = key(b);
  return ta < tb ? -1 : ta > tb ? 1 : na - nb;
}

/** latest.json, or null before the first run. */
export async function readLatest(stateDir: string): Promise<CheckRecord | null> {
  const file = join(stateDir, LATEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const record = JSON.parse(text) as CheckRecord;
    if (typeof record !== 'object' || record === null || !Array.isArray(record.hosts) || typeof record.exitCode !== 'number')
      throw new Error('not a check record');
    return record;
  } catch (err) {
    throw new UserError(`${file} is not a report written by lvs-play schedule run: ${(err as Error).message}`, {
      hint: 'the next scheduled run replaces it',
    });
  }
}
