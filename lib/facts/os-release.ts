// Which OS family a host belongs to and which package manager it uses, from
// /etc/os-release. The family decides where chrony and keepalived keep their
// files (see lib/render/os-layout.ts).

import type { OsFamily } from '../render/os-layout.js';
import type { Fact } from './fact.js';

export type PackageManager = 'apt' | 'dnf' | 'yum';
/** debian: Debian, Ubuntu and their derivatives; rhel: RHEL, Rocky, Alma, CentOS (Stream), Fedora */
export type { OsFamily } from '../render/os-layout.js';
export interface OsRelease {
  id: string;
  idLike: string[];
  versionId: string;
  family: OsFamily | null;
  packageManager: PackageManager | null;
}

const DEBIAN_IDS = ['debian', 'ubuntu'];
const RHEL_IDS = ['rhel', 'fedora', 'centos'];

export function parseOsRelease(text: string): OsRelease {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  const id = vars.ID ?? '';
  const idLike = (vars.ID_LIKE ?? '').split(/\s+/).filter(Boolean);
  const ids = [id, ...idLike];
  const family: OsFamily | null = ids.some((f) => DEBIAN_IDS.includes(f))
    ? 'debian'
    : ids.some((f) => RHEL_IDS.includes(f))
      ? 'rhel'
      : null;
  let packageManager: PackageManager | null = null;
  if (family === 'debian') packageManager = 'apt';
  else if (family === 'rhel') {
    const major = parseInt(vars.VERSION_ID ?? '0', 10);
    packageManager = id === 'fedora' || major >= 8 ? 'dnf' : 'yum';
  }
  return { id, idLike, versionId: vars.VERSION_ID ?? '', family, packageManager };
}

export const osReleaseFact: Fact<OsRelease> = {
  id: 'os-release',
  command: 'cat /etc/os-release',
  parse: ({ stdout }) => parseOsRelease(stdout),
};
