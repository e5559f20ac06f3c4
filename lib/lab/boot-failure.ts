// What `lab up` says about a host that did not boot: why, in one line, from
// its console (the VM initrd's own FAILED line, or the kernel's panic line),
// and where a copy of that console is kept. The per-host directory goes with
// `lab down`, so the copy lives in LAB_LOG_DIR, named after the host and the
// time, the newest few per host kept.

import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { consoleLog } from './container.js';
import { tail } from './local-command.js';
import { type HostNames, LAB_LOG_DIR } from './paths.js';
import { INITRD_FAILED } from './vm/initrd.js';

/** Kept consoles per host; older ones are removed when a new one is kept. */
export const KEPT_CONSOLES_PER_HOST = 10;

const KERNEL_PANIC = 'Kernel panic - not syncing: ';

/** The console without colour codes and carriage returns. */
export function plainConsole(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\r/g, '');
}

/**
 * Why the boot failed, as the console tells it: the VM initrd's last FAILED
 * line, else the kernel's panic line (e.g. "Kernel panic - not syncing:
 * Attempted to kill init! exitcode=0x00000100"); null when it says neither.
 */
export function bootFailureReason(console: string): string | null {
  const lines = plainConsole(console).split('\n');
  const last = (mark: string) => {
    for (let i = lines.length - 1; i >= 0; i--) {
      const at = lines[i]!.indexOf(mark);
      if (at >= 0) return lines[i]!.slice(at).trim();
    }
    return null;
  };
  return last(INITRD_FAILED) ?? last(KERNEL_PANIC);
}

/** True once the VM initrd has said it failed (it then powers off, or halts if it cannot). */
export function initrdFailed(console: string): boolean {
  return console.includes(INITRD_FAILED);
}

/** <host>-console-<UTC time, to the second>.log */
export function keptConsoleName(host: string, at: Date): string {
  return `${host}-console-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')}.log`;
}

/**
 * Copies the host's console log into dir (LAB_LOG_DIR) and keeps only the
 * newest KEPT_CONSOLES_PER_HOST of that host's; returns the copy's path, or
 * null when there was no console to copy.
 */
export async function keepConsole(names: HostNames, at = new Date(), dir = LAB_LOG_DIR): Promise<string | null> {
  const kept = join(dir, keptConsoleName(names.host, at));
  await mkdir(dir, { recursive: true, mode: 0o755 });
  try {
    await copyFile(consoleLog(names), kept);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const pattern = new RegExp(`^${names.host}-console-\\d{8}T\\d{6}Z\\.log$`);
  const mine = (await readdir(dir)).filter((f) => pattern.test(f)).sort(); // the names sort by time
  for (const old of mine.slice(0, Math.max(0, mine.length - KEPT_CONSOLES_PER_HOST))) await rm(join(dir, old), { force: true });
  return kept;
}

function readConsole(names: HostNames): string {
  try {
    return readFileSync(consoleLog(names), 'utf8');
  } catch {
    return '';
  }
}

/**
 * The error for a host that did not boot: "<host>: <what> (<reason>)", the
 * kept console's path, and its last lines. extra (e.g. qemu's own log) is
 * consulted for a reason when the console gives none.
 */
export async function bootFailure(
  names: HostNames,
  what: string,
  extra: { file: string; text: string } | null = null,
  dir = LAB_LOG_DIR,
): Promise<UserError> {
  const text = readConsole(names);
  const reason = bootFailureReason(text) ?? (extra?.text.trim() ? `${extra.file}: ${extra.text.trim().split('\n').pop()!.trim()}` : null);
  let kept: string | null = null;
  let keptError = '';
  try {
    kept = await keepConsole(names, new Date(), dir);
  } catch (err) {
    keptError = `\n(its console could not be kept in ${dir}: ${(err as Error).message})`;
  }
  const where = kept ? `\nconsole kept in ${kept}` : `\nno console in ${consoleLog(names)}`;
  const last = text ? `\nlast lines of the console${tail(plainConsole(text), 20)}` : '';
  return new UserError(`${names.host}: ${what}${reason ? ` (${reason})` : ''}${where}${keptError}${last}`, {
    hint: kept ? `the console stays in ${dir} after lab down` : undefined,
  });
}
