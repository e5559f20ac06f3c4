// The lab's local apt repository: the packages a deploy installs, plus every
// dependency the base root lacks, fetched on the control machine and indexed
// as a flat repository. Every container sees it read-only at REPO_MOUNT and
// has it as its only source, so `apt-get install keepalived` works there with
// no network. The directory stays the same across rebuilds (files are replaced
// in place), so containers that are already running see the new index.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { DEFAULTS } from '../inventory/defaults.js';
import { run, tail, tryRun } from './local-command.js';
import { labFiles } from './paths.js';
import { aptUpdate } from './prerequisites.js';
import type { Progress } from './progress.js';
import { writeFileAtomic } from './state.js';

/** Always in the repository: what a deploy installs by default, the lab's web server, an HTTP client for the client
 * host, and what the outside-the-repository playbook test installs (nftables, prometheus-node-exporter). */
export const LAB_REPO_PACKAGES = [...DEFAULTS.packages.directors, 'chrony', 'nginx-light', 'curl', 'nftables', 'prometheus-node-exporter'];

const STAMP = '.lvs-play-stamp';

export function repoPackages(inventoryPackages: string[]): string[] {
  return [...new Set([...LAB_REPO_PACKAGES, ...inventoryPackages])].sort();
}

/** Builds or refreshes the repository for this root and package list; a no-op when they have not changed. */
export async function ensureAptRepo(rootfs: string, packages: string[], progress: Progress): Promise<string> {
  const dir = labFiles.repoDir;
  const key = createHash('sha256')
    .update(JSON.stringify({ rootfs: basename(rootfs), packages }))
    .digest('hex');
  const stampFile = join(dir, STAMP);
  if (existsSync(join(dir, 'Packages')) && existsSync(stampFile) && (await readFile(stampFile, 'utf8')).trim() === key) return dir;

  await progress.step(`building the local apt repository (${packages.join(' ')} and their dependencies)`, async () => {
    await aptUpdate(progress);
    const wanted = await installSet(rootfs, packages);
    const download = `${dir}.download`;
    await rm(download, { recursive: true, force: true });
    await mkdir(download, { recursive: true });
    await run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', ...wanted.map((p) => `${p.name}=${p.version}`)], {
      cwd: download,
    });
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const fetched = (await readdir(download)).filter((f) => f.endsWith('.deb'));
    for (const f of await readdir(dir)) if (f.endsWith('.deb') && !fetched.includes(f)) await rm(join(dir, f));
    for (const f of fetched) await rename(join(download, f), join(dir, f));
    await rm(download, { recursive: true, force: true });
    await writeIndex(dir);
    await writeFileAtomic(stampFile, `${key}\n`, 0o644);
    progress.note(`${fetched.length} packages in ${dir}`);
  });
  return dir;
}

export interface PackageVersion {
  name: string;
  version: string;
}

/**
 * What `apt-get install PACKAGES` would install on the base root: apt on the
 * control machine, reading the root's dpkg status instead of its own.
 * Recommends are included so a deploy may install with or without them.
 */
export async function installSet(rootfs: string, packages: string[]): Promise<PackageVersion[]> {
  const r = await tryRun(
    'apt-get',
    [
      '-o',
      `Dir::State::status=${join(rootfs, 'var/lib/dpkg/status')}`,
      '-o',
      'APT::Install-Recommends=true',
      '-o',
      'APT::Install-Suggests=false',
      '-o',
      'Debug::NoLocking=true',
      'install',
      '-s',
      '-y',
      ...packages,
    ],
    { env: { LC_ALL: 'C' } },
  );
  if (r.code !== 0) {
    const unknown = [...r.stderr.matchAll(/Unable to locate package (\S+)/g)].map((m) => m[1]);
    throw new UserError(
      unknown.length
        ? `package ${unknown.join(', ')} not found in the control machine's apt sources (the lab serves only packages it can download)`
        : `apt-get cannot compute the packages for ${packages.join(' ')}${tail(r.stderr)}`,
    );
  }
  return parseSimulation(r.stdout);
}

/** "Inst NAME [OLD] (VERSION ARCHIVE [ARCH])" lines of `apt-get install -s`. */
export function parseSimulation(stdout: string): PackageVersion[] {
  return [...stdout.matchAll(/^Inst (\S+) (?:\[[^\]]*\] )?\((\S+) /gm)].map((m) => ({ name: m[1], version: m[2] }));
}

/** Packages and Release of a flat repository ("deb [trusted=yes] file:DIR ./"). */
async function writeIndex(dir: string): Promise<void> {
  const packages = await run('dpkg-scanpackages', ['--multiversion', '.', '/dev/null'], { cwd: dir });
  await writeFileAtomic(join(dir, 'Packages'), packages, 0o644);
  const size = (await stat(join(dir, 'Packages'))).size;
  const sha256 = createHash('sha256').update(packages).digest('hex');
  await writeFileAtomic(
    join(dir, 'Release'),
    ['Origin: lvs-play', 'Label: lvs-play lab', `Date: ${new Date().toUTCString()}`, 'SHA256:', ` ${sha256} ${size} Packages`, ''].join(
      '\n',
    ),
    0o644,
  );
}
