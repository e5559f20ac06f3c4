// Whether the host may set its clock: CAP_SYS_TIME (bit 25) in PID 1's
// bounding set. A container without it cannot run chronyd usefully.

import type { Fact } from './fact.js';

const CAP_SYS_TIME = 25n;

export interface Capabilities {
  canSetClock: boolean;
}

export const capabilitiesFact: Fact<Capabilities> = {
  id: 'capabilities',
  command: "grep '^CapBnd:' /proc/1/status",
  parse({ stdout }) {
    const hex = /CapBnd:\s*([0-9a-f]+)/.exec(stdout)?.[1];
    if (!hex) return { canSetClock: true }; // cannot tell: assume a normal host
    return { canSetClock: ((BigInt(`0x${hex}`) >> CAP_SYS_TIME) & 1n) === 1n };
  },
};
