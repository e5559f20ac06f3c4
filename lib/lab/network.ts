// The lab's network on the control machine: one bridge (LAB_BRIDGE) with the
// control side's address, and per host a network namespace with a veth pair:
// one end enslaved to the bridge, the other inside as eth0 with the host's
// address. No default route inside: the containers reach the bridge's subnet
// and nothing else. Nothing here touches the control machine's own
// interfaces, routes or sysctls.

import { existsSync, readdirSync } from 'node:fs';
import type { LabNetwork } from './addressing.js';
import { run, tryRun } from './local-command.js';
import { type HostNames, LAB_BRIDGE, LAB_PREFIX } from './paths.js';

export const NETNS_DIR = '/run/netns';

interface IpLink {
  ifname: string;
  addr_info?: { family: string; local: string; prefixlen: number }[];
}

async function links(): Promise<IpLink[]> {
  return JSON.parse(await run('ip', ['-j', 'address', 'show'])) as IpLink[];
}

/** Names of the lab's links (bridge, veths) present now. */
export async function labLinks(): Promise<string[]> {
  return (await links()).map((l) => l.ifname.replace(/@.*$/, '')).filter((n) => n.startsWith(LAB_PREFIX));
}

/** Names of the lab's network namespaces present now. */
export function labNetns(): string[] {
  return existsSync(NETNS_DIR) ? readdirSync(NETNS_DIR).filter((n) => n.startsWith(LAB_PREFIX)) : [];
}

export async function ensureBridge(net: LabNetwork): Promise<void> {
  const want = `${net.bridgeAddress}/${net.prefix}`;
  const bridge = (await links()).find((l) => l.ifname === LAB_BRIDGE);
  if (!bridge) await run('ip', ['link', 'add', LAB_BRIDGE, 'type', 'bridge']);
  const have = (bridge?.addr_info ?? []).filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`);
  if (have.length !== 1 || have[0] !== want) {
    await run('ip', ['address', 'flush', 'dev', LAB_BRIDGE]);
    await run('ip', ['address', 'add', want, 'dev', LAB_BRIDGE]);
  }
  await run('ip', ['link', 'set', LAB_BRIDGE, 'up']);
}

/** The host's veth exists and is a port of the lab bridge (a recreated bridge has lost its ports). */
export async function vethAttached(names: HostNames): Promise<boolean> {
  const r = await tryRun('ip', ['-j', 'link', 'show', 'dev', names.veth]);
  if (r.code !== 0) return false;
  return (JSON.parse(r.stdout) as { master?: string }[])[0]?.master === LAB_BRIDGE;
}

export async function removeBridge(): Promise<void> {
  if ((await labLinks()).includes(LAB_BRIDGE)) await deleteLink(LAB_BRIDGE);
}

/** Deletes a link; one that vanished meanwhile (its namespace died) is fine. */
export async function deleteLink(name: string): Promise<void> {
  const r = await tryRun('ip', ['link', 'delete', name]);
  if (r.code !== 0 && (await labLinks()).includes(name)) throw new Error(`ip link delete ${name} failed: ${r.stderr.trim()}`);
}

/**
 * Creates the host's namespace and veth pair from scratch (the caller removed
 * any leftover first). Returns whether /run/netns had to be created.
 */
export async function createHostNetwork(names: HostNames, address: string, net: LabNetwork): Promise<boolean> {
  // `ip netns add` creates /run/netns (as a shared mount) if missing; down removes it again then
  const createdNetnsDir = !existsSync(NETNS_DIR);
  await run('ip', ['netns', 'add', names.netns]);
  await run('ip', ['link', 'add', names.veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', names.netns]);
  await run('ip', ['link', 'set', names.veth, 'master', LAB_BRIDGE, 'up']);
  const inside = (...args: string[]) => run('ip', ['-n', names.netns, ...args]);
  await inside('address', 'add', `${address}/${net.prefix}`, 'dev', 'eth0');
  await inside('link', 'set', 'lo', 'up');
  await inside('link', 'set', 'eth0', 'up');
  return createdNetnsDir;
}

/** PIDs of every process inside the host's namespace (the container, orphaned or not). */
export async function netnsPids(netns: string): Promise<number[]> {
  if (!labNetns().includes(netns)) return [];
  const r = await tryRun('ip', ['netns', 'pids', netns]);
  return r.code === 0 ? r.stdout.split('\n').filter(Boolean).map(Number) : [];
}

export async function removeHostNetwork(names: HostNames): Promise<void> {
  if (existsSync(`${NETNS_DIR}/${names.netns}`)) await run('ip', ['netns', 'delete', names.netns]);
  // the veth dies with its namespace (asynchronously); delete it in case something still holds the namespace
  if ((await labLinks()).includes(names.veth)) await deleteLink(names.veth);
}

/**
 * Drops the control side's neighbour (ARP) entries for these lab addresses
 * on the bridge: a host brought up again has a new MAC, and a stale entry
 * would delay reaching it by up to half a minute. Lab bridge entries only.
 */
export async function forgetNeighbours(addresses: string[]): Promise<void> {
  for (const a of addresses) await tryRun('ip', ['neigh', 'flush', 'dev', LAB_BRIDGE, 'to', a]);
}
