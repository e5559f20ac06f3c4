// The cached base every director VM boots from: a copy of the lab's root
// plus what a VM needs and a container does not (kmod for modprobe, the
// kernel's modules, eth0 set up from a per-host file, the apt repository
// mounted over 9p), Debian's kernel and an initrd. Built once per lab root
// and recipe; each VM gets a disk image made from it (disk.ts).

import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { installSet } from '../apt-repo.js';
import { run } from '../local-command.js';
import { removeTree } from '../mounts.js';
import { LAB_CACHE_DIR } from '../paths.js';
import { aptUpdate } from '../prerequisites.js';
import type { Progress } from '../progress.js';
import { writeFileAtomic } from '../state.js';
import { NETWORK_UNIT, renderFstab, renderNetworkUnit, VM_NETWORK_FILE } from './guest-files.js';
import { buildInitrd, renderInit } from './initrd.js';
import { fetchKernel, type VmKernel } from './kernel.js';

/** Bump when the recipe below changes, so cached bases are rebuilt. */
const VM_RECIPE = 3;
/** Packages a VM needs beyond the lab root: modprobe (keepalived and the kernel load ip_vs with it). */
const VM_PACKAGES = ['kmod'];
/** Module trees kept in the VM (the rest: graphics, sound, wireless, USB... ~300 MB no VM uses). */
const KEEP_MODULES = ['arch', 'block', 'crypto', 'fs', 'lib', 'mm', 'net', 'virt', 'drivers/virtio', 'drivers/block', 'drivers/char'];

export interface VmBase {
  dir: string;
  root: string; // the VM root tree (lower layer of each VM's disk)
  vmlinuz: string;
  initrd: string;
  kernelRelease: string;
  kernelPackage: string;
}

export function vmBaseDir(rootfs: string): string {
  // the initrd's /init is part of the recipe: a changed script builds a new base
  const init = createHash('sha256').update(renderInit()).digest('hex');
  const key = createHash('sha256')
    .update(JSON.stringify({ rootfs: basename(rootfs), VM_RECIPE, VM_PACKAGES, KEEP_MODULES, init }))
    .digest('hex')
    .slice(0, 12);
  return join(LAB_CACHE_DIR, `vm-${key}`);
}

export async function ensureVmBase(rootfs: string, progress: Progress): Promise<VmBase> {
  const dir = vmBaseDir(rootfs);
  if (existsSync(join(dir, 'base.json'))) return JSON.parse(await readFile(join(dir, 'base.json'), 'utf8')) as VmBase;
  const build = `${dir}.build`;
  await progress.step(`building the directors' VM base: Debian's kernel, an initrd, a root with kmod (once; ${dir})`, async () => {
    await removeTree(build);
    await mkdir(build, { recursive: true });
    await aptUpdate(progress);
    const kernel = await fetchKernel(join(build, 'kernel'));
    const busybox = await fetchBusybox(join(build, 'busybox'));
    const root = join(build, 'root');
    await run('cp', ['-a', '--reflink=auto', rootfs, root]);
    await copyModules(kernel, root);
    await installPackages(rootfs, root, join(build, 'debs'));
    await run('chroot', [root, 'depmod', kernel.release]);
    await customise(root);
    await buildInitrd(root, kernel.release, busybox, join(build, 'initrd'), join(build, 'initrd.img'));
    await run('cp', [kernel.vmlinuz, join(build, 'vmlinuz')]);
    for (const scratch of ['kernel', 'busybox', 'debs', 'initrd']) await rm(join(build, scratch), { recursive: true, force: true });
    const base: VmBase = {
      dir,
      root: join(dir, 'root'),
      vmlinuz: join(dir, 'vmlinuz'),
      initrd: join(dir, 'initrd.img'),
      kernelRelease: kernel.release,
      kernelPackage: kernel.package,
    };
    await writeFileAtomic(join(build, 'base.json'), `${JSON.stringify(base, null, 2)}\n`, 0o644);
    await rename(build, dir);
    progress.note(`kernel ${kernel.release} (${kernel.package})`);
  });
  return JSON.parse(await readFile(join(dir, 'base.json'), 'utf8')) as VmBase;
}

async function fetchBusybox(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', 'busybox-static'], { cwd: dir });
  const deb = readdirSync(dir).find((f) => f.endsWith('.deb'))!;
  await run('dpkg-deb', ['-x', join(dir, deb), join(dir, 'tree')]);
  return join(dir, 'tree/bin/busybox');
}

async function copyModules(kernel: VmKernel, root: string): Promise<void> {
  const to = join(root, 'usr/lib/modules', kernel.release);
  await mkdir(join(to, 'kernel/drivers'), { recursive: true });
  for (const f of ['modules.builtin', 'modules.builtin.modinfo', 'modules.order']) {
    if (existsSync(join(kernel.modulesDir, f))) await run('cp', ['-a', join(kernel.modulesDir, f), to]);
  }
  for (const d of KEEP_MODULES) {
    const from = join(kernel.modulesDir, 'kernel', d);
    if (existsSync(from)) await run('cp', ['-a', from, join(to, 'kernel', d, '..')]);
  }
  // drivers/net: the virtual devices at its top (virtio_net, net_failover, tun, veth, dummy...), no hardware NICs
  const net = join(kernel.modulesDir, 'kernel/drivers/net');
  await mkdir(join(to, 'kernel/drivers/net'), { recursive: true });
  for (const f of await readdir(net)) if (f.includes('.ko')) await run('cp', ['-a', join(net, f), join(to, 'kernel/drivers/net')]);
}

/** VM_PACKAGES and what they need beyond the lab root, installed with dpkg in a chroot; no daemon starts. */
async function installPackages(rootfs: string, root: string, debs: string): Promise<void> {
  const wanted = await installSet(rootfs, VM_PACKAGES);
  if (wanted.length === 0) return;
  await mkdir(debs, { recursive: true });
  await run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', ...wanted.map((p) => `${p.name}=${p.version}`)], { cwd: debs });
  const inRoot = join(root, 'tmp/lvs-play-debs');
  await run('cp', ['-a', debs, inRoot]);
  const policy = join(root, 'usr/sbin/policy-rc.d');
  await writeFile(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const files = (await readdir(inRoot)).filter((f) => f.endsWith('.deb')).map((f) => `/tmp/lvs-play-debs/${f}`);
    await run('chroot', [root, 'dpkg', '-i', ...files], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  } finally {
    await rm(policy, { force: true });
    await rm(inRoot, { recursive: true, force: true });
  }
}

/** What differs from a container: eth0 from a per-host file, the repository over 9p, ip_vs loaded, no serial getty. */
async function customise(root: string): Promise<void> {
  const at = (p: string) => join(root, p);
  await writeFile(at(`etc/systemd/system/${NETWORK_UNIT}`), renderNetworkUnit());
  await mkdir(at('etc/systemd/system/multi-user.target.wants'), { recursive: true });
  await symlink(`/etc/systemd/system/${NETWORK_UNIT}`, at(`etc/systemd/system/multi-user.target.wants/${NETWORK_UNIT}`));
  await mkdir(dirname(at(VM_NETWORK_FILE)), { recursive: true });
  await writeFile(at('etc/fstab'), renderFstab());
  // ip_vs at boot, before systemd-sysctl: net.ipv4.vs.* sysctls (inventory/lab-datapath.json sets
  // expire_quiescent_template on the directors) exist on the first deploy and after a reboot
  await writeFile(at('etc/modules-load.d/lvs-play-ip_vs.conf'), '# lvs-play lab VM: IP_VS is what a director is for\nip_vs\n');
  // no udev in the VM: a getty on ttyS0 would wait for a device unit that never appears
  await symlink('/dev/null', at('etc/systemd/system/serial-getty@ttyS0.service'));
}

/** Removes cached VM bases other than keep. */
export async function pruneVmBases(keep: string[]): Promise<void> {
  if (!existsSync(LAB_CACHE_DIR)) return;
  for (const name of await readdir(LAB_CACHE_DIR)) {
    const p = join(LAB_CACHE_DIR, name);
    if (/^vm-[0-9a-f]+(\.build)?$/.test(name) && !keep.includes(p)) await removeTree(p);
  }
}
