// The one root filesystem every container boots from (read-only, below each
// host's throwaway overlay): built once with debootstrap and cached under a
// name that hashes everything it is made from, so a change of the package
// list or of the recipe builds a new one instead of reusing a stale one.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { tail, tryRun } from './local-command.js';
import { removeTree } from './mounts.js';
import { LAB_CACHE_DIR, REPO_MOUNT } from './paths.js';
import type { Progress } from './progress.js';

export const SUITE = 'bookworm';
/** What sshd, apt and a booted systemd need, and nothing a deploy installs (no keepalived, ipvsadm, chrony, web server). */
export const BASE_PACKAGES = ['systemd', 'systemd-sysv', 'dbus', 'openssh-server', 'iproute2', 'procps', 'python3'];
/** Bump when customise() changes, so cached roots are rebuilt. */
const RECIPE = 1;

export function mirror(): string {
  return process.env.LVS_PLAY_DEBIAN_MIRROR || 'http://deb.debian.org/debian';
}

export function rootfsDir(): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ SUITE, mirror: mirror(), BASE_PACKAGES, RECIPE }))
    .digest('hex')
    .slice(0, 12);
  return join(LAB_CACHE_DIR, `rootfs-${SUITE}-${key}`);
}

/** The cached root, built first if missing. The directory appears only once complete (rename). */
export async function ensureRootfs(progress: Progress): Promise<string> {
  const dir = rootfsDir();
  if (existsSync(dir)) return dir;
  const build = `${dir}.build`;
  const log = join(LAB_CACHE_DIR, 'debootstrap.log');
  await progress.step(`building the lab's base system with debootstrap (${SUITE}, about a minute; log ${log})`, async () => {
    await removeTree(build); // a build cut short earlier (may hold debootstrap's /proc and /sys mounts)
    await mkdir(LAB_CACHE_DIR, { recursive: true });
    const r = await tryRun('debootstrap', ['--variant=minbase', `--include=${BASE_PACKAGES.join(',')}`, SUITE, build, mirror()]);
    await writeFile(log, r.stdout + r.stderr);
    if (r.code !== 0) {
      await removeTree(build);
      throw new UserError(`debootstrap failed (exit ${r.code})${tail(r.stdout + r.stderr)}`, {
        hint: `it needs ${mirror()} (set LVS_PLAY_DEBIAN_MIRROR for another mirror); full log in ${log}`,
      });
    }
    await customise(build);
    await rename(build, dir);
  });
  return dir;
}

/** Turns a fresh debootstrap into the lab's shared base. */
async function customise(root: string): Promise<void> {
  const at = (p: string) => join(root, p);
  // host keys and machine id are per container (written into each upper layer)
  for (const f of await readdir(at('etc/ssh'))) if (f.startsWith('ssh_host_')) await rm(at(`etc/ssh/${f}`));
  await writeFile(
    at('etc/ssh/sshd_config.d/lvs-play-lab.conf'),
    "# lvs-play lab: one ed25519 host key per container, recorded in the lab's known_hosts\n" +
      'HostKey /etc/ssh/ssh_host_ed25519_key\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n',
  );
  await writeFile(at('etc/machine-id'), '');
  await rm(at('var/lib/dbus/machine-id'), { force: true });
  await symlink('/etc/machine-id', at('var/lib/dbus/machine-id'));
  // the only package source: the lab's local repository (the containers reach no registry)
  await writeFile(at('etc/apt/sources.list'), `deb [trusted=yes] file:${REPO_MOUNT} ./\n`);
  await rm(at('etc/apt/sources.list.d'), { recursive: true, force: true });
  await mkdir(at('etc/apt/sources.list.d'));
  await mkdir(at(REPO_MOUNT.slice(1)), { recursive: true });
  await tryRun('chroot', [root, 'apt-get', 'clean']);
  await rm(at('var/lib/apt/lists'), { recursive: true, force: true });
  await mkdir(at('var/lib/apt/lists/partial'), { recursive: true });
  // no name server: nothing in a container may try to leave the lab
  await writeFile(at('etc/resolv.conf'), '# lvs-play lab: no DNS, the lab reaches nothing outside its bridge\n');
  // apt's timers run apt-get at boot (Persistent=true) and would hold the dpkg lock a deploy needs
  for (const unit of ['apt-daily.timer', 'apt-daily-upgrade.timer']) {
    await rm(at(`etc/systemd/system/${unit}`), { force: true });
    await symlink('/dev/null', at(`etc/systemd/system/${unit}`));
  }
}

/** Removes cached roots other than keep (after no container uses them any more). */
export async function pruneRootfs(keep: string[]): Promise<void> {
  if (!existsSync(LAB_CACHE_DIR)) return;
  for (const name of await readdir(LAB_CACHE_DIR)) {
    const p = join(LAB_CACHE_DIR, name);
    if (/^rootfs-/.test(name) && !name.endsWith('.build') && !keep.includes(p)) await removeTree(p);
  }
}
