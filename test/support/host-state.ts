// Everything a run of the seed playbook may change on a lab host, as one
// comparable text: the files it writes (mode, owner, hash), what else lies in
// their folders (a temp file left behind shows), the sysctls it sets, its
// services' state, and the journal folders and lock on the host. Two equal
// snapshots mean the host is byte-for-byte as it was, as far as lvs-play goes.

import { SWITCHES_DIR } from '../../lib/render/switches.js';
import type { Lab } from './lab.js';

const FILES = [
  '/etc/keepalived/keepalived.conf',
  '/etc/default/keepalived',
  '/etc/sysctl.d/90-lvs-play.conf',
  '/etc/chrony/chrony.conf',
  '/usr/local/sbin/lvs-play-dr-client',
  '/etc/lvs-play/dr-client.vips',
  '/etc/systemd/system/lvs-play-dr-client.service',
];
const FOLDERS = ['/etc/keepalived', '/etc/sysctl.d', '/etc/chrony', '/etc/lvs-play', '/etc/systemd/system', '/usr/local/sbin'];
const SYSCTLS = [
  'net/ipv4/ip_forward',
  'net/ipv4/conf/all/arp_ignore',
  'net/ipv4/conf/all/arp_announce',
  'net/ipv4/conf/lo/arp_ignore',
  'net/ipv4/conf/lo/arp_announce',
];

export const SNAPSHOT_COMMAND = [
  `for f in ${FILES.join(' ')}; do`,
  '  if [ -e "$f" ]; then echo "$f $(stat -c %a:%U:%G "$f") $(sha256sum < "$f" | cut -c1-16)"; else echo "$f absent"; fi; done',
  `for d in ${FOLDERS.join(' ')}; do echo "$d: $(ls -A "$d" 2>/dev/null | tr '\\n' ' ')"; done`,
  `for k in ${SYSCTLS.join(' ')}; do echo "$k=$(cat /proc/sys/$k)"; done`,
  'for u in keepalived chrony lvs-play-dr-client; do echo "$u $(systemctl is-enabled $u 2>/dev/null) $(systemctl is-active $u 2>/dev/null)"; done',
  'echo "lo: $(ip -br addr show dev lo | tr -s " ")"',
  "echo \"journal: $(ls -A /var/lib/lvs-play/journal 2>/dev/null | tr '\\n' ' ')\"",
].join('\n');

export function snapshot(lab: Lab, host: string): Promise<string> {
  return lab.run(host, SNAPSHOT_COMMAND);
}

export async function snapshots(lab: Lab, hosts: string[]): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(hosts.map(async (h) => [h, await snapshot(lab, h)] as const)));
}

/** The lines that differ, for a failure message. */
export function snapshotDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  return b
    .map((line, i) => (line === a[i] ? null : `- ${a[i] ?? ''}\n+ ${line}`))
    .filter(Boolean)
    .join('\n');
}

/**
 * Prints a director's switches as "drain-lvs01=1" lines (handover too), one
 * read per file: a file an undrain removes between the listing and the read
 * is not listed, never listed empty.
 */
export const SWITCH_VALUES_COMMAND = `cd ${SWITCHES_DIR} 2>/dev/null && for f in drain-* handover; do v=$(cat "$f" 2>/dev/null) && echo "$f=$v"; done; true`;
