// /etc/modules-load.d/lvs-play.conf: the kernel modules a host needs at boot.
// A director that runs keepalived in full mode needs ip_vs loaded before
// systemd-sysctl applies /etc/sysctl.d, or the net.ipv4.vs.* keys it sets do
// not exist yet. Every director gets the file (a vrrp-only one with no
// module), so a change of mode removes ip_vs from it.

import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';

export const MODULES_LOAD_PATH = '/etc/modules-load.d/lvs-play.conf';

export function hostModules(cluster: Cluster, host: string): string[] {
  const groups = cluster.hosts.find((h) => h.name === host)?.groups ?? [];
  return groups.includes(DIRECTORS) && cluster.keepalived.mode === 'full' ? ['ip_vs'] : [];
}

export function renderModulesLoad(cluster: Cluster, host: string): string {
  return (
    managedHeader(cluster.name, `kernel modules of ${host}, loaded at boot by systemd-modules-load`) +
    hostModules(cluster, host)
      .map((m) => `${m}\n`)
      .join('')
  );
}
