// /etc/chrony/chrony.conf (Debian paths). The inventory's servers are the
// only time sources: no pool from the package default, no DHCP sourcedir, no
// conf.d, so what check compares is everything chronyd uses.

import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';

export const CHRONY_CONF_PATH = '/etc/chrony/chrony.conf';

export function renderChronyConf(cluster: Cluster, host: string): string {
  return managedHeader(cluster.name, `chrony.conf of ${host}`) + [
    ...cluster.time.servers.map((s) => `server ${s} iburst`),
    '',
    'keyfile /etc/chrony/chrony.keys',
    'driftfile /var/lib/chrony/chrony.drift',
    'ntsdumpdir /var/lib/chrony',
    'logdir /var/log/chrony',
    'maxupdateskew 100.0',
    '# Step the clock on the first updates only (a fresh host may be far off), then slew.',
    'makestep 1 3',
    'rtcsync',
    'leapsectz right/UTC',
    '',
  ].join('\n');
}
