// The VMs' initrd: Debian's kernel has virtio, ext4 and 9p as modules, so a
// tiny initramfs (static busybox, those modules, and /init) loads them,
// mounts the root disk and switches to its systemd (or the kernel command
// line's init=). The module list and its
// order come from the VM root's own `modprobe --show-depends` (dependencies
// and softdeps resolved by kmod). With `lvsp.probe` on the kernel command
// line /init only prints PROBE_MARK and powers off: the accelerator probe.

import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from '../exec.js';

/** Root disk, eth0, the apt repository over 9p; crc32c first: ext4 and jbd2 ask the crypto API for it. */
export const INITRD_MODULES = ['crc32c_generic', 'virtio_pci', 'virtio_blk', 'ext4', 'virtio_net', '9pnet_virtio', '9p'];
export const PROBE_MARK = 'lvs-play-probe-ok';
export const ROOT_DEVICE = '/dev/vda';

/** The insmod paths of `modprobe --show-depends` output, first occurrence only, in load order. */
export function parseShowDepends(out: string): string[] {
  const seen = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^insmod (\S+)/.exec(line.trim());
    if (m) seen.add(m[1]!);
  }
  return [...seen];
}

export function renderInit(): string {
  return `#!/bin/busybox sh
# lvs-play lab VM initrd: load the modules, mount ${ROOT_DEVICE}, hand over to systemd
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev /newroot
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /modules); do
  insmod "$m" 2>/dev/null || grep -q "^$(basename "$m" .ko | tr - _) " /proc/modules || echo "lvs-play initrd: insmod $m failed"
done
if grep -q 'lvsp.probe' /proc/cmdline; then echo "${PROBE_MARK}"; poweroff -f; fi
i=0
while [ ! -b ${ROOT_DEVICE} ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
if ! mount -t ext4 -o rw ${ROOT_DEVICE} /newroot; then
  echo "lvs-play initrd: cannot mount ${ROOT_DEVICE}"; sleep 1; poweroff -f
fi
init=/sbin/init
for arg in $(cat /proc/cmdline); do case "$arg" in init=*) init="\${arg#init=}";; esac; done
umount /proc /sys
mount --move /dev /newroot/dev
exec switch_root /newroot "$init"
`;
}

/**
 * Writes a gzipped newc cpio to out: busybox, INITRD_MODULES with their
 * dependencies (copied from root, which has kmod and a depmod'ed
 * /lib/modules/<release>), and /init. busybox also builds the archive.
 */
export async function buildInitrd(root: string, release: string, busybox: string, work: string, out: string): Promise<void> {
  const paths: string[] = [];
  for (const m of INITRD_MODULES) {
    paths.push(...parseShowDepends(await run('chroot', [root, 'modprobe', '--show-depends', '-S', release, m])));
  }
  const modules = [...new Set(paths)];
  await mkdir(join(work, 'bin'), { recursive: true });
  await copyFile(busybox, join(work, 'bin/busybox'));
  for (const p of modules) {
    await mkdir(join(work, dirname(p)), { recursive: true });
    await copyFile(join(root, p), join(work, p));
  }
  await writeFile(join(work, 'modules'), modules.join('\n') + '\n');
  await writeFile(join(work, 'init'), renderInit(), { mode: 0o755 });
  await run(busybox, ['sh', '-c', 'cd "$1" && find . | busybox cpio -o -H newc | gzip -6 > "$2"', 'sh', work, out], {
    env: { PATH: `${dirname(busybox)}:${process.env.PATH ?? ''}` },
  });
}
