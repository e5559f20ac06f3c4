// Bringing one lab host up from nothing, waiting until it has booted, and
// tearing it down to nothing: the building blocks of up, down and recovery.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { run, tail } from './exec.js';
import { removeCgroups } from './cgroups.js';
import { consoleLog, prepareRoot, startContainer, stopContainer, type ContainerSpec } from './container.js';
import type { LabNetwork } from './addressing.js';
import { removeTree } from './mounts.js';
import { createHostNetwork, removeHostNetwork } from './network.js';
import type { HostNames } from './paths.js';
import { isRunning, type ProcessId } from './processes.js';
import { labSsh } from './ssh.js';
import { stopVm } from './vm/vm-host.js';

const PROPAGATE_DIR = '/run/systemd/nspawn/propagate';

/** Removes everything the lab made for this host: container or VM, namespace, veth or tap, overlay, cgroups, files. */
export async function tearDownHost(names: HostNames, nspawn: ProcessId | null, qemu: ProcessId | null = null): Promise<void> {
  await stopContainer(names, nspawn);
  await stopVm(names, qemu);
  await removeHostNetwork(names);
  await removeCgroups(names.cgroup);
  // nspawn's per-machine directory; it cannot remove it itself when /run is not a tmpfs
  const propagate = join(PROPAGATE_DIR, names.machine);
  if (existsSync(propagate)) await run('rm', ['-rf', '--one-file-system', '--', propagate]);
  await removeTree(names.dir); // unmounts the overlay first
}

/** Creates the host from scratch; returns nspawn's process id and whether /run/netns was created. */
export async function createHost(spec: ContainerSpec, net: LabNetwork): Promise<{ nspawn: ProcessId; createdNetnsDir: boolean }> {
  await prepareRoot(spec);
  const createdNetnsDir = await createHostNetwork(spec.names, spec.host.address, net);
  const nspawn = await startContainer(spec);
  return { nspawn, createdNetnsDir };
}

export interface HostProbe {
  ssh: boolean;
  state: string | null;          // systemctl is-system-running: running, degraded, starting, ...
  failedUnits: string[];
  error: string | null;          // why ssh failed
}

const PROBE = 'systemctl is-system-running; echo ---; systemctl list-units --state=failed --no-legend --plain | cut -d" " -f1';

/** One SSH round trip: is the host reachable, booted, and which units failed. */
export async function probeHost(address: string, opts: { wait?: boolean } = {}): Promise<HostProbe> {
  const cmd = opts.wait ? PROBE.replace('is-system-running', 'is-system-running --wait') : PROBE;
  let r;
  try {
    r = await labSsh(address, cmd, { timeoutMs: 120_000 });
  } catch (err) {
    return { ssh: false, state: null, failedUnits: [], error: (err as Error).message };
  }
  if (r.code === 255) return { ssh: false, state: null, failedUnits: [], error: r.stderr.trim() || 'ssh failed' };
  const [state, failed = ''] = r.stdout.split('---\n');
  return { ssh: true, state: state.trim() || null, failedUnits: failed.split('\n').filter(Boolean), error: null };
}

/**
 * Waits until the host answers over SSH and has finished booting (running or
 * degraded). proc is the host's systemd-nspawn, or its qemu for a VM.
 */
export async function waitBooted(names: HostNames, address: string, proc: ProcessId, timeoutMs = 120_000, what = 'container'): Promise<HostProbe> {
  const deadline = Date.now() + timeoutMs;
  let last: HostProbe | null = null;
  while (Date.now() < deadline) {
    if (!isRunning(proc)) {
      throw new UserError(`${names.host}: the ${what} stopped while booting${consoleTail(names)}`);
    }
    last = await probeHost(address, { wait: true });
    if (last.ssh && (last.state === 'running' || last.state === 'degraded')) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new UserError(`${names.host}: not up after ${timeoutMs / 1000} s (${last?.error ?? `state ${last?.state}`})${consoleTail(names)}`);
}

function consoleTail(names: HostNames): string {
  try {
    return `\nlast lines of ${consoleLog(names)}${tail(readFileSync(consoleLog(names), 'utf8').replace(/\x1b\[[0-9;]*m|\r/g, ''), 20)}`;
  } catch {
    return '';
  }
}
