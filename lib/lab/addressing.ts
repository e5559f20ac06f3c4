// The lab's address plan, pure: which addresses may be lab addresses
// (198.18.0.0/15, the range reserved for network benchmarking) and which
// subnet and bridge address cover an inventory's hosts.

import { UserError } from '../errors.js';

export const LAB_RANGE = '198.18.0.0/15';
const RANGE_BASE = ipv4ToInt('198.18.0.0')!;
const RANGE_PREFIX = 15;

export function ipv4ToInt(address: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function inLabRange(address: string): boolean {
  const n = ipv4ToInt(address);
  return n !== null && (n & mask(RANGE_PREFIX)) >>> 0 === RANGE_BASE;
}

export interface LabNetwork {
  network: string; // e.g. 198.18.0.0
  prefix: number; // e.g. 24
  bridgeAddress: string; // the control side's address on the bridge, e.g. 198.18.0.1
}

/**
 * The /24 that holds every host, or the smallest wider prefix that does.
 * The bridge takes the subnet's first address (198.18.0.1 in lab.json, which
 * its time server points at), or the last one if a host already has the first.
 */
export function planNetwork(hostAddresses: string[], reserved: string[] = []): LabNetwork {
  if (hostAddresses.length === 0) throw new UserError('the inventory has no hosts to bring up');
  const ints = hostAddresses.map((a) => {
    const n = ipv4ToInt(a);
    if (n === null || !inLabRange(a)) throw new UserError(`${a} is not a lab address (${LAB_RANGE})`);
    return n;
  });
  let prefix = 24;
  while (prefix > RANGE_PREFIX && !ints.every((n) => ((n ^ ints[0]) & mask(prefix)) === 0)) prefix--;
  const net = (ints[0] & mask(prefix)) >>> 0;
  const broadcast = (net | ~mask(prefix)) >>> 0;
  const taken = new Set([...ints, ...reserved.map(ipv4ToInt).filter((n): n is number => n !== null)]);
  for (const n of ints) {
    if (n === net || n === broadcast) {
      throw new UserError(
        `${intToIpv4(n)} is the ${n === net ? 'network' : 'broadcast'} address of the lab subnet ${intToIpv4(net)}/${prefix}; give the host another address`,
      );
    }
  }
  const bridge = [net + 1, broadcast - 1].find((n) => !taken.has(n));
  if (bridge === undefined) throw new UserError(`no free address for the lab bridge in ${intToIpv4(net)}/${prefix}: leave .1 free`);
  return { network: intToIpv4(net), prefix, bridgeAddress: intToIpv4(bridge) };
}
