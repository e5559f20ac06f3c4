// The real-server side of LVS-NAT: the director rewrote the destination, so
// the reply must go back through it to be rewritten again. A systemd oneshot
// unit routes the clients' networks (default: the default route) via the
// gateway VIP, which moves with the NAT VIPs (a sync group). `ip route
// replace` is idempotent: start and reload apply the same routes again.

import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';

export const NAT_ROUTE_UNIT_NAME = 'lvs-play-nat-route.service';
export const NAT_ROUTE_UNIT_PATH = `/etc/systemd/system/${NAT_ROUTE_UNIT_NAME}`;

export interface NatRoute {
  /** "default" or a CIDR */
  to: string;
  via: string;
  family: 4 | 6;
}

/** The routes a host needs: those of the cluster's gateway when it is a real server or sorry server of a NAT service, else none. */
export function natRoutes(cluster: Cluster, host: string): NatRoute[] {
  const nat = cluster.nat;
  if (nat === null) return [];
  const serves = cluster.vips.some((v) =>
    v.services.some((s) => s.forwarding === 'NAT' && (s.realServers.some((r) => r.host === host) || s.sorryServer?.host === host)),
  );
  if (!serves) return [];
  const family = nat.gateway.includes(':') ? 6 : 4;
  return nat.routes.map((to) => ({ to, via: nat.gateway, family }));
}

function ipCommand(r: NatRoute, verb: 'replace' | 'del'): string {
  return `ip ${r.family === 6 ? '-6 ' : ''}route ${verb} ${r.to} via ${r.via}`;
}

/** The unit's routes as ip commands: the same text for start and reload; stop removes them (a missing route is no failure). */
export function renderNatRouteUnit(cluster: Cluster, host: string): string {
  const routes = natRoutes(cluster, host);
  return (
    managedHeader(cluster.name, `${NAT_ROUTE_UNIT_NAME} of ${host}`) +
    [
      '[Unit]',
      `Description=lvs-play: LVS-NAT replies via the gateway VIP ${cluster.nat?.gateway ?? ''} (real server)`,
      // the gateway must be on-link: after the interfaces have their addresses
      'Wants=network-online.target',
      'After=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      'RemainAfterExit=yes',
      ...routes.map((r) => `ExecStart=${ipCommand(r, 'replace')}`),
      ...routes.map((r) => `ExecReload=${ipCommand(r, 'replace')}`),
      ...routes.map((r) => `ExecStop=-${ipCommand(r, 'del')}`),
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n')
  );
}
