// Which known_hosts files a host's key is checked against, as OpenSSH's
// UserKnownHostsFile then GlobalKnownHostsFile: the inventory's (or the ssh
// config's) file first, the one keys are recorded in, then files only read,
// by default the system-wide /etc/ssh/ssh_known_hosts and ssh_known_hosts2.

import { statSync } from 'node:fs';
import type { Host } from '../inventory/types.js';
import { appendKnownHost, type KnownHosts, loadKnownHosts } from './known-hosts.js';
import { indexKnownHosts, type KnownHostsIndex } from './known-hosts-index.js';

export const DEFAULT_GLOBAL_KNOWN_HOSTS: readonly string[] = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

export function knownHostsFiles(host: Host): string[] {
  return [host.ssh.knownHosts, ...(host.ssh.otherKnownHosts ?? DEFAULT_GLOBAL_KNOWN_HOSTS)];
}

/** A file's lines (tagged with the file) and their index. */
export interface LoadedKnownHosts {
  file: string;
  known: KnownHosts;
  index: KnownHostsIndex;
}

/**
 * Each file read, parsed and indexed once while it stays the same: every
 * host of a run checks its key against the same files, and parsing them per
 * host made a run of H hosts cost H x E lines (400 hosts, a 400-line file:
 * 0.7 ms per parse, twice per host). The stamp (device, inode, size, mtime,
 * ctime) is read at each use, so a file another process changed, or that a
 * new key was appended to, is read again; recordKnownHost also forgets the
 * file. The promise is kept, so hosts looked up at once share one read.
 */
const cache = new Map<string, { stamp: string; loaded: Promise<LoadedKnownHosts> }>();

function stampOf(file: string): string {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return 'none'; // missing (an empty file) or unreadable: loadKnownHosts says which
  }
}

async function readTagged(file: string): Promise<LoadedKnownHosts> {
  const known = await loadKnownHosts(file).catch((err: unknown) => {
    throw Object.assign(err as Error, { file });
  });
  const entries = known.entries.map((e) => ({ ...e, file }));
  return { file, known: { ...known, entries }, index: indexKnownHosts(entries) };
}

/** One file, from the cache while its stamp is the same. The stamp is read
 * before the file, so what is kept is never older than its stamp. */
export function loadKnownHostsFile(file: string): Promise<LoadedKnownHosts> {
  const stamp = stampOf(file);
  const hit = cache.get(file);
  if (hit && hit.stamp === stamp) return hit.loaded;
  const slot = { stamp, loaded: readTagged(file) };
  cache.set(file, slot);
  const drop = () => {
    if (cache.get(file) === slot) cache.delete(file);
  };
  // an unreadable file is never kept: its error is read again, as before;
  // nor lines read from a file that was missing when stamped (created since)
  slot.loaded.then((l) => {
    if (stamp === 'none' && l.known.entries.length > 0) drop();
  }, drop);
  return slot.loaded;
}

/** Forget what was read of a file (after writing to it). */
export function forgetKnownHostsFile(file: string): void {
  cache.delete(file);
}

/** Record a host key (appendKnownHost), then forget the file's parse so the
 * next lookup, e.g. a second new host of the same run, reads the line. */
export async function recordKnownHost(...args: Parameters<typeof appendKnownHost>): Promise<void> {
  try {
    await appendKnownHost(...args);
  } finally {
    forgetKnownHostsFile(args[0]);
  }
}

/** Each file's entries tagged with the file, and their index; a missing file has none. Throws the first file that cannot be read. */
export async function loadKnownHostsFiles(files: readonly string[]): Promise<LoadedKnownHosts[]> {
  const out: LoadedKnownHosts[] = [];
  for (const file of files) out.push(await loadKnownHostsFile(file));
  return out;
}

/** The index of every readable file, for choosing which host key types to ask for first. */
export async function loadReadableKnownHosts(files: readonly string[]): Promise<KnownHostsIndex[]> {
  const loaded = await Promise.all(
    files.map((f) =>
      loadKnownHostsFile(f).then(
        (l) => [l.index],
        () => [],
      ),
    ),
  );
  return loaded.flat();
}
