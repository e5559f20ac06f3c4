// Cluster rules about fwmark services: a service names either a port, or a
// fwmark with its ports (several ports of the VIP as one IPVS service, marked
// by the nftables rules lvs-play writes on the directors). The mark is the
// service's identity in IPVS, so each is used once in the cluster; real
// servers get each client's own port, so none is named for them; IPv4 only.

import type { InventoryProblem } from '../errors.js';
import { ipFamily } from './address.js';
import { pointer } from './pointer.js';
import { arr, int, type Obj, obj, str } from './view.js';

export function fwmarkRules(inv: Obj): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const markAt = new Map<number, string>();
  arr(inv.vips).forEach((rawVip, i) => {
    const vip = obj(rawVip);
    const address = str(vip?.address) ?? '';
    arr(vip?.services).forEach((rawService, j) => {
      const service = obj(rawService);
      if (!service) return;
      const at = (...rest: (string | number)[]) => pointer('vips', i, 'services', j, ...rest);
      const hasPort = service.port !== undefined;
      const hasMark = service.fwmark !== undefined;
      const hasPorts = service.ports !== undefined;
      if (!hasPort && !hasMark) {
        problems.push({
          path: at(),
          message: hasPorts
            ? 'has "ports" but no "fwmark": several ports are one service only with a firewall mark; add "fwmark": N (1-4294967295)'
            : 'needs a "port", or a "fwmark" with its "ports" (several ports as one service)',
        });
        return;
      }
      if (hasPort && hasMark) {
        problems.push({ path: at('port'), message: 'a fwmark service names no port: it takes the ports listed in "ports"; remove "port"' });
      }
      if (hasPort && !hasMark && hasPorts) {
        problems.push({
          path: at('ports'),
          message: 'only a fwmark service takes "ports"; add "fwmark": N and remove "port", or remove "ports"',
        });
      }
      if (!hasMark) return;
      if (!hasPorts)
        problems.push({ path: at('ports'), message: 'is required with fwmark (the ports of the VIP the service takes, e.g. [80, 8080])' });
      const mark = int(service.fwmark);
      if (mark !== undefined) {
        const first = markAt.get(mark);
        if (first !== undefined)
          problems.push({ path: at('fwmark'), message: `fwmark ${mark} is already ${first}; each fwmark service needs its own mark` });
        else markAt.set(mark, pointer('vips', i, 'services', j));
      }
      if (ipFamily(address) === 6) {
        problems.push({
          path: at('fwmark'),
          message: `fwmark services are IPv4 only (lvs-play marks packets with an "ip" nftables table), and the VIP ${address} is IPv6; use one service per port`,
        });
      }
      arr(service.realServers).forEach((rs, k) => {
        if (obj(rs)?.port !== undefined)
          problems.push({
            path: at('realServers', k, 'port'),
            message: `a fwmark service sends each client's port to the real server unchanged, so it names no real server port; remove it (health checks use healthCheck.port, default the first of "ports")`,
          });
      });
      if (obj(service.sorryServer)?.port !== undefined)
        problems.push({
          path: at('sorryServer', 'port'),
          message: "a fwmark service sends each client's port to the sorry server unchanged, so it names no port; remove it",
        });
    });
  });
  return problems;
}
