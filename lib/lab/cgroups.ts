// Each container runs in its own cgroup, named after it, at the root of the
// cgroup hierarchies systemd-nspawn uses (cgroup2 and, on hybrid machines,
// v1 "name=systemd"). Why: with --keep-unit nspawn puts the container below
// the cgroup it was started in; two containers started from one cgroup would
// share one payload/system.slice/*.service tree, and `systemctl stop
// keepalived` in one would kill keepalived in the other.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LAB_PREFIX } from './paths.js';

/** Mount points of the hierarchies nspawn manages. */
export function cgroupRoots(): string[] {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter(([, , type, opts]) => type === 'cgroup2' || (type === 'cgroup' && (opts ?? '').split(',').includes('name=systemd')))
    .map(([, mnt]) => mnt);
}

/** Creates the cgroup in every hierarchy; returns the cgroup.procs files to join before exec'ing nspawn. */
export async function createCgroups(name: string): Promise<string[]> {
  const procs: string[] = [];
  for (const root of cgroupRoots()) {
    await mkdir(join(root, name), { recursive: true });
    procs.push(join(root, name, 'cgroup.procs'));
  }
  return procs;
}

/** Removes the cgroup trees (they must hold no process any more). */
export async function removeCgroups(name: string): Promise<void> {
  for (const root of cgroupRoots()) await removeCgroupTree(join(root, name));
}

async function removeCgroupTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) await removeCgroupTree(join(dir, e.name));
  await rmdir(dir);
}

/** The lab's cgroups present now (by name), for sweeping. */
export function labCgroups(): string[] {
  const names = new Set<string>();
  for (const root of cgroupRoots()) {
    for (const n of readdirSync(root)) if (n.startsWith(LAB_PREFIX)) names.add(n);
  }
  return [...names];
}
