// One lab host: a booted systemd container (systemd-nspawn --boot) on a
// throwaway overlay over the shared read-only root, in its own network
// namespace. The per-host files (hostname, machine id, SSH host key, the
// lab's authorized key, a real server's index.html) are written into the
// overlay before boot, so they are ordinary files the deploy may change.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REALSERVERS } from '../inventory/defaults.js';
import { createCgroups } from './cgroups.js';
import type { LabHost } from './inventory.js';
import { run } from './local-command.js';
import { isMountPoint } from './mounts.js';
import { NETNS_DIR, netnsPids } from './network.js';
import { type HostNames, REPO_MOUNT } from './paths.js';
import { type ProcessId, processId, stopProcesses } from './processes.js';

export interface ContainerSpec {
  names: HostNames;
  host: LabHost;
  allHosts: LabHost[]; // for /etc/hosts
  rootfs: string;
  repo: string;
  authorizedKey: string; // the lab's public key line
  hostKeyFile: string; // the host's private ed25519 host key (".pub" beside it)
}

export function consoleLog(names: HostNames): string {
  return join(names.dir, 'console.log');
}

/** Mounts the host's overlay (a fresh, empty upper layer) and writes its own files into it. */
export async function prepareRoot(spec: ContainerSpec): Promise<void> {
  const { names, host } = spec;
  const upper = join(names.dir, 'upper');
  const work = join(names.dir, 'work');
  for (const d of [upper, work, names.root]) await mkdir(d, { recursive: true });
  if (!isMountPoint(names.root)) {
    await run('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${spec.rootfs},upperdir=${upper},workdir=${work}`, names.root]);
  }
  const at = (p: string) => join(names.root, p);
  await writeFile(at('etc/hostname'), `${host.name}\n`);
  await writeFile(
    at('etc/hosts'),
    [
      '127.0.0.1\tlocalhost',
      `127.0.1.1\t${host.name}`,
      '::1\tlocalhost ip6-localhost ip6-loopback',
      '# lvs-play lab hosts',
      ...spec.allHosts.map((h) => `${h.address}\t${h.name}`),
      '',
    ].join('\n'),
  );
  await writeFile(at('etc/machine-id'), `${randomBytes(16).toString('hex')}\n`, { mode: 0o444 });
  await copyFile(spec.hostKeyFile, at('etc/ssh/ssh_host_ed25519_key'));
  await copyFile(`${spec.hostKeyFile}.pub`, at('etc/ssh/ssh_host_ed25519_key.pub'));
  await mkdir(at('root/.ssh'), { recursive: true, mode: 0o700 });
  await writeFile(at('root/.ssh/authorized_keys'), `${spec.authorizedKey}\n`, { mode: 0o600 });
  if (host.groups.includes(REALSERVERS)) {
    // the deploy installs the web server (nginx-light serves /var/www/html); the page names the host
    await mkdir(at('var/www/html'), { recursive: true });
    await writeFile(at('var/www/html/index.html'), `${host.name}\n`);
  }
}

/**
 * Starts systemd-nspawn detached (own session, output to console.log) in the
 * host's own cgroup, and returns its PID and start time for the state file.
 */
export async function startContainer(spec: ContainerSpec): Promise<ProcessId> {
  const { names } = spec;
  const cgroupProcs = await createCgroups(names.cgroup);
  const args = [
    '--boot',
    '--register=no',
    '--keep-unit',
    '--link-journal=no',
    '--console=read-only',
    '--resolv-conf=off',
    '--timezone=off',
    `--directory=${names.root}`,
    `--machine=${names.machine}`,
    `--hostname=${spec.host.name}`,
    `--network-namespace-path=${NETNS_DIR}/${names.netns}`,
    // NET_ADMIN: keepalived adds VIPs; NET_RAW: VRRP. Never CAP_SYS_TIME: the clock is not namespaced.
    '--capability=CAP_NET_ADMIN,CAP_NET_RAW',
    `--bind-ro=${spec.repo}:${REPO_MOUNT}`,
  ];
  const log = openSync(consoleLog(names), 'a');
  try {
    // the shell joins the cgroups, then becomes nspawn (same PID)
    const child = spawn(
      'sh',
      ['-c', 'for f in $LVSP_CGROUP_PROCS; do echo $$ > "$f" || exit 1; done; exec "$@"', 'sh', 'systemd-nspawn', ...args],
      {
        detached: true,
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          LVSP_CGROUP_PROCS: cgroupProcs.join(' '),
          SYSTEMD_NSPAWN_API_VFS_WRITABLE: 'network', // /proc/sys/net writable, per namespace (arp_ignore)
          SYSTEMD_NSPAWN_LOCK: '0', // no lock files left in /run/systemd/nspawn
        },
      },
    );
    child.unref();
    const id = child.pid === undefined ? null : processId(child.pid);
    if (!id) throw new Error(`systemd-nspawn for ${spec.host.name} did not start; see ${consoleLog(names)}`);
    return id;
  } finally {
    closeSync(log);
  }
}

/** The container's processes: those in its network namespace that live in another PID namespace. */
export async function containerProcesses(names: HostNames): Promise<ProcessId[]> {
  const ours = readlinkSync('/proc/self/ns/pid');
  const ids: ProcessId[] = [];
  for (const pid of await netnsPids(names.netns)) {
    try {
      if (readlinkSync(`/proc/${pid}/ns/pid`) === ours) continue; // e.g. someone's `ip netns exec` shell
    } catch {
      continue;
    }
    const id = processId(pid);
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * The host's systemd-nspawn when the state file lost it: the parent of a
 * container process whose command line names this host's machine.
 */
export async function findNspawn(names: HostNames): Promise<ProcessId | null> {
  for (const p of await containerProcesses(names)) {
    const ppid = parentPid(p.pid);
    if (ppid === null) continue;
    try {
      const argv = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0');
      if (/(^|\/)systemd-nspawn$/.test(argv[0]) && argv.includes(`--machine=${names.machine}`)) return processId(ppid);
    } catch {
      /* gone */
    }
  }
  return null;
}

function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * Stops the container: SIGTERM to nspawn (it shuts the container down
 * cleanly), SIGKILL after a grace period; then kills whatever of the
 * container is left (a container whose nspawn was killed keeps running).
 */
export async function stopContainer(names: HostNames, nspawn: ProcessId | null): Promise<void> {
  nspawn ??= await findNspawn(names);
  if (nspawn) await stopProcesses([nspawn], 'SIGTERM', 20_000);
  const left = await containerProcesses(names);
  if (left.length) await stopProcesses(left, 'SIGKILL', 10_000);
}
