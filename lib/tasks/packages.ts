// Install the packages the inventory gives the host's groups (directors:
// keepalived and ipvsadm by default), with apt or dnf/yum by /etc/os-release.
// Package lists are refreshed only when the host has none.

import { HostError } from '../errors.js';
import { osReleaseFact } from '../facts/os-release.js';
import { packagesFact } from '../facts/packages.js';
import type { Cluster, Host } from '../inventory/types.js';
import { defineTask } from './define-task.js';
import type { Change, Task, TaskContext } from './task.js';

export function hostPackages(cluster: Cluster, host: Host): string[] {
  const names = host.groups.flatMap((g) => cluster.packages[g] ?? []);
  return [...new Set(names)].sort();
}

/** The change installing `wanted` packages that are missing, or null. Shared with time-sync (chrony). */
export function installChange(ctx: TaskContext, facts: import('../facts/fact.js').FactValues, wanted: string[]): Change | null {
  const state = facts.get(packagesFact(wanted));
  const missing = wanted.filter((p) => state.installed[p] === null);
  if (missing.length === 0) return null;
  const os = facts.get(osReleaseFact);
  if (!os.packageManager)
    throw new HostError(ctx.host.name, `cannot install ${missing.join(' ')}: unsupported OS "${os.id}" (apt, dnf and yum are known)`, {
      hint: 'install the packages on this host by hand, or leave it out of the run with --limit',
    });
  return {
    summary: `not installed: ${missing.join(' ')}`,
    steps: [
      { kind: 'install', packages: missing, manager: os.packageManager, refresh: os.packageManager === 'apt' && !state.aptListsPresent },
    ],
  };
}

export const packagesTask: Task = defineTask({
  name: 'packages',
  facts: ({ cluster, host }) => [osReleaseFact, packagesFact(hostPackages(cluster, host))],
  diff(ctx, facts) {
    const wanted = hostPackages(ctx.cluster, ctx.host);
    const change = wanted.length ? installChange(ctx, facts, wanted) : null;
    return { changes: change ? [change] : [], notes: [] };
  },
});
