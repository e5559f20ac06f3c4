// IP address helpers for the cluster rules: family, a canonical form so
// "2001:db8::1" and "2001:db8:0::1" compare equal, and whether an address can
// be a VIP at all.

import { isIPv4, isIPv6 } from 'node:net';

export function ipFamily(address: string): 4 | 6 | null {
  if (isIPv4(address)) return 4;
  // node's IPv6 pattern is a large regex compiled at its first use (3-6 ms of
  // every start); text without a ':' cannot be an IPv6 address
  if (address.includes(':') && isIPv6(address) && !address.includes('%')) return 6;
  return null;
}

/** Canonical text of an IP address (RFC 5952 for IPv6), or null if it is not one. */
export function canonicalIp(address: string): string | null {
  const family = ipFamily(address);
  if (family === 4) return address;
  if (family === 6) return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  return null;
}

/** Two spellings of one address (2001:db8::1 and 2001:DB8:0::1) are the same; non-addresses compare as text. */
export function sameIp(a: string, b: string): boolean {
  return (canonicalIp(a) ?? a) === (canonicalIp(b) ?? b);
}

/**
 * The address a packet would really go to, for comparisons: the canonical
 * form, and an IPv4-mapped IPv6 address (::ffff:198.18.0.10) as the IPv4
 * address it stands for. Null if it is not an IP address.
 */
export function hostIp(address: string): string | null {
  const canonical = canonicalIp(address);
  if (canonical === null || ipFamily(address) !== 6) return canonical;
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!m) return canonical;
  const [hi, lo] = [parseInt(m[1], 16), parseInt(m[2], 16)];
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/** Why an address cannot be a VIP (not a unicast address a host can own), or null. */
export function notUnicastReason(address: string): string | null {
  const family = ipFamily(address);
  if (family === 4) {
    const [a, b] = address.split('.').map(Number);
    if (a === 0) return 'is in 0.0.0.0/8 ("this network")';
    if (a === 127) return 'is a loopback address';
    if (a === 169 && b === 254) return 'is a link-local address';
    if (a >= 224 && a <= 239) return 'is a multicast address';
    if (a >= 240) return 'is a reserved or broadcast address';
    return null;
  }
  if (family === 6) {
    const c = canonicalIp(address)!;
    if (c === '::') return 'is the unspecified address';
    if (c === '::1') return 'is the loopback address';
    if (/^ff/i.test(c)) return 'is a multicast address';
    if (/^fe[89ab]/i.test(c)) return 'is a link-local address';
    if (/^::ffff:/i.test(c)) return 'is an IPv4-mapped address; write the IPv4 address itself';
    return null;
  }
  return null;
}
