// The shell side of a run lock, the same on a host and on the control
// machine. The lock is flock(1) on a file, held by a small keeper process
// for as long as the channel that started it stays open: the keeper waits
// for its stdin to end, so when lvs-play closes the channel, is killed, or
// loses the connection, the keeper ends and the kernel releases the lock.
// Nothing is ever judged stale by age.
//
//   flock -o: only flock holds the lock's descriptor, so killing the keeper
//   (a takeover, below) releases it even if a child lingers.
//   The holder file names the run (one JSON line) after the keeper's pid and
//   start time, so a reader can tell a live holder from a file left behind.

import { quote } from '../shell/quote.js';

export interface LockPaths {
  dir: string;
  lock: string;
  holder: string;
}

/** Where a host keeps its lock: /run is a tmpfs, so a rebooted host holds none. */
export const HOST_LOCK: LockPaths = { dir: '/run/lvs-play', lock: '/run/lvs-play/run.lock', holder: '/run/lvs-play/run.holder' };

/** The control machine's lock of one cluster. */
export function controlLock(cluster: string, dir = '/run/lvs-play/control'): LockPaths {
  return { dir, lock: `${dir}/${cluster}.lock`, holder: `${dir}/${cluster}.holder` };
}

/** flock's exit code when the lock is taken (-E) */
export const LOCK_TAKEN = 75;

/**
 * Takes the lock or exits LOCK_TAKEN printing "held LINE" (LINE: the holder
 * file as it is). Once taken it prints "locked" and holds until stdin ends.
 */
export function takeCommand(p: LockPaths, holderJson: string): string {
  const keeper = [
    'st=$(cut -d" " -f22 /proc/$$/stat)',
    'printf "%s %s %s\\n" "$$" "$st" "$1" > "$2.tmp"',
    'mv -f "$2.tmp" "$2"',
    'echo locked',
    // holds until the channel's stdin ends; then the holder file goes first, the lock after
    'cat > /dev/null',
    'rm -f "$2"',
  ].join('; ');
  return [
    'umask 077',
    `mkdir -p ${quote(p.dir)}`,
    `flock -n -o -E ${LOCK_TAKEN} ${quote(p.lock)} sh -c ${quote(keeper)} sh ${quote(holderJson)} ${quote(p.holder)} && exit 0`,
    'rc=$?',
    `if [ "$rc" = ${LOCK_TAKEN} ]; then printf 'held '; head -n 1 ${quote(p.holder)} 2>/dev/null || echo; fi`,
    'exit "$rc"',
  ].join('\n');
}

/**
 * Prints "held PID START LINE" when the holder file names a live keeper
 * (same pid, same start time), else "free". Takes no lock: a reader never
 * gets in a writer's way.
 */
export function readHolderCommand(p: LockPaths): string {
  const h = quote(p.holder);
  return `if [ -r ${h} ] && read -r pid st line < ${h} && [ -r "/proc/$pid/stat" ] && [ "$(cut -d' ' -f22 "/proc/$pid/stat" 2>/dev/null)" = "$st" ]; then printf 'held %s %s %s\\n' "$pid" "$st" "$line"; else echo free; fi`;
}

/**
 * Ends the keeper of a holder known to be gone (its lvs-play process is dead
 * but the keeper lives on, e.g. on a half-open connection), only if the
 * keeper is still the one that file names (pid and start time).
 */
export function endKeeperCommand(pid: number, start: string): string {
  return `if [ "$(cut -d' ' -f22 /proc/${pid}/stat 2>/dev/null)" = ${quote(start)} ]; then kill ${pid}; fi`;
}

export type HolderLine = { state: 'free' } | { state: 'held'; pid: number; start: string; line: string };

/** Parses readHolderCommand's output. */
export function parseHolderLine(out: string): HolderLine {
  const first = out.split('\n')[0] ?? '';
  const m = /^held (\d+) (\d+) (.*)$/.exec(first);
  return m ? { state: 'held', pid: Number(m[1]), start: m[2]!, line: m[3]! } : { state: 'free' };
}

/** Parses the "held ..." line takeCommand prints when the lock is taken (the holder file's first line, as is). */
export function parseTakenLine(out: string): { pid: number; start: string; line: string } | null {
  const m = /^held (\d+) (\d+) (.*)$/m.exec(out);
  return m ? { pid: Number(m[1]), start: m[2]!, line: m[3]! } : null;
}
