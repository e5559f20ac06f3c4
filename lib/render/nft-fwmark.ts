// The directors' side of fwmark services: an nftables table lvs-play owns,
// marking the packets for a VIP's ports with the service's firewall mark
// (IPVS then takes them as one virtual service, `virtual_server fwmark N`),
// and the systemd oneshot unit that loads it at boot, before keepalived.
// Only a cluster with a fwmark service writes these files.
//
// The ruleset replaces the whole table in one nft transaction: "table" then
// "delete table" empties it whether or not it existed, so loading the file
// again (a reload) never duplicates rules and never leaves a moment unmarked.
// The chain hooks prerouting at mangle priority: before routing and before
// IPVS (which hooks local-in), as marking for IPVS is usually done.

import type { Cluster, Service } from '../inventory/types.js';
import { managedHeader } from './header.js';

export const FWMARK_TABLE = 'lvs_play_fwmark';
export const FWMARK_UNIT_NAME = 'lvs-play-fwmark.service';
export const FWMARK_PATHS = {
  ruleset: '/etc/lvs-play/fwmark.nft',
  unit: `/etc/systemd/system/${FWMARK_UNIT_NAME}`,
} as const;
const NFT = '/usr/sbin/nft';

/** The cluster's fwmark services, in inventory order. */
export function fwmarkServices(cluster: Cluster): (Service & { fwmark: { mark: number; ports: number[] } })[] {
  return cluster.vips.flatMap((v) => v.services).filter((s): s is Service & { fwmark: { mark: number; ports: number[] } } => !!s.fwmark);
}

/** One rule per service: packets to its VIP on its ports get its mark. */
export function renderFwmarkRuleset(cluster: Cluster, host: string): string {
  const rules = fwmarkServices(cluster).map((s) => {
    const proto = s.protocol === 'UDP' ? 'udp' : 'tcp';
    const ports = s.fwmark.ports.length === 1 ? String(s.fwmark.ports[0]) : `{ ${s.fwmark.ports.join(', ')} }`;
    return `\t\tip daddr ${s.vip} ${proto} dport ${ports} meta mark set ${s.fwmark.mark}`;
  });
  return (
    managedHeader(cluster.name, `firewall marks of the fwmark virtual services on ${host}, loaded by ${FWMARK_UNIT_NAME}`) +
    [
      `table ip ${FWMARK_TABLE}`,
      `delete table ip ${FWMARK_TABLE}`,
      `table ip ${FWMARK_TABLE} {`,
      '\tchain prerouting {',
      '\t\ttype filter hook prerouting priority mangle; policy accept;',
      ...rules,
      '\t}',
      '}',
      '',
    ].join('\n')
  );
}

// After nftables.service: where the operator enables Debian's, its
// "flush ruleset" runs first and cannot remove our table. Before keepalived,
// so its fwmark services get traffic as soon as it takes a VIP. Stop removes
// the table (a table already gone is no failure): no mark is left that no one owns.
export function renderFwmarkUnit(cluster: Cluster, host: string): string {
  return (
    managedHeader(cluster.name, `${FWMARK_UNIT_NAME} of ${host}`) +
    [
      '[Unit]',
      'Description=lvs-play: firewall marks of the fwmark virtual services (director)',
      'After=network-pre.target nftables.service',
      'Before=network.target keepalived.service',
      'Wants=network-pre.target',
      '',
      '[Service]',
      'Type=oneshot',
      'RemainAfterExit=yes',
      `ExecStart=${NFT} -f ${FWMARK_PATHS.ruleset}`,
      `ExecReload=${NFT} -f ${FWMARK_PATHS.ruleset}`,
      `ExecStop=-${NFT} delete table ip ${FWMARK_TABLE}`,
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n')
  );
}
