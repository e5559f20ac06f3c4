// The VMs' initrd: Debian's kernel has virtio, ext4 and 9p as modules, so a
// tiny initramfs (static busybox, those modules, and /init) loads them,
// mounts the root disk and switches to its systemd (or the kernel command
// line's init=). The module list and its
// order come from the VM root's own `modprobe --show-depends` (dependencies
// and softdeps resolved by kmod). With `lvsp.probe` on the kernel command
// line /init only prints PROBE_MARK and powers off: the accelerator probe.

import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from '../local-command.js';

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

/** How long /init waits for the root disk (guest seconds; TCG under load is slow, so generous, but bounded). */
export const ROOT_WAIT_S = 120;
/** What /init prints before powering off when it cannot hand over; lab up reports the rest of that line. */
export const INITRD_FAILED = 'lvs-play initrd: FAILED: ';

/**
 * A shell function for /init: `inroot ROOT PATH` prints where the absolute
 * PATH of the new root is under ROOT once every symlink in it is followed as
 * the new root will see it (an absolute target starts again at ROOT: Debian's
 * /sbin/init is a link to /lib/systemd/systemd, and /lib to usr/lib). It
 * fails after 40 links (a loop).
 */
export const INROOT_FUNCTION = `inroot() {
  local root="$1" todo="$2" at= c t n=0
  while [ -n "$todo" ]; do
    c="\${todo%%/*}"
    if [ "$c" = "$todo" ]; then todo=; else todo="\${todo#*/}"; fi
    case "$c" in ''|.) continue;; ..) at="\${at%/*}"; continue;; esac
    if [ -L "$root$at/$c" ]; then
      n=$((n+1)); [ $n -le 40 ] || return 1
      t=$(readlink "$root$at/$c") || return 1
      case "$t" in /*) at=;; esac
      todo="$t/$todo"
    else
      at="$at/$c"
    fi
  done
  echo "$root$at"
}`;

/**
 * The initrd's /init. It runs as PID 1, and if PID 1 exits the kernel
 * panics; so no path may end it: every failure goes through fail (the reason
 * on the console after INITRD_FAILED, then power off, and should that
 * return, sleep forever), and what switch_root needs is checked before it
 * runs (the root mounted on /newroot, an executable init on it, its /dev),
 * because once exec'd a failing switch_root ends PID 1.
 */
export function renderInit(): string {
  return `#!/bin/busybox sh
# lvs-play lab VM initrd: load the modules, mount ${ROOT_DEVICE}, hand over to systemd (or the
# command line's init=). This is PID 1: it must never exit (the kernel would panic), so a failure
# prints why and powers off, and the hand-over is checked before switch_root is exec'd.
export PATH=/bin
/bin/busybox --install -s /bin
say() { echo "lvs-play initrd: $*"; }
fail() {
  echo "${INITRD_FAILED}$*"
  sleep 2   # let the serial port drain before the power goes
  poweroff -f
  while :; do sleep 3600; done
}
${INROOT_FUNCTION}
mkdir -p /proc /sys /dev /newroot
mount -t proc proc /proc || fail "cannot mount /proc"
mount -t sysfs sysfs /sys || fail "cannot mount /sys"
mount -t devtmpfs devtmpfs /dev || fail "cannot mount devtmpfs on /dev"
for m in $(cat /modules); do
  insmod "$m" 2>/dev/null || grep -q "^$(basename "$m" .ko | tr - _) " /proc/modules || say "insmod $m failed"
done
if grep -q 'lvsp.probe' /proc/cmdline; then echo "${PROBE_MARK}"; poweroff -f; while :; do sleep 3600; done; fi
i=0
while [ ! -b ${ROOT_DEVICE} ]; do
  [ $i -lt ${ROOT_WAIT_S * 10} ] || fail "${ROOT_DEVICE} did not appear within ${ROOT_WAIT_S} s (block devices: $(ls /sys/class/block | tr '\\n' ' '))"
  [ $((i % 100)) -ne 99 ] || say "still waiting for ${ROOT_DEVICE}"
  sleep 0.1; i=$((i+1))
done
mount -t ext4 -o rw ${ROOT_DEVICE} /newroot || fail "cannot mount ${ROOT_DEVICE} (ext4) on /newroot"
grep -q '^${ROOT_DEVICE} /newroot ' /proc/mounts || fail "${ROOT_DEVICE} is not mounted on /newroot"
init=/sbin/init
for arg in $(cat /proc/cmdline); do case "$arg" in init=*) init="\${arg#init=}";; esac; done
case "$init" in /*) ;; *) fail "init=$init: not an absolute path";; esac
target=$(inroot /newroot "$init") || fail "$init: too many levels of symbolic links on ${ROOT_DEVICE}"
[ -f "$target" ] && [ -x "$target" ] || fail "$init is not an executable file on ${ROOT_DEVICE}"
[ -d /newroot/dev ] || fail "${ROOT_DEVICE} has no /dev"
umount /sys || say "cannot unmount /sys"
umount /proc || say "cannot unmount /proc"
mount --move /dev /newroot/dev || fail "cannot move /dev to the new root"
say "switching to $init on ${ROOT_DEVICE}"
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
  await writeFile(join(work, 'modules'), `${modules.join('\n')}\n`);
  await writeFile(join(work, 'init'), renderInit(), { mode: 0o755 });
  await run(busybox, ['sh', '-c', 'cd "$1" && find . | busybox cpio -o -H newc | gzip -6 > "$2"', 'sh', work, out], {
    env: { PATH: `${dirname(busybox)}:${process.env.PATH ?? ''}` },
  });
}
