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

/** Where a real server holds a VIP: lo for LVS-DR, tunl0 for LVS-TUN (the director's IPIP packets are decapsulated there). */
export type VipDevice = 'lo' | 'tunl0';

export interface HeldVip {
  address: string;
  device: VipDevice;
}

/**
 * The VIPs a host holds as a real server, in inventory order: those of every
 * DR or TUN service that lists it as a real server or its sorry server. NAT
 * real servers must not hold the VIP. A VIP that any of its services sends to
 * the host by TUN goes on tunl0, which also accepts the VIP's DR packets
 * (Linux takes a packet for any local address, whatever the device).
 */
export function realServerVips(cluster: Cluster, host: string): HeldVip[] {
  const out: HeldVip[] = [];
  for (const vip of cluster.vips) {
    const sends = vip.services.filter((s) => s.realServers.some((r) => r.host === host) || s.sorryServer?.host === host);
    if (sends.some((s) => s.forwarding === 'TUN')) out.push({ address: vip.address, device: 'tunl0' });
    else if (sends.some((s) => s.forwarding === 'DR')) out.push({ address: vip.address, device: 'lo' });
  }
  return out;
}

/** The addresses of the VIPs a host holds on lo (LVS-DR). */
export function drClientVips(cluster: Cluster, host: string): string[] {
  return realServerVips(cluster, host)
    .filter((v) => v.device === 'lo')
    .map((v) => v.address);
}

/** One line per VIP: its address, then "tunl0" for a VIP held on the tunnel device (lo needs no word, as before TUN). */
export function renderDrClientVips(cluster: Cluster, host: string): string {
  const vips = realServerVips(cluster, host);
  const where = vips.some((v) => v.device !== 'lo') ? '(on lo, or on tunl0 for LVS-TUN)' : 'on lo';
  return (
    managedHeader(cluster.name, `VIPs that ${host} holds ${where}, read by ${DR_CLIENT_PATHS.script}`) +
    vips.map((v) => (v.device === 'lo' ? `${v.address}\n` : `${v.address} ${v.device}\n`)).join('')
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
