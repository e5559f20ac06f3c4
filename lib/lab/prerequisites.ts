// What the control machine needs to run the lab, and installing what is
// missing. Installing must not start a daemon on the control machine: a
// policy-rc.d that refuses every start guards the install and is removed
// afterwards (only if the lab created it).

import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { run, tail, tryRun } from './local-command.js';
import type { Progress } from './progress.js';

/** command -> Debian package that provides it */
export const REQUIRED_COMMANDS: Record<string, string> = {
  'systemd-nspawn': 'systemd-container',
  debootstrap: 'debootstrap',
  'dpkg-scanpackages': 'dpkg-dev',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  ip: 'iproute2',
};

const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Linux, root, apt and overlayfs, or a UserError saying exactly which is missing. */
export function assertCanRunLab(): void {
  if (process.platform !== 'linux') {
    throw new UserError(`the lab needs Linux (systemd-nspawn, network namespaces); this is ${process.platform}`);
  }
  if (process.getuid?.() !== 0) {
    throw new UserError('the lab needs root: it creates network namespaces, a bridge, overlay mounts and containers', {
      hint: 'run it as root, e.g. sudo npx lvs-play lab up',
    });
  }
}

export function findCommand(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...PATH_DIRS];
  for (const d of dirs) {
    try {
      accessSync(`${d}/${name}`, constants.X_OK);
      return `${d}/${name}`;
    } catch {
      /* next */
    }
  }
  return null;
}

export function missingPackages(): string[] {
  const missing = Object.entries(REQUIRED_COMMANDS)
    .filter(([cmd]) => !findCommand(cmd))
    .map(([, pkg]) => pkg);
  return [...new Set(missing)];
}

export async function ensurePrerequisites(progress: Progress): Promise<void> {
  assertCanRunLab();
  if (!/\boverlay\b/.test(readFileSync('/proc/filesystems', 'utf8'))) {
    // overlay may be a module that is not loaded yet; loading it is up to the administrator
    throw new UserError("the kernel does not offer overlayfs, which the lab needs for the containers' throwaway layers", {
      hint: 'load it (modprobe overlay) or use a kernel with CONFIG_OVERLAY_FS',
    });
  }
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (!findCommand('apt-get')) {
    throw new UserError(
      `the lab needs ${missing.join(', ')} and can only install them with apt-get (Debian, Ubuntu); install them and retry`,
    );
  }
  await progress.step(`installing lab prerequisites: ${missing.join(' ')}`, () => aptInstall(missing, progress));
}

/** apt-get update + install, with a policy-rc.d that stops any daemon from starting meanwhile. */
export async function aptInstall(packages: string[], progress: Progress): Promise<void> {
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy)
    await writeFile(POLICY_RC_D, '#!/bin/sh\n# lvs-play lab: no daemon starts while it installs packages\nexit 101\n', { mode: 0o755 });
  try {
    await aptUpdate(progress);
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  } finally {
    if (ownPolicy) await rm(POLICY_RC_D, { force: true });
  }
}

/**
 * apt-get update on the control machine. A source that cannot be reached
 * (a third-party repository behind a firewall) is only a warning here: what
 * the lab needs comes from Debian, and the install or download that follows
 * fails clearly if it is really missing.
 */
export async function aptUpdate(progress: Progress): Promise<void> {
  const r = await tryRun('apt-get', ['update', '-qq'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.code !== 0) progress.note(`apt-get update reported problems (continuing)${tail(r.stderr || r.stdout, 5)}`);
}
