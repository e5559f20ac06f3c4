// Which known_hosts files a host's key is checked against, as OpenSSH's
// UserKnownHostsFile then GlobalKnownHostsFile: the inventory's (or the ssh
// config's) file first, the one keys are recorded in, then files only read,
// by default the system-wide /etc/ssh/ssh_known_hosts and ssh_known_hosts2.

import { statSync } from 'node:fs';
import type { Host } from '../inventory/types.js';
import { type KnownHostEntry, type KnownHosts, loadKnownHosts } from './known-hosts.js';

export const DEFAULT_GLOBAL_KNOWN_HOSTS: readonly string[] = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

export function knownHostsFiles(host: Host): string[] {
  return [host.ssh.knownHosts, ...(host.ssh.otherKnownHosts ?? DEFAULT_GLOBAL_KNOWN_HOSTS)];
}

/**
 * Each file parsed once while it stays the same: every host of a run checks
 * its key against the same files, and parsing them per host made a run of
 * H hosts cost H x E lines (400 hosts, a 400-line file: 0.7 ms per parse,
 * twice per host). The stamp (device, inode, size, mtime) is read at each
 * use, so a file another process changed, or that a new key was appended
 * to (--accept-new-host-keys), is read again.
 */
const parsed = new Map<string, { stamp: string; known: KnownHosts }>();

function stampOf(file: string): string {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'none'; // missing (an empty file) or unreadable: loadKnownHosts says which
  }
}

async function loadTagged(file: string): Promise<KnownHosts> {
  const stamp = stampOf(file);
  const hit = parsed.get(file);
  if (hit && hit.stamp === stamp) return hit.known;
  const known = await loadKnownHosts(file).catch((err: unknown) => {
    throw Object.assign(err as Error, { file });
  });
  const tagged = { ...known, entries: known.entries.map((e) => ({ ...e, file })) };
  // an unreadable file is never cached: its error is read again, as before
  if (stamp !== 'none' || known.entries.length === 0) parsed.set(file, { stamp, known: tagged });
  return tagged;
}

/** Each file's entries tagged with the file; a missing file has none. Throws the first file that cannot be read. */
export async function loadKnownHostsFiles(files: readonly string[]): Promise<{ file: string; known: KnownHosts }[]> {
  const out: { file: string; known: KnownHosts }[] = [];
  for (const file of files) out.push({ file, known: await loadTagged(file) });
  return out;
}

/** Every entry of every readable file, for choosing which host key types to ask for first. */
export async function loadAllKnownHosts(files: readonly string[]): Promise<KnownHostEntry[]> {
  const loaded = await Promise.all(files.map((f) => loadKnownHostsFiles([f]).catch(() => [])));
  return loaded.flat().flatMap((l) => l.known.entries);
}
