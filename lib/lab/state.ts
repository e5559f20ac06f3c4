// The lab's record of what it made: per host the container's PIDs, the
// overlay it boots from and the rootfs below it. Written atomically after
// every change, so a killed `lab up` leaves a record `lab up`/`lab down` can
// clean up from (they also sweep by name, in case the record itself is lost).

import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { LAB_STATE_DIR, labFiles } from './paths.js';
import { isRunning, type ProcessId, processId } from './processes.js';

export interface HostRecord {
  name: string;
  address: string;
  rootfs: string; // the read-only lower layer it booted from
  nspawn: ProcessId; // systemd-nspawn: SIGTERM shuts the container down
  startedAt: string;
}

/** A director run as a qemu VM (lab up --datapath): see lib/lab/vm/. */
export interface VmRecord {
  name: string;
  address: string;
  base: string; // the cached VM base (root, kernel, initrd) its disk was made from
  qemu: ProcessId; // qemu-system-x86_64: SIGTERM stops the VM
  accel: 'kvm' | 'tcg';
  tap: string; // its tap device, a port of the lab bridge
  append?: string; // the extra kernel command line it booted with (LVS_PLAY_LAB_VM_APPEND); absent: none
  startedAt: string;
}

/** A real server answered by an alias address of another container (lab up --max-containers, lib/lab/aliases.ts). */
export interface AliasRecord {
  name: string;
  address: string;
  container: string;
}

export interface LabState {
  version: 1;
  inventory: string | null;
  /** lab up --datapath: the directors are VMs (vms), the other hosts containers (hosts) */
  datapath: { accel: 'kvm' | 'tcg'; reason: string; kernelRelease: string } | null;
  bridge: { name: string; cidr: string } | null;
  /** true when /run/netns did not exist before the lab: down then removes it once empty */
  createdNetnsDir: boolean;
  hosts: Record<string, HostRecord>;
  vms: Record<string, VmRecord>;
  /** absent in a state written before aliases existed */
  aliases?: Record<string, AliasRecord>;
  /** the lab's NTP responder on the bridge address, which the VMs' chrony needs (containers cannot set a clock) */
  timeServer: ProcessId | null;
}

export const EMPTY_STATE: LabState = {
  version: 1,
  inventory: null,
  datapath: null,
  bridge: null,
  createdNetnsDir: false,
  hosts: {},
  vms: {},
  timeServer: null,
};

export async function readState(): Promise<LabState> {
  try {
    const s = JSON.parse(await readFile(labFiles.stateFile, 'utf8')) as LabState;
    return s.version === 1 ? { ...EMPTY_STATE, ...s, hosts: { ...s.hosts }, vms: { ...s.vms } } : structuredClone(EMPTY_STATE);
  } catch {
    return structuredClone(EMPTY_STATE);
  }
}

/** The inventory a lab command reads: the one given, else the one the lab was brought up with (if it is still there), else the default. */
export function labInventoryOf(given: string | undefined, state: LabState): string | undefined {
  return given ?? (state.inventory && existsSync(state.inventory) ? state.inventory : undefined);
}

export async function writeState(state: LabState): Promise<void> {
  await writeFileAtomic(labFiles.stateFile, `${JSON.stringify(state, null, 2)}\n`, 0o644);
}

let tmpCounter = 0;

export async function writeFileAtomic(path: string, content: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${++tmpCounter}`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, path);
}

/**
 * One lab command at a time: the lock file holds the owner's PID and start
 * time; a lock whose owner is gone (killed `lab up`) is taken over.
 */
export async function withLabLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(LAB_STATE_DIR, { recursive: true, mode: 0o755 });
  const me = processId(process.pid)!;
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(labFiles.lockFile, JSON.stringify(me), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 3) throw err;
      let owner: ProcessId | null = null;
      try {
        owner = JSON.parse(await readFile(labFiles.lockFile, 'utf8'));
      } catch {
        /* half-written: stale */
      }
      if (owner && isRunning(owner)) {
        throw new UserError(`another lvs-play lab command (PID ${owner.pid}) is running`, {
          hint: `wait for it to finish, or remove ${labFiles.lockFile} if that process is not lvs-play`,
        });
      }
      await rm(labFiles.lockFile, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    await rm(labFiles.lockFile, { force: true });
  }
}
