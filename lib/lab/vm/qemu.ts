// One director VM as a qemu process: its command line (pure), starting it
// detached with the serial console in a file, finding it again from its
// pidfile when the state file lost it, and stopping it by PID (SIGTERM, on
// which qemu exits cleanly; SIGKILL after a grace period). Its disk is a
// throwaway copy, so the guest is not shut down first.

import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { type ProcessId, processId, stopProcesses } from '../processes.js';
import { REPO_TAG } from './guest-files.js';

export const QEMU = 'qemu-system-x86_64';

export type Accel = 'kvm' | 'tcg';

export interface VmLaunch {
  host: string;
  disk: string;
  tap: string;
  mac: string;
  vmlinuz: string;
  initrd: string;
  repo: string; // the lab's apt repository, shared read-only over 9p
  console: string; // serial console log
  pidfile: string;
  accel: Accel;
  memoryMb: number;
  cpus: number;
  append?: string; // more kernel command line (debugging: e.g. systemd.unit=rescue.target)
}

/**
 * The VMs' kernel command line: eth0, not ens3 (the unit configures eth0);
 * panic=-1 with -no-reboot, so a panicking VM ends qemu; no_timer_check,
 * because under TCG on a loaded machine qemu may not deliver the few timer
 * interrupts the kernel's early check waits ~80 ms for, and the kernel then
 * panics with "IO-APIC + timer doesn't work!" (3 boots in 70 at load
 * 10-30 on 2 cores); the timer works, it was only late.
 */
export const KERNEL_COMMAND_LINE = 'console=ttyS0 net.ifnames=0 panic=-1 no_timer_check';

/** What identifies the lab's qemu for a host on its command line. */
export function guestName(host: string): string {
  return `guest=lvsp-${host}`;
}

export function accelArgs(accel: Accel): string[] {
  return accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,thread=multi', '-cpu', 'max'];
}

export function qemuArgs(l: VmLaunch): string[] {
  return [
    '-name',
    guestName(l.host),
    ...accelArgs(l.accel),
    '-smp',
    String(l.cpus),
    '-m',
    `${l.memoryMb}M`,
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-no-reboot',
    '-kernel',
    l.vmlinuz,
    '-initrd',
    l.initrd,
    '-append',
    `${KERNEL_COMMAND_LINE} lvsp.host=${l.host}${l.append ? ` ${l.append}` : ''}`,
    '-drive',
    `file=${l.disk},format=raw,if=virtio,cache=unsafe`,
    '-netdev',
    `tap,id=net0,ifname=${l.tap},script=no,downscript=no`,
    '-device',
    `virtio-net-pci,netdev=net0,mac=${l.mac},romfile=`, // no PXE ROM: the kernel is loaded directly
    '-fsdev',
    `local,id=repo,path=${l.repo},security_model=none,readonly=on`,
    '-device',
    `virtio-9p-pci,fsdev=repo,mount_tag=${REPO_TAG}`,
    '-serial',
    `file:${l.console}`,
    '-pidfile',
    l.pidfile,
  ];
}

/** Starts qemu in its own session, its own output appended to log; returns its PID and start time. */
export function startQemu(l: VmLaunch, log: string): ProcessId {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(QEMU, qemuArgs(l), { detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    const id = child.pid === undefined ? null : processId(child.pid);
    if (!id) throw new UserError(`${QEMU} for ${l.host} did not start; see ${log}`);
    return id;
  } finally {
    closeSync(fd);
  }
}

/** The host's qemu from its pidfile, if that PID still runs qemu for this host. */
export function findQemu(host: string, pidfile: string): ProcessId | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidfile, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!argv.includes(guestName(host))) return null;
  } catch {
    return null;
  }
  return processId(pid);
}

export async function stopQemu(qemu: ProcessId): Promise<void> {
  await stopProcesses([qemu], 'SIGTERM', 10_000);
}
