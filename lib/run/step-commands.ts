// The shell command of every step and of its undo. Pure: a step and where
// its journal lives in, a command out, so the exact commands are testable
// without a host. Every value is quoted; file content travels on stdin.

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { LockHolder } from '../lock/holder.js';
import { quote } from '../shell/quote.js';
import { describeStep, type ServiceAction, type Step } from '../tasks/step.js';
import {
  journalDir,
  recordStepLines,
  type StepRecord,
  stepLockLines,
  stepPaths,
  type UndoCommand,
  type UndoPhase,
} from './host-journal.js';

/** What applyCommand needs besides the step: where its journal entry goes. */
export interface StepContext {
  runId: string;
  index: number;
  task: string;
  /** the run, recorded on the host with its first step */
  holder: LockHolder;
}

export interface StepCommand {
  command: string;
  stdin?: string;
}

/** The step's command, preceded by its journal entry (host-journal.ts): the host knows the step before it runs. */
export function applyCommand(step: Step, c: StepContext): StepCommand {
  const paths = stepPaths(c.runId, c.index);
  const file =
    step.kind === 'write' || step.kind === 'remove' ? { file: { path: step.path, backup: paths.backup, absentMarker: paths.absent } } : {};
  const record: StepRecord = {
    index: c.index,
    task: c.task,
    description: describeStep(step),
    kind: step.kind,
    ...file,
    undo: undoCommand(step, c.runId, c.index),
  };
  const prefix = ['set -e', 'umask 077', ...stepLockLines(), ...recordStepLines(c.runId, c.holder, record)];
  switch (step.kind) {
    case 'write':
      return writeCommand(step, c.runId, c.index, prefix);
    case 'remove':
      return { command: removeCommand(step, c.runId, c.index, prefix) };
    case 'install':
      return { command: [...prefix, withoutStepLock(installCommand(step.manager, step.packages, step.refresh))].join('\n') };
    case 'sysctl':
      return { command: [...prefix, withoutStepLock(`sysctl -q -w ${quote(`${step.key}=${step.value}`)}`)].join('\n') };
    case 'module':
      return { command: [...prefix, withoutStepLock(`modprobe -- ${quote(step.module)}`)].join('\n') };
    case 'service':
      return { command: [...prefix, withoutStepLock(serviceCommand(step.unit, step.action))].join('\n') };
    case 'wait':
      return { command: [...prefix, withoutStepLock(step.command)].join('\n') };
  }
}

/**
 * The step's own shell keeps the step lock while the command runs; the
 * command does not inherit it, so a daemon a package's postinst might start
 * never holds it after the step.
 */
function withoutStepLock(command: string): string {
  return `{\n${command}\n} 9>&-`;
}

function tempPath(path: string, runId: string): string {
  return posix.join(posix.dirname(path), `.${posix.basename(path)}.lvs-play-${runId}.tmp`);
}

/**
 * temp file in the target's folder -> mode, owner -> validate -> fsync ->
 * back up the old file (or mark it absent), fsynced -> rename -> fsync the
 * folder. Any failure removes the temp file (the trap) and leaves the target
 * as it was; a cut after the rename leaves the backup the undo needs.
 */
function writeCommand(step: Extract<Step, { kind: 'write' }>, runId: string, index: number, prefix: string[]): StepCommand {
  const dir = posix.dirname(step.path);
  const { backup, absent } = stepPaths(runId, index);
  const validate = step.validate ? step.validate.split('{file}').join('"$t"') : 'true';
  const command = [
    ...prefix,
    `mkdir -p ${quote(dir)}`,
    `t=${quote(tempPath(step.path, runId))}`,
    'trap \'rm -f "$t"\' EXIT',
    'cat > "$t"',
    // the content comes on stdin: a connection cut while it arrived leaves a short file, never renamed
    `[ "$(sha256sum < "$t" | cut -d' ' -f1)" = ${sha256(step.content)} ] || { echo 'the file content arrived incomplete (connection cut?)' >&2; exit 5; }`,
    `chmod ${step.mode.toString(8)} "$t"`,
    `chown ${quote(`${step.owner}:${step.group}`)} "$t"`,
    // validation output goes to stderr so the caller can show why it failed
    `if ! out=$(${validate} 2>&1); then printf '%s\\n' "$out" >&2; echo 'validation failed' >&2; exit 3; fi`,
    'sync "$t"',
    backupOrMarkAbsent(step.path, backup, absent),
    `sync ${quote(journalDir(runId))}`,
    `mv -f "$t" ${quote(step.path)}`,
    `sync ${quote(dir)}`,
  ].join('\n');
  return { command, stdin: step.content };
}

/**
 * back up the file (or mark it absent), fsynced -> remove it -> fsync the
 * folder. A cut before the backup leaves the file in place; after it, the
 * undo has the bytes to put back.
 */
function removeCommand(step: Extract<Step, { kind: 'remove' }>, runId: string, index: number, prefix: string[]): string {
  const { backup, absent } = stepPaths(runId, index);
  const p = quote(step.path);
  return [
    ...prefix,
    backupOrMarkAbsent(step.path, backup, absent),
    `sync ${quote(journalDir(runId))}`,
    `rm -f ${p}`,
    `sync ${quote(posix.dirname(step.path))}`,
  ].join('\n');
}

/** how long an install waits for a dpkg lock another process holds */
export const DPKG_LOCK_WAIT_SECONDS = 30;

export function installCommand(manager: 'apt' | 'dnf' | 'yum', packages: string[], refresh: boolean): string {
  const words = packages.map(quote).join(' ');
  if (manager === 'apt') {
    // another apt or dpkg holding the lock: wait for it, but only so long (then the step fails, naming the holder)
    const lock = `-o DPkg::Lock::Timeout=${DPKG_LOCK_WAIT_SECONDS}`;
    const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${lock} -o Dpkg::Options::=--force-confold ${words}`;
    const update = `apt-get update -q ${lock}`;
    return [
      APT_LOCK_HOLDER,
      `i() { ${install}; }`,
      `u() { ${update}; }`,
      // a failure with the lock still held is said as such, and not tried again (the wait is bounded once);
      // a package unknown to stale lists: refresh once and try again
      refresh
        ? 'u && i || { lvsp_lock_holder >&2 || true; exit 100; }'
        : 'i || { if lvsp_lock_holder >&2; then exit 100; fi; u && i || { lvsp_lock_holder >&2 || true; exit 100; }; }',
    ].join('\n');
  }
  return `${manager} install -y ${words}`;
}

/** Prints "lvs-play: LOCKFILE is held by process PID (COMM)" for the first apt/dpkg lock someone holds, from /proc/locks. */
const APT_LOCK_HOLDER = `lvsp_lock_holder() {
  for f in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock; do
    n=$(stat -c %i "$f" 2>/dev/null) || continue
    p=$(awk -v n="$n" '$2 != "->" { k = split($6, a, ":"); if (a[k] == n) { print $5; exit } }' /proc/locks)
    if [ -n "$p" ]; then echo "lvs-play: $f is held by process $p ($(cat /proc/$p/comm 2>/dev/null || echo unknown))"; return 0; fi
  done
  return 1
}`;

export function serviceCommand(unit: string, action: ServiceAction): string {
  return action === 'daemon-reload' ? 'systemctl daemon-reload' : `systemctl ${action} ${quote(unit)}`;
}

/** When an undo runs: service stops/disables before files are restored, the rest after. */

export type { UndoCommand, UndoPhase } from './host-journal.js';

const SERVICE_UNDO: Record<ServiceAction, { action: ServiceAction; phase: UndoPhase }> = {
  enable: { action: 'disable', phase: 'before-restore' },
  start: { action: 'stop', phase: 'before-restore' },
  disable: { action: 'enable', phase: 'after-restore' },
  stop: { action: 'start', phase: 'after-restore' },
  reload: { action: 'reload', phase: 'after-restore' },
  restart: { action: 'restart', phase: 'after-restore' },
  'daemon-reload': { action: 'daemon-reload', phase: 'after-restore' },
};

/** The undo of an applied step; null when there is nothing to undo (packages stay installed, modules loaded). */
export function undoCommand(step: Step, runId: string, index: number): UndoCommand | null {
  switch (step.kind) {
    case 'write':
      return { phase: 'restore', description: `restore ${step.path}`, command: restoreCommand(step, runId, index) };
    case 'remove':
      return { phase: 'restore', description: `restore ${step.path}`, command: unremoveCommand(step, runId, index) };
    case 'sysctl':
      if (step.previous === null) return null;
      return {
        phase: 'restore',
        description: `sysctl ${step.key}=${step.previous}`,
        command: `sysctl -q -w ${quote(`${step.key}=${step.previous}`)}`,
      };
    case 'install':
    case 'module':
    case 'wait':
      return null;
    case 'service': {
      const u = SERVICE_UNDO[step.action];
      const command = serviceCommand(step.unit, u.action);
      // reloading a unit that is not running fails and means nothing
      const guarded = u.action === 'reload' ? `if systemctl is-active -q ${quote(step.unit)}; then ${command}; fi` : command;
      return {
        phase: u.phase,
        description: u.action === 'daemon-reload' ? 'systemctl daemon-reload' : `systemctl ${u.action} ${step.unit}`,
        command: guarded,
      };
    }
  }
}

/** what a write's undo prints when its step never replaced the file: nothing was undone */
export const NOT_APPLIED = 'lvs-play: not applied';

/**
 * The undo of a write, from what the host kept: the backup is put back, or
 * the file the step created is removed (its absent marker says it did not
 * exist). With neither, the step never got as far as its backup, so it never
 * replaced the file either: that is proven by the file's content (it is not
 * what the step wrote) and nothing is touched. If the file does hold what the
 * step wrote and its backup is gone, the undo fails loudly: it never deletes
 * or guesses.
 */
function restoreCommand(step: Extract<Step, { kind: 'write' }>, runId: string, index: number): string {
  const { backup, absent } = stepPaths(runId, index);
  const p = quote(step.path);
  const dir = quote(posix.dirname(step.path));
  const written = sha256(step.content);
  return [
    `rm -f ${quote(tempPath(step.path, runId))}`,
    `if ${present(backup)}; then ${putBack(step.path, backup)}`,
    `elif [ -e ${quote(absent)} ]; then rm -f ${p} && sync ${dir}`,
    `elif [ -e ${p} ] && [ "$(sha256sum < ${p} | cut -d' ' -f1)" = ${written} ]; then echo ${quote(`${step.path} holds what run ${runId} wrote, but its backup ${backup} is missing: not restored`)} >&2; exit 1`,
    `else echo ${quote(NOT_APPLIED)}; fi`,
  ].join('\n');
}

/**
 * The undo of a remove: the backup is put back. The absent marker means
 * there was nothing to remove, and no record at all that the step never got
 * as far as its backup, so it removed nothing: both touch nothing.
 */
function unremoveCommand(step: Extract<Step, { kind: 'remove' }>, runId: string, index: number): string {
  const { backup, absent } = stepPaths(runId, index);
  return [
    `if ${present(backup)}; then ${putBack(step.path, backup)}`,
    `elif [ -e ${quote(absent)} ]; then :`,
    `else echo ${quote(NOT_APPLIED)}; fi`,
  ].join('\n');
}

/** A copy that is either whole or not there: to a temporary name, fsynced, renamed. */
// cp -a copies a symlink as the symlink (dangling or not); sync cannot open a
// dangling one, and a symlink's text is durable with its folder's fsync.
function durableCopy(from: string, to: string, tmp: string): string {
  return `cp -a ${quote(from)} ${quote(tmp)} && { [ -L ${quote(tmp)} ] || sync ${quote(tmp)}; } && mv -f ${quote(tmp)} ${quote(to)}`;
}

/** There is something at the path: a file, or a symlink even when it points nowhere (`[ -e ]` alone misses that). */
function present(path: string): string {
  return `{ [ -e ${quote(path)} ] || [ -L ${quote(path)} ]; }`;
}

/** The file's old bytes into the journal before a step replaces or removes it, or the mark that it did not exist. */
function backupOrMarkAbsent(path: string, backup: string, absent: string): string {
  return `if ${present(path)}; then ${durableCopy(path, backup, `${backup}.tmp`)}; else : > ${quote(absent)}; fi`;
}

/** The backup back in place (through a temporary name beside the file), and the folder fsynced. */
function putBack(path: string, backup: string): string {
  return `${durableCopy(backup, path, `${path}.lvs-play-restore`)} && sync ${quote(posix.dirname(path))}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
