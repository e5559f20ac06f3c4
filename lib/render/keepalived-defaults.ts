// /etc/default/keepalived. Debian 12's keepalived.service reads it with
// EnvironmentFile=-/etc/default/keepalived and runs
// `/usr/sbin/keepalived --dont-fork $DAEMON_ARGS` (unquoted, so split on spaces).
// vrrp-only mode is for kernels without IP_VS, where the health checker would
// exit fatally ("IPVS: Can't initialize ipvs") and take keepalived down.

import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';

export const KEEPALIVED_DEFAULTS_PATH = '/etc/default/keepalived';

export function renderKeepalivedDefaults(cluster: Cluster, host: string): string {
  const args = cluster.keepalived.mode === 'vrrp-only' ? '--vrrp' : '';
  return managedHeader(cluster.name, `keepalived options of ${host}, read by keepalived.service`) +
    `DAEMON_ARGS="${args}"\n`;
}
