// A director VM's network: a tap device, named with the lab's prefix so
// `lab down` finds it, made a port of the lab bridge. qemu attaches to it by
// name; the VM's eth0 is the other side. Nothing here touches the control
// machine's own interfaces, routes or sysctls.

import { createHash } from 'node:crypto';
import { run, tryRun } from '../local-command.js';
import { deleteLink, labLinks } from '../network.js';
import { LAB_BRIDGE, LAB_PREFIX } from '../paths.js';

const IFNAMSIZ = 15;

/** lvsp-t-<host>, or lvsp-t + a hash when that is longer than an interface name may be. */
export function tapName(host: string): string {
  const readable = `${LAB_PREFIX}t-${host}`;
  if (readable.length <= IFNAMSIZ) return readable;
  return `${LAB_PREFIX}t${createHash('sha256')
    .update(host)
    .digest('hex')
    .slice(0, IFNAMSIZ - LAB_PREFIX.length - 1)}`;
}

/** A tap device made by the lab (for sweeping strays of a lost state file). */
export function isLabTap(ifname: string): boolean {
  return ifname.startsWith(`${LAB_PREFIX}t-`) || new RegExp(`^${LAB_PREFIX}t[0-9a-f]{9}$`).test(ifname);
}

/** A locally administered MAC from the host's IPv4 address (52:54:00 is qemu's prefix): stable across down/up. */
export function macAddress(ipv4: string): string {
  const [, b, c, d] = ipv4.split('.').map(Number);
  return ['52', '54', '00', b, c, d].map((x) => (typeof x === 'number' ? x.toString(16).padStart(2, '0') : x)).join(':');
}

export async function createTap(name: string): Promise<void> {
  await run('ip', ['tuntap', 'add', 'dev', name, 'mode', 'tap']);
  await run('ip', ['link', 'set', name, 'master', LAB_BRIDGE, 'up']);
}

export async function deleteTap(name: string): Promise<void> {
  if ((await labLinks()).includes(name)) await deleteLink(name);
}

/** The tap exists and is a port of the lab bridge (a recreated bridge has lost its ports). */
export async function tapAttached(name: string): Promise<boolean> {
  const r = await tryRun('ip', ['-j', 'link', 'show', 'dev', name]);
  if (r.code !== 0) return false;
  return (JSON.parse(r.stdout) as { master?: string }[])[0]?.master === LAB_BRIDGE;
}
