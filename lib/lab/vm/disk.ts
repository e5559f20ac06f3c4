// A director VM's disk: the VM base's root with the host's own files (the
// same ones a container gets: hostname, hosts, machine id, SSH host key, the
// lab's authorized key; plus eth0's address), written into a throwaway
// overlay and copied into a sparse raw ext4 image with `mkfs.ext4 -d`. The
// overlay goes away afterwards; the image is the VM's only per-host data.

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ContainerSpec, prepareRoot } from '../container.js';
import { run } from '../local-command.js';
import { unmountUnder } from '../mounts.js';
import type { HostNames } from '../paths.js';
import { renderNetworkFile, VM_NETWORK_FILE } from './guest-files.js';

/** Room for the deploy's packages and logs; the file is sparse, so unused space costs nothing. */
export const DISK_SIZE = '4G';

export function diskImage(names: HostNames): string {
  return join(names.dir, 'disk.img');
}

/** spec.rootfs is the VM base's root. */
export async function buildDisk(spec: ContainerSpec, prefix: number): Promise<string> {
  const { names } = spec;
  await prepareRoot(spec);
  const disk = diskImage(names);
  try {
    await writeFile(join(names.root, VM_NETWORK_FILE), renderNetworkFile(spec.host.address, prefix));
    await rm(disk, { force: true });
    await run('truncate', ['-s', DISK_SIZE, disk]);
    await run('mkfs.ext4', ['-q', '-F', '-L', 'lvsp-root', '-d', names.root, disk]);
  } finally {
    await unmountUnder(names.root);
    for (const d of ['root', 'upper', 'work']) await rm(join(names.dir, d), { recursive: true, force: true });
  }
  return disk;
}
