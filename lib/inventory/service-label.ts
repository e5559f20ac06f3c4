// How a virtual service is named in messages and reports: "TCP 192.0.2.10:80",
// or for a fwmark service its mark with the ports it takes,
// "fwmark 1 (TCP 192.0.2.10:80,8080)".

import type { Service } from './types.js';

export function serviceLabel(s: Pick<Service, 'vip' | 'port' | 'protocol' | 'fwmark'>): string {
  const vip = s.vip.includes(':') ? `[${s.vip}]` : s.vip;
  return s.fwmark ? `fwmark ${s.fwmark.mark} (${s.protocol} ${vip}:${s.fwmark.ports.join(',')})` : `${s.protocol} ${vip}:${s.port}`;
}

/** Where the service is reached: VIP:port, or VIP:port,port for a fwmark service. */
export function serviceAddress(s: Pick<Service, 'vip' | 'port' | 'fwmark'>): string {
  const vip = s.vip.includes(':') ? `[${s.vip}]` : s.vip;
  return `${vip}:${s.fwmark ? s.fwmark.ports.join(',') : s.port}`;
}
