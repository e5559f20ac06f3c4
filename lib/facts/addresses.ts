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

/** mayBeAbsent: a device that does not exist (tunl0 before ipip is loaded) has no addresses; otherwise the fact fails. */
export function addressesFact(device: string, mayBeAbsent = false): Fact<InterfaceAddress[]> {
  const show = `ip -j addr show dev ${quote(device)}`;
  return {
    id: `addresses:${device}${mayBeAbsent ? '?' : ''}`,
    command: mayBeAbsent ? `if [ -e /sys/class/net/${quote(device)} ]; then ${show}; fi` : show,
    parse: ({ stdout }) => parseIpJsonAddr(stdout),
  };
}
