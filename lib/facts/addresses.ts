// The addresses on one interface (for VIPs on lo and on the VRRP interface).

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface InterfaceAddress {
  address: string;
  prefix: number;
  label?: string;
}

export function parseIpJsonAddr(text: string): InterfaceAddress[] {
  if (!text.trim()) return [];
  const links = JSON.parse(text) as { addr_info?: { local: string; prefixlen: number; label?: string }[] }[];
  return links.flatMap((l) => (l.addr_info ?? []).map((a) => ({ address: a.local, prefix: a.prefixlen, label: a.label })));
}

export function addressesFact(device: string): Fact<InterfaceAddress[]> {
  return {
    id: `addresses:${device}`,
    command: `ip -j addr show dev ${quote(device)}`,
    parse: ({ stdout }) => parseIpJsonAddr(stdout),
  };
}
