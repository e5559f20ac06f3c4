// chrony.conf at the host's OS family's path (lib/render/os-layout.ts). The
// inventory's servers are the only time sources: no pool from the package
// default, no DHCP sourcedir, no conf.d, so what check compares is everything
// chronyd uses.

import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';
import { DEBIAN_LAYOUT, type OsLayout } from './os-layout.js';

/** Debian's path, where the lab's hosts keep it */
export const CHRONY_CONF_PATH = DEBIAN_LAYOUT.chrony.conf;

export function renderChronyConf(cluster: Cluster, host: string, layout: OsLayout): string {
  return (
    managedHeader(cluster.name, `chrony.conf of ${host}`) +
    [
      ...cluster.time.servers.map((s) => `server ${s} iburst`),
      '',
      `keyfile ${layout.chrony.keyfile}`,
      `driftfile ${layout.chrony.driftfile}`,
      'ntsdumpdir /var/lib/chrony',
      'logdir /var/log/chrony',
      'maxupdateskew 100.0',
      '# Step the clock on the first updates only (a fresh host may be far off), then slew.',
      'makestep 1 3',
      'rtcsync',
      'leapsectz right/UTC',
      '',
    ].join('\n')
  );
}
