// Which known_hosts files a host's key is checked against, as OpenSSH's
// UserKnownHostsFile then GlobalKnownHostsFile: the inventory's (or the ssh
// config's) file first, the one keys are recorded in, then files only read,
// by default the system-wide /etc/ssh/ssh_known_hosts and ssh_known_hosts2.

import type { Host } from '../inventory/types.js';
import { type KnownHostEntry, type KnownHosts, loadKnownHosts } from './known-hosts.js';

export const DEFAULT_GLOBAL_KNOWN_HOSTS: readonly string[] = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

export function knownHostsFiles(host: Host): string[] {
  return [host.ssh.knownHosts, ...(host.ssh.otherKnownHosts ?? DEFAULT_GLOBAL_KNOWN_HOSTS)];
}

/** Each file's entries tagged with the file; a missing file has none. Throws the first file that cannot be read. */
export async function loadKnownHostsFiles(files: readonly string[]): Promise<{ file: string; known: KnownHosts }[]> {
  const out: { file: string; known: KnownHosts }[] = [];
  for (const file of files) {
    const known = await loadKnownHosts(file).catch((err: unknown) => {
      throw Object.assign(err as Error, { file });
    });
    out.push({ file, known: { ...known, entries: known.entries.map((e) => ({ ...e, file })) } });
  }
  return out;
}

/** Every entry of every readable file, for choosing which host key types to ask for first. */
export async function loadAllKnownHosts(files: readonly string[]): Promise<KnownHostEntry[]> {
  const loaded = await Promise.all(files.map((f) => loadKnownHostsFiles([f]).catch(() => [])));
  return loaded.flat().flatMap((l) => l.known.entries);
}
