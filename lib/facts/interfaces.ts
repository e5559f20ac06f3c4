// Every interface's addresses (`ip -j addr show`): which director holds a VIP
// and on which device, and whether a real server has it on lo and nowhere else.

import type { Fact } from './fact.js';

export interface InterfaceAddresses {
  name: string; // ifname, e.g. "eth0"
  up: boolean; // operstate UP, or UNKNOWN (lo, some virtual devices)
  addresses: { address: string; prefix: number }[];
}

interface IpJsonLink {
  ifname?: string;
  operstate?: string;
  addr_info?: { local?: string; prefixlen?: number }[];
}

export function parseIpJsonInterfaces(text: string): InterfaceAddresses[] {
  if (!text.trim()) return [];
  const links = JSON.parse(text) as IpJsonLink[];
  return links
    .filter((l) => l.ifname)
    .map((l) => ({
      name: l.ifname!,
      up: l.operstate === 'UP' || l.operstate === 'UNKNOWN',
      addresses: (l.addr_info ?? [])
        .filter((a) => typeof a.local === 'string' && typeof a.prefixlen === 'number')
        .map((a) => ({ address: a.local!.toLowerCase(), prefix: a.prefixlen! })),
    }));
}

export const interfacesFact: Fact<InterfaceAddresses[]> = {
  id: 'interfaces',
  command: 'ip -j addr show',
  parse({ stdout, code }) {
    if (code !== 0) throw new Error(`ip -j addr show exited ${code}`);
    return parseIpJsonInterfaces(stdout);
  },
};
