// A host's addresses by family. `address` is where lvs-play connects; a
// dual-stack host also names its address of the other family ("ipv4" or
// "ipv6" in the inventory). A VIP's real servers, sorry server and unicast
// peers are addressed in the VIP's family, so one real server can serve an
// IPv4 and an IPv6 VIP.

import { ipFamily } from './address.js';
import type { Host } from './types.js';
import { type Obj, str } from './view.js';

/** Every address of a resolved host: `address` first. */
export function hostAddresses(host: Pick<Host, 'address' | 'secondAddress'>): string[] {
  return host.secondAddress === undefined ? [host.address] : [host.address, host.secondAddress];
}

/** The host's address of this family, or undefined when it has none. */
export function addressOfFamily(host: Pick<Host, 'address' | 'secondAddress'>, family: 4 | 6): string | undefined {
  return hostAddresses(host).find((a) => ipFamily(a) === family);
}

/** The same for a host of the raw inventory (the cluster rules read it before validation passed). */
export function rawHostAddresses(h: Obj | undefined): string[] {
  return [str(h?.address), str(h?.ipv4), str(h?.ipv6)].filter((a): a is string => a !== undefined);
}

/** The inventory's second address of a host: its "ipv4" or "ipv6" of the family `address` is not. */
export function secondAddressOf(h: { address: string; ipv4?: string; ipv6?: string }): string | undefined {
  const family = ipFamily(h.address);
  if (family === 4) return h.ipv6;
  if (family === 6) return h.ipv4;
  return undefined;
}
