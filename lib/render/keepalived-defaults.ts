// keepalived's options file, read by keepalived.service: Debian's
// /etc/default/keepalived (`keepalived --dont-fork $DAEMON_ARGS`) or the RHEL
// family's /etc/sysconfig/keepalived (`$KEEPALIVED_OPTIONS`, where the package
// sets -D). The variable is expanded unquoted, so split on spaces.
// vrrp-only mode is for kernels without IP_VS, where the health checker would
// exit fatally ("IPVS: Can't initialize ipvs") and take keepalived down.

import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';
import { DEBIAN_LAYOUT, type OsLayout } from './os-layout.js';

/** Debian's path, where the lab's directors keep it */
export const KEEPALIVED_DEFAULTS_PATH = DEBIAN_LAYOUT.keepalivedOptions.path;

export function renderKeepalivedDefaults(cluster: Cluster, host: string, layout: OsLayout): string {
  const { variable, packageArgs } = layout.keepalivedOptions;
  const args = [...packageArgs, ...(cluster.keepalived.mode === 'vrrp-only' ? ['--vrrp'] : [])];
  return `${managedHeader(cluster.name, `keepalived options of ${host}, read by keepalived.service`)}${variable}="${args.join(' ')}"\n`;
}
