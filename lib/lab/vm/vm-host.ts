// One director as a VM, from nothing to booting and back to nothing: its
// disk (from the VM base), its tap on the lab bridge, its qemu. The files
// live in the host's lab directory (hosts/<host>/), like a container's, so
// `lab down` and recovery find them the same way.

import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabNetwork } from '../addressing.js';
import { type ContainerSpec, consoleLog } from '../container.js';
import type { LabHost } from '../inventory.js';
import type { HostNames } from '../paths.js';
import { isRunning, type ProcessId } from '../processes.js';
import type { VmRecord } from '../state.js';
import type { VmBase } from './base.js';
import { buildDisk } from './disk.js';
import { type Accel, findQemu, startQemu, stopQemu } from './qemu.js';
import { createTap, deleteTap, macAddress, tapAttached, tapName } from './tap.js';

/**
 * Memory and vCPUs per VM, bounded, settable for a bigger machine
 * (LVS_PLAY_LAB_VM_MEMORY_MB, 256-8192, default 512; LVS_PLAY_LAB_VM_CPUS,
 * 1-8, default 1), and extra kernel command line for debugging a boot
 * (LVS_PLAY_LAB_VM_APPEND).
 */
export function vmSettings(env: NodeJS.ProcessEnv = process.env): { memoryMb: number; cpus: number; append: string } {
  const within = (v: string | undefined, min: number, max: number, dflt: number) => {
    const n = Number(v ?? dflt);
    return Number.isInteger(n) && n >= min && n <= max ? n : dflt;
  };
  return {
    memoryMb: within(env.LVS_PLAY_LAB_VM_MEMORY_MB, 256, 8192, 512),
    cpus: within(env.LVS_PLAY_LAB_VM_CPUS, 1, 8, 1),
    append: env.LVS_PLAY_LAB_VM_APPEND ?? '',
  };
}

export function qemuPidfile(names: HostNames): string {
  return join(names.dir, 'qemu.pid');
}

/** qemu's own output (its errors, not the guest's console). */
export function qemuLog(names: HostNames): string {
  return join(names.dir, 'qemu.log');
}

/** Builds the disk, makes the tap and starts qemu; the VM then boots on its own (wait with waitBooted). */
export async function createVmHost(spec: ContainerSpec, base: VmBase, net: LabNetwork, accel: Accel): Promise<VmRecord> {
  const { names, host } = spec;
  await mkdir(names.dir, { recursive: true });
  const disk = await buildDisk({ ...spec, rootfs: base.root }, net.prefix);
  const tap = tapName(host.name);
  await deleteTap(tap);
  await createTap(tap);
  const settings = vmSettings();
  const qemu = startQemu(
    {
      host: host.name,
      disk,
      tap,
      mac: macAddress(host.address),
      vmlinuz: base.vmlinuz,
      initrd: base.initrd,
      repo: spec.repo,
      console: consoleLog(names),
      pidfile: qemuPidfile(names),
      accel,
      ...settings,
    },
    qemuLog(names),
  );
  return {
    name: host.name,
    address: host.address,
    base: base.dir,
    qemu,
    accel,
    tap,
    append: settings.append,
    startedAt: new Date().toISOString(),
  };
}

/** Stops the host's VM (the recorded qemu, else the one its pidfile names) and removes its tap. */
export async function stopVm(names: HostNames, recorded: ProcessId | null): Promise<void> {
  const qemu = recorded && isRunning(recorded) ? recorded : findQemu(names.host, qemuPidfile(names));
  if (qemu) await stopQemu(qemu);
  await deleteTap(tapName(names.host));
  await rm(qemuPidfile(names), { force: true });
}

/**
 * A recorded VM that runs, as this inventory wants it, from the current base,
 * with the current extra kernel command line (a VM booted with
 * LVS_PLAY_LAB_VM_APPEND=init=/bin/false is not the one a later lab up
 * wants, even while it is still on its way to failing), on the bridge.
 */
export async function vmHealthy(
  rec: VmRecord | undefined,
  host: LabHost,
  base: VmBase,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  return (
    !!rec &&
    rec.address === host.address &&
    rec.base === base.dir &&
    (rec.append ?? '') === vmSettings(env).append &&
    isRunning(rec.qemu) &&
    (await tapAttached(rec.tap))
  );
}
