// KVM when it works, TCG otherwise. /dev/kvm being there is not enough
// (on some nested hosts qemu aborts at once: "failed to set MSR ..."), so the
// probe boots the VM kernel with the initrd's probe mode, which prints
// PROBE_MARK and powers off: about a second under KVM. Any other outcome
// (abort, error, no mark within the timeout) means TCG. LVS_PLAY_LAB_ACCEL
// (kvm|tcg) skips the probe.

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { UserError } from '../../errors.js';
import { PROBE_MARK } from './initrd.js';
import { type Accel, accelArgs, KERNEL_COMMAND_LINE, QEMU } from './qemu.js';

export interface AccelChoice {
  accel: Accel;
  reason: string;
}

const PROBE_TIMEOUT_MS = 20_000;

export async function chooseAccel(vmlinuz: string, initrd: string): Promise<AccelChoice> {
  const forced = process.env.LVS_PLAY_LAB_ACCEL;
  if (forced === 'kvm' || forced === 'tcg') return { accel: forced, reason: 'set by LVS_PLAY_LAB_ACCEL' };
  if (forced) throw new UserError(`LVS_PLAY_LAB_ACCEL=${forced}: use kvm or tcg (or leave it unset to probe)`);
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return { accel: 'tcg', reason: 'no usable /dev/kvm' };
  }
  const probe = await probeKvm(vmlinuz, initrd);
  return probe.ok ? { accel: 'kvm', reason: 'KVM probe booted' } : { accel: 'tcg', reason: `KVM unusable: ${probe.why}` };
}

async function probeKvm(vmlinuz: string, initrd: string): Promise<{ ok: boolean; why: string }> {
  const args = [
    ...accelArgs('kvm'),
    '-m',
    '128M',
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-no-reboot',
    '-kernel',
    vmlinuz,
    '-initrd',
    initrd,
    '-append',
    `${KERNEL_COMMAND_LINE} quiet lvsp.probe`,
    '-serial',
    'stdio',
  ];
  return new Promise((resolve) => {
    const child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, why: e.message });
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      if (out.includes(PROBE_MARK)) return resolve({ ok: true, why: '' });
      const first = err.split('\n').find((l) => l.trim()) ?? '';
      resolve({
        ok: false,
        why: sig === 'SIGKILL' ? `no boot within ${PROBE_TIMEOUT_MS / 1000} s` : first.trim() || `qemu exited ${code}`,
      });
    });
  });
}
