// Where each OS family keeps the files and units lvs-play manages. Everything
// else lvs-play writes (keepalived.conf, sysctl.d, the dr_client unit and
// script) has the same path on both families.
//
// Debian 12 (lab-proven): chrony reads /etc/chrony/chrony.conf and runs as
// chrony.service; keepalived.service reads /etc/default/keepalived and runs
// `keepalived --dont-fork $DAEMON_ARGS`.
// RHEL 8/9 family (fixture-proven): chrony reads /etc/chrony.conf and runs as
// chronyd.service; keepalived.service (keepalived's own unit) reads
// /etc/sysconfig/keepalived and runs `keepalived ... $KEEPALIVED_OPTIONS`,
// where the package sets KEEPALIVED_OPTIONS="-D" (detailed log).

import { UserError } from '../errors.js';
import { quoted } from '../terminal-text.js';

/** The two families lvs-play knows (facts/os-release.ts reads which one a host is of). */
export type OsFamily = 'debian' | 'rhel';

/** What of a host's os-release the layout depends on. */
export interface OsIdentity {
  id: string;
  family: OsFamily | null;
}

export interface OsLayout {
  family: OsFamily;
  /** what the README and errors call it */
  label: string;
  chrony: {
    conf: string;
    unit: string;
    /** the package's own key and drift files, kept where the package puts them */
    keyfile: string;
    driftfile: string;
  };
  keepalivedOptions: {
    path: string;
    /** the variable keepalived.service expands into keepalived's arguments */
    variable: string;
    /** the options the package itself sets there, kept */
    packageArgs: string[];
  };
}

export const DEBIAN_LAYOUT: OsLayout = {
  family: 'debian',
  label: 'Debian family',
  chrony: {
    conf: '/etc/chrony/chrony.conf',
    unit: 'chrony.service',
    keyfile: '/etc/chrony/chrony.keys',
    driftfile: '/var/lib/chrony/chrony.drift',
  },
  keepalivedOptions: { path: '/etc/default/keepalived', variable: 'DAEMON_ARGS', packageArgs: [] },
};

export const RHEL_LAYOUT: OsLayout = {
  family: 'rhel',
  label: 'RHEL family',
  chrony: { conf: '/etc/chrony.conf', unit: 'chronyd.service', keyfile: '/etc/chrony.keys', driftfile: '/var/lib/chrony/drift' },
  keepalivedOptions: { path: '/etc/sysconfig/keepalived', variable: 'KEEPALIVED_OPTIONS', packageArgs: ['-D'] },
};

export const OS_LAYOUTS: Record<OsFamily, OsLayout> = { debian: DEBIAN_LAYOUT, rhel: RHEL_LAYOUT };

/** Every family's path of one file, for facts read before the host's family is known (same round trip). */
export function everyFamily(pick: (layout: OsLayout) => string): string[] {
  return [...new Set(Object.values(OS_LAYOUTS).map(pick))];
}

/** The host's layout from its os-release; a host of neither family is an error naming it. */
export function hostLayout(os: OsIdentity, host: string): OsLayout {
  if (os.family) return OS_LAYOUTS[os.family];
  throw new UserError(
    `${host}: its OS ${quoted(os.id || 'unknown')} is neither of the Debian family nor of the RHEL family, so lvs-play does not know where it keeps chrony's and keepalived's files`,
    { hint: 'lvs-play supports Debian/Ubuntu and RHEL/Rocky/Alma/CentOS Stream/Fedora hosts (see /etc/os-release on the host)' },
  );
}
