// Mounts the lab makes (overlays, and whatever a killed debootstrap left in
// its build root) are found in /proc/self/mounts by path prefix and removed
// deepest first.

import { readFileSync } from 'node:fs';
import { run } from './local-command.js';

/** Mount points at or below dir, deepest first. */
export function mountsUnder(dir: string): string[] {
  const base = dir.replace(/\/+$/, '');
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((m): m is string => m !== undefined)
    .map(unescapeMount)
    .filter((m) => m === base || m.startsWith(`${base}/`))
    .sort((a, b) => b.length - a.length);
}

export function isMountPoint(path: string): boolean {
  return mountsUnder(path).includes(path.replace(/\/+$/, ''));
}

export async function unmountUnder(dir: string): Promise<void> {
  // a path can be mounted over more than once: repeat until none is left
  for (let round = 0; round < 10; round++) {
    const mounts = mountsUnder(dir);
    if (mounts.length === 0) return;
    for (const m of mounts) {
      try {
        await run('umount', [m]);
      } catch {
        await run('umount', ['--lazy', m]); // busy (a process still has it open): detach now
      }
    }
  }
  throw new Error(`mounts under ${dir} keep coming back: ${mountsUnder(dir).join(', ')}`);
}

/** rm -rf that first unmounts anything below and never crosses into another filesystem. */
export async function removeTree(dir: string): Promise<void> {
  await unmountUnder(dir);
  await run('rm', ['-rf', '--one-file-system', '--', dir]);
}

/** /proc/mounts escapes blanks and backslashes as octal. */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}
