// The journal a run keeps ON THE HOST, so that what it changed can be undone
// by whoever comes next, even if lvs-play is killed or its connection cut:
//
//   /var/lib/lvs-play/journal/RUN/run        who ran it (one JSON line, LockHolder)
//   /var/lib/lvs-play/journal/RUN/N.step     step N, written and fsynced BEFORE the step runs:
//                                            its task, what it does, and the command that undoes it
//   /var/lib/lvs-play/journal/RUN/N.backup   the file step N replaced (fsynced before the rename)
//   /var/lib/lvs-play/journal/RUN/N.absent   or: the file did not exist
//
// A run removes its folder when it ends well or has rolled back. A folder
// whose run holds no lock any more is an interrupted run: every command
// reports it, and deploy, rollout and recover roll it back first.
// Pure: commands out, parsed records in.

import { posix } from 'node:path';
import type { LockHolder } from '../lock/holder.js';
import { parseHolder } from '../lock/holder.js';
import { RUN_ID_PATTERN } from '../lock/run-id.js';
import { quote } from '../shell/quote.js';

/** When an undo runs: services stopped before the files are restored, started or reloaded after. */
export type UndoPhase = 'before-restore' | 'restore' | 'after-restore';

/** How one applied step is undone: recorded in the journal with the step. */
export interface UndoCommand {
  phase: UndoPhase;
  description: string;
  command: string;
}

export const JOURNAL_ROOT = '/var/lib/lvs-play/journal';

/**
 * Held by every step while it runs (and by whatever it started, e.g. an
 * apt-get: the descriptor is inherited). A step whose connection was cut
 * goes on running on the host; a rollback, or the next run, waits on this
 * lock for it to end before reading the journal, so the step it undoes
 * cannot still be changing the file under it.
 */
export const STEP_LOCK = '/run/lvs-play/step.lock';
/** how long a step waits for a step of an interrupted run, and a rollback for any step, still running */
export const STEP_LOCK_WAIT_SECONDS = 600;

/** The first lines of every step: hold the step lock for as long as the step (or anything it started) runs. */
export function stepLockLines(): string[] {
  return [
    'mkdir -p /run/lvs-play',
    `exec 9>>${STEP_LOCK}`,
    `flock -w ${STEP_LOCK_WAIT_SECONDS} 9 || { echo 'a step of an earlier lvs-play run is still running on this host' >&2; exit 6; }`,
  ];
}

/** Waits until no step runs on the host (a cut-off step still running ends first). */
function waitForStepsLine(): string {
  return `mkdir -p /run/lvs-play; flock -w ${STEP_LOCK_WAIT_SECONDS} ${STEP_LOCK} true || { echo 'a step is still running on this host' >&2; exit 6; }`;
}

export function journalDir(runId: string): string {
  return posix.join(JOURNAL_ROOT, runId);
}

export const stepPaths = (runId: string, index: number) => {
  const dir = journalDir(runId);
  return { record: `${dir}/${index}.step`, backup: `${dir}/${index}.backup`, absent: `${dir}/${index}.absent` };
};

/** What the host keeps about one step. No file content: backups hold that, root-only. */
export interface StepRecord {
  index: number;
  task: string;
  /** e.g. "write /etc/keepalived/keepalived.conf" */
  description: string;
  kind: 'write' | 'remove' | 'install' | 'sysctl' | 'module' | 'service' | 'wait';
  /** a write or remove: the file, and where its old content goes (the backup, or the marker that it did not exist) */
  file?: { path: string; backup: string; absentMarker: string };
  /** null: nothing to undo (installed packages and loaded modules stay, a wait changes nothing) */
  undo: UndoCommand | null;
}

/**
 * Shell lines that record a step before it runs: the run's own record
 * first (once), then N.step, each written to a temporary name, fsynced,
 * renamed and its folder fsynced. An N.step already there means two journals
 * share one index: refused, nothing runs.
 */
export function recordStepLines(runId: string, holder: LockHolder, record: StepRecord): string[] {
  const dir = quote(journalDir(runId));
  const run = quote(`${journalDir(runId)}/run`);
  const step = quote(stepPaths(runId, record.index).record);
  return [
    `mkdir -p ${dir}`,
    `if [ ! -e ${run} ]; then printf '%s\\n' ${quote(JSON.stringify(holder))} > ${run}.tmp && sync ${run}.tmp && mv -f ${run}.tmp ${run}; fi`,
    `if [ -e ${step} ]; then echo ${quote(`journal entry ${record.index} of run ${runId} already exists`)} >&2; exit 4; fi`,
    `printf '%s\\n' ${quote(JSON.stringify(record))} > ${step}.tmp`,
    `sync ${step}.tmp`,
    `mv -f ${step}.tmp ${step}`,
    `sync ${dir}`,
  ];
}

/** Lists every run folder with its records: "run ID", then "info LINE" and "step LINE" lines. */
export function listJournalsCommand(): string {
  const root = quote(JOURNAL_ROOT);
  return [
    `[ -d ${root} ] || exit 0`,
    `for d in ${root}/*/; do`,
    '  [ -d "$d" ] || continue',
    '  id=$(basename "$d")',
    `  printf 'run %s\\n' "$id"`,
    '  if [ -f "$d/run" ]; then printf \'info \'; head -n 1 "$d/run"; echo; fi',
    '  for f in "$d"/*.step; do [ -f "$f" ] || continue; printf \'step \'; head -n 1 "$f"; echo; done',
    'done',
  ].join('\n');
}

/** The records of one run, as listJournalsCommand prints them, once no step runs (for a rollback). */
export function readJournalCommand(runId: string): string {
  const d = quote(journalDir(runId));
  return `${waitForStepsLine()}\n[ -d ${d} ] || exit 0\nprintf 'run %s\\n' ${quote(runId)}\nif [ -f ${d}/run ]; then printf 'info '; head -n 1 ${d}/run; echo; fi\nfor f in ${d}/*.step; do [ -f "$f" ] || continue; printf 'step '; head -n 1 "$f"; echo; done`;
}

/** Removes a run's folder once nothing in it is needed. */
export function removeJournalCommand(runId: string): string {
  return `rm -rf ${quote(journalDir(runId))} && sync ${quote(JOURNAL_ROOT)} 2>/dev/null; true`;
}

/** A run folder found on a host. */
export interface JournalRun {
  runId: string;
  /** who ran it; null when its record is missing or damaged */
  holder: LockHolder | null;
  /** its steps, oldest first */
  steps: StepRecord[];
  /** records that could not be read: this run cannot be rolled back safely */
  damaged: string[];
}

export function parseJournals(stdout: string): JournalRun[] {
  const runs: JournalRun[] = [];
  let current: JournalRun | null = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('run ')) {
      current = { runId: line.slice(4), holder: null, steps: [], damaged: [] };
      runs.push(current);
      if (!RUN_ID_PATTERN.test(current.runId)) current.damaged.push('its folder name is not a run id');
    } else if (current && line.startsWith('info ')) {
      current.holder = parseHolder(line.slice(5));
      if (!current.holder) current.damaged.push('its run record cannot be read');
    } else if (current && line.startsWith('step ')) {
      const step = parseStep(line.slice(5));
      if (step) current.steps.push(step);
      else current.damaged.push(`a step record cannot be read: ${JSON.stringify(line.slice(5, 85))}`);
    }
  }
  for (const r of runs) r.steps.sort((a, b) => a.index - b.index);
  return runs;
}

const PHASES: UndoPhase[] = ['before-restore', 'restore', 'after-restore'];
const KINDS: StepRecord['kind'][] = ['write', 'remove', 'install', 'sysctl', 'module', 'service', 'wait'];

function parseStep(text: string): StepRecord | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (
    !Number.isInteger(o.index) ||
    typeof o.task !== 'string' ||
    typeof o.description !== 'string' ||
    !KINDS.includes(o.kind as StepRecord['kind'])
  )
    return null;
  let undo: UndoCommand | null = null;
  if (o.undo !== null) {
    const u = o.undo as Record<string, unknown> | undefined;
    if (!u || !PHASES.includes(u.phase as UndoPhase) || typeof u.description !== 'string' || typeof u.command !== 'string') return null;
    undo = { phase: u.phase as UndoPhase, description: u.description, command: u.command };
  }
  const f = o.file as Record<string, unknown> | undefined;
  const file =
    f && typeof f.path === 'string' && typeof f.backup === 'string' && typeof f.absentMarker === 'string'
      ? { path: f.path, backup: f.backup, absentMarker: f.absentMarker }
      : undefined;
  return {
    index: o.index as number,
    task: o.task,
    description: o.description,
    kind: o.kind as StepRecord['kind'],
    ...(file ? { file } : {}),
    undo,
  };
}
