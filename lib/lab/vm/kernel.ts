// Debian's own kernel for the datapath VMs (the control machine's kernel has
// no IP_VS): linux-image-amd64 resolved to the versioned package it depends
// on, fetched with `apt-get download` and unpacked with `dpkg-deb -x`, never
// installed on the control machine. Its config is checked for what the VMs
// need, as built-in or module (the initrd loads the modules).

import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { run } from '../local-command.js';

export const KERNEL_META_PACKAGE = 'linux-image-amd64';

/** What the VMs use: booting (initrd, virtio disk, ext4, serial console), eth0, the apt repository over 9p, LVS, and IPIP for TUN real servers. */
export const REQUIRED_KERNEL_OPTIONS = [
  'BLK_DEV_INITRD',
  'RD_GZIP',
  'DEVTMPFS',
  'SERIAL_8250_CONSOLE',
  'UNIX',
  'PACKET',
  'VIRTIO_PCI',
  'VIRTIO_BLK',
  'EXT4_FS',
  'VIRTIO_NET',
  'NET_9P_VIRTIO',
  '9P_FS',
  'IP_VS',
  'IP_VS_RR',
  'IP_VS_PROTO_TCP',
  'NET_IPIP', // tunl0, for a LVS-TUN real server
];

export interface VmKernel {
  package: string; // e.g. linux-image-6.1.0-57-amd64
  release: string; // uname -r, e.g. 6.1.0-57-amd64
  vmlinuz: string; // absolute path in the unpacked tree
  modulesDir: string; // <tree>/lib/modules/<release>
  config: string; // <tree>/boot/config-<release>
}

/** The versioned package of `apt-cache depends linux-image-amd64` ("  Depends: linux-image-6.1.0-57-amd64"). */
export function abiPackage(aptCacheDepends: string): string {
  const m = /^\s*Depends:\s*(linux-image-\d\S*)\s*$/m.exec(aptCacheDepends);
  if (!m) throw new UserError(`cannot tell which kernel ${KERNEL_META_PACKAGE} depends on:\n${aptCacheDepends.trim()}`);
  return m[1]!;
}

/** Options of REQUIRED_KERNEL_OPTIONS that the config has neither built in (=y) nor as a module (=m). */
export function missingKernelOptions(config: string): string[] {
  const set = new Set([...config.matchAll(/^CONFIG_(\w+)=[ym]$/gm)].map((m) => m[1]));
  return REQUIRED_KERNEL_OPTIONS.filter((o) => !set.has(o));
}

/** Downloads and unpacks the current Debian kernel into dir (the caller ran apt-get update). */
export async function fetchKernel(dir: string): Promise<VmKernel> {
  const pkg = abiPackage(await run('apt-cache', ['depends', KERNEL_META_PACKAGE], { env: { LC_ALL: 'C' } }));
  const debs = join(dir, 'debs');
  const tree = join(dir, 'tree');
  await mkdir(debs, { recursive: true });
  await run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', pkg], { cwd: debs });
  const deb = readdirSync(debs).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (!deb) throw new UserError(`apt-get download ${pkg} left no .deb in ${debs}`);
  await run('dpkg-deb', ['-x', join(debs, deb), tree]);
  const release = readdirSync(join(tree, 'lib/modules'))[0];
  if (!release) throw new UserError(`${deb} holds no /lib/modules/<release>`);
  const kernel: VmKernel = {
    package: pkg,
    release,
    vmlinuz: join(tree, 'boot', `vmlinuz-${release}`),
    modulesDir: join(tree, 'lib/modules', release),
    config: join(tree, 'boot', `config-${release}`),
  };
  const missing = missingKernelOptions(readFileSync(kernel.config, 'utf8'));
  if (missing.length) {
    throw new UserError(`Debian's kernel ${release} lacks what the datapath VMs need: ${missing.map((o) => `CONFIG_${o}`).join(', ')}`);
  }
  return kernel;
}
