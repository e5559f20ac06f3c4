// What the control machine needs for the director VMs, installed with apt
// when missing (under the same policy-rc.d guard as the lab's other
// prerequisites). qemu's own networking on the lab bridge needs no sysctl.

import { UserError } from '../../errors.js';
import { aptInstall, findCommand } from '../prerequisites.js';
import type { Progress } from '../progress.js';

/** command -> Debian package that provides it */
export const VM_REQUIRED_COMMANDS: Record<string, string> = {
  'qemu-system-x86_64': 'qemu-system-x86',
  'mkfs.ext4': 'e2fsprogs',
  'dpkg-deb': 'dpkg',
  truncate: 'coreutils',
};

export async function ensureVmPrerequisites(progress: Progress): Promise<void> {
  if (process.arch !== 'x64') {
    throw new UserError(`the datapath lab runs x86-64 Debian VMs with qemu-system-x86_64; this machine is ${process.arch}`);
  }
  const missing = [
    ...new Set(
      Object.entries(VM_REQUIRED_COMMANDS)
        .filter(([cmd]) => !findCommand(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return;
  if (!findCommand('apt-get')) throw new UserError(`the datapath lab needs ${missing.join(', ')}; install them and retry`);
  await progress.step(`installing the datapath lab's prerequisites: ${missing.join(' ')}`, () => aptInstall(missing, progress));
}
