// The real-server side of LVS-DR as a systemd oneshot unit, its script and
// the VIP list it reads. Replaces the seed's dr_client.sh (ifconfig lo:N,
// route add, /etc/rc.d/init.d/functions).

import type { Cluster } from '../inventory/types.js';
import { DR_CLIENT_SCRIPT } from './dr-client-script.js';
import { managedHeader } from './header.js';

export const DR_CLIENT_UNIT_NAME = 'lvs-play-dr-client.service';
export const DR_CLIENT_PATHS = {
  unit: `/etc/systemd/system/${DR_CLIENT_UNIT_NAME}`,
  script: '/usr/local/sbin/lvs-play-dr-client',
  vips: '/etc/lvs-play/dr-client.vips',
} as const;

/**
 * The VIPs a host carries on lo: those of every DR service that lists it as a
 * real server or its sorry server, in inventory order. NAT real servers must not hold the VIP, and
 * TUN needs a tunnel device, so only DR counts.
 */
export function drClientVips(cluster: Cluster, host: string): string[] {
  const out: string[] = [];
  for (const vip of cluster.vips) {
    const serves = vip.services.some(
      (s) => s.forwarding === 'DR' && (s.realServers.some((r) => r.host === host) || s.sorryServer?.host === host),
    );
    if (serves && !out.includes(vip.address)) out.push(vip.address);
  }
  return out;
}

export function renderDrClientVips(cluster: Cluster, host: string): string {
  return (
    managedHeader(cluster.name, `VIPs that ${host} holds on lo, read by ${DR_CLIENT_PATHS.script}`) +
    drClientVips(cluster, host)
      .map((a) => `${a}\n`)
      .join('')
  );
}

export function renderDrClientScript(): string {
  return DR_CLIENT_SCRIPT;
}

// Ordering: after network.target, so whatever configures lo (ifupdown,
// networkd) is done and cannot flush our addresses; before
// network-online.target, so services waiting for the network find the VIPs.
// The ARP sysctls are also in /etc/sysctl.d (sysctl.ts), so the host never
// answers ARP for a VIP even before this unit runs. Reload = start again:
// applies a changed VIP list without taking the VIPs down.
export function renderDrClientUnit(cluster: Cluster, host: string): string {
  return (
    managedHeader(cluster.name, `${DR_CLIENT_UNIT_NAME} of ${host}`) +
    [
      '[Unit]',
      'Description=lvs-play: LVS-DR virtual IPs on lo with ARP sysctls (real server)',
      'After=network.target systemd-sysctl.service',
      'Before=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      'RemainAfterExit=yes',
      `ExecStart=${DR_CLIENT_PATHS.script} start`,
      `ExecReload=${DR_CLIENT_PATHS.script} start`,
      `ExecStop=${DR_CLIENT_PATHS.script} stop`,
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n')
  );
}
