// Bringing one lab host up from nothing, waiting until it has booted, and
// tearing it down to nothing: the building blocks of up, down and recovery.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { LabNetwork } from './addressing.js';
import { bootFailure, initrdFailed } from './boot-failure.js';
import { removeCgroups } from './cgroups.js';
import { type ContainerSpec, consoleLog, prepareRoot, startContainer, stopContainer } from './container.js';
import { run } from './local-command.js';
import { removeTree } from './mounts.js';
import { createHostNetwork, removeHostNetwork } from './network.js';
import { type HostNames, LAB_LOG_DIR } from './paths.js';
import { isRunning, type ProcessId } from './processes.js';
import { labSsh } from './ssh.js';
import { qemuLog, stopVm } from './vm/vm-host.js';

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
  state: string | null; // systemctl is-system-running: running, degraded, starting, ...
  failedUnits: string[];
  error: string | null; // why ssh failed
}

const PROBE = 'systemctl is-system-running; echo ---; systemctl list-units --state=failed --no-legend --plain | cut -d" " -f1';

/** One SSH round trip: is the host reachable, booted, and which units failed. signal cancels it (a failed probe). */
export async function probeHost(address: string, opts: { wait?: boolean; signal?: AbortSignal } = {}): Promise<HostProbe> {
  const cmd = opts.wait ? PROBE.replace('is-system-running', 'is-system-running --wait') : PROBE;
  let r: Awaited<ReturnType<typeof labSsh>>;
  try {
    r = await labSsh(address, cmd, { timeoutMs: 120_000, signal: opts.signal });
  } catch (err) {
    return { ssh: false, state: null, failedUnits: [], error: (err as Error).message };
  }
  if (r.code === 255) return { ssh: false, state: null, failedUnits: [], error: r.stderr.trim() || 'ssh failed' };
  const [state, failed = ''] = r.stdout.split('---\n');
  return { ssh: true, state: state.trim() || null, failedUnits: failed.split('\n').filter(Boolean), error: null };
}

export interface WaitBootedOptions {
  timeoutMs?: number; // default 2 minutes
  what?: string; // 'container' (default) or 'VM'
  logDir?: string; // where the console of a host that did not boot is kept (LAB_LOG_DIR)
}

/** OpenSSH's words when the key that answered is not the one in the lab's known_hosts. */
const HOST_KEY_MISMATCH = /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/;

/**
 * The lab gives every host its host key before it boots, so a key that does
 * not match is never a host still booting: another machine answers at the
 * address (one of the client's traffic source addresses, a host of another
 * lab). Waiting would only end in a boot timeout that names no reason.
 */
export function anotherMachineAnswers(host: string, address: string, probe: HostProbe): UserError | null {
  if (!probe.error || !HOST_KEY_MISMATCH.test(probe.error)) return null;
  return new UserError(
    `${host}: another machine answers at ${address}: its SSH host key is not the one lab up gave ${host} (ssh: host key verification failed)`,
    {
      hint: `find what else holds ${address} on the lab bridge (ip neigh show ${address}; lvs-play lab ssh client -- ip -br addr) and give ${host} an address nothing else uses`,
    },
  );
}

/** How often waitBooted looks at the host's process and console while a probe is under way. */
const WATCH_MS = 250;

/**
 * Waits until the host answers over SSH and has finished booting (running or
 * degraded). proc is the host's systemd-nspawn, or its qemu for a VM. While
 * an SSH probe is under way (`is-system-running --wait` may take minutes on
 * a slow VM) the process and the console are watched, so a host that stops,
 * or whose VM initrd says it failed, is reported at once. A host that does
 * not boot is reported with the reason its console gives, and its console is
 * kept in LAB_LOG_DIR (see bootFailure).
 */
export async function waitBooted(names: HostNames, address: string, proc: ProcessId, opts: WaitBootedOptions = {}): Promise<HostProbe> {
  const { timeoutMs = 120_000, what = 'container', logDir = LAB_LOG_DIR } = opts;
  const deadline = Date.now() + timeoutMs;
  let last: HostProbe | null = null;
  const gone = (): string | null => {
    if (!isRunning(proc)) return `the ${what} stopped while booting`;
    if (initrdFailed(readConsole(names))) return `the ${what}'s initrd failed`;
    return null;
  };
  while (Date.now() < deadline) {
    let why = gone();
    if (why) throw await bootFailure(names, why, extraLog(names, what), logDir);
    const abort = new AbortController();
    const watch = setInterval(() => {
      if (gone()) abort.abort();
    }, WATCH_MS);
    try {
      last = await probeHost(address, { wait: true, signal: abort.signal });
    } finally {
      clearInterval(watch);
    }
    if (last.ssh && (last.state === 'running' || last.state === 'degraded')) return last;
    const impostor = anotherMachineAnswers(names.host, address, last);
    if (impostor) throw impostor;
    why = gone();
    if (why) throw await bootFailure(names, why, extraLog(names, what), logDir);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw await bootFailure(
    names,
    `not up after ${timeoutMs / 1000} s (${last?.error ?? `state ${last?.state}`})`,
    extraLog(names, what),
    logDir,
  );
}

function readConsole(names: HostNames): string {
  try {
    return readFileSync(consoleLog(names), 'utf8');
  } catch {
    return '';
  }
}

/** A VM's qemu log (qemu's own errors: a tap it could not open, ...), for when the console says nothing. */
function extraLog(names: HostNames, what: string): { file: string; text: string } | null {
  if (what !== 'VM') return null;
  try {
    return { file: qemuLog(names), text: readFileSync(qemuLog(names), 'utf8') };
  } catch {
    return null;
  }
}
