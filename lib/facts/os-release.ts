// Which package manager a host uses, from /etc/os-release.

import type { Fact } from './fact.js';

export type PackageManager = 'apt' | 'dnf' | 'yum';
export interface OsRelease { id: string; idLike: string[]; versionId: string; packageManager: PackageManager | null }

export function parseOsRelease(text: string): OsRelease {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  const id = vars.ID ?? '';
  const idLike = (vars.ID_LIKE ?? '').split(/\s+/).filter(Boolean);
  const family = [id, ...idLike];
  let packageManager: PackageManager | null = null;
  if (family.some((f) => f === 'debian' || f === 'ubuntu')) packageManager = 'apt';
  else if (family.some((f) => ['rhel', 'fedora', 'centos'].includes(f))) {
    const major = parseInt(vars.VERSION_ID ?? '0', 10);
    packageManager = id === 'fedora' || major >= 8 ? 'dnf' : 'yum';
  }
  return { id, idLike, versionId: vars.VERSION_ID ?? '', packageManager };
}

export const osReleaseFact: Fact<OsRelease> = {
  id: 'os-release',
  command: 'cat /etc/os-release',
  parse: ({ stdout }) => parseOsRelease(stdout),
};
