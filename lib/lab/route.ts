// The guard in front of every connection to a lab address: the address must
// be in the lab range (198.18.0.0/15) AND the kernel must route it through
// the lab's bridge. A lab that is down then fails at once with a clear
// message instead of a connection timeout, and nothing is ever sent to an
// address outside the lab. (The first, minimal version came from the ssh side;
// its API is kept: allowedDevices, isLabAddress, LAB_BRIDGE.)

import { UserError } from '../errors.js';
import { inLabRange, LAB_RANGE } from './addressing.js';
import { tryRunDirect } from './local-command.js';
import { LAB_BRIDGE } from './paths.js';

export { LAB_BRIDGE };

export interface LabRouteOptions {
  /** devices a lab address may be routed through; default [LAB_BRIDGE].
   * Tests that build their own namespaces name their veth here. */
  allowedDevices?: readonly string[];
}

/** Is this an IPv4 address in 198.18.0.0/15, the benchmark range the lab uses? */
export function isLabAddress(address: string): boolean {
  return inLabRange(address);
}

export async function assertLabRoute(address: string, options: LabRouteOptions = {}): Promise<void> {
  const allowed = options.allowedDevices ?? [LAB_BRIDGE];
  if (!inLabRange(address)) {
    throw new UserError(`refusing to contact ${address}: not a lab address (the lab only uses ${LAB_RANGE})`, {
      hint: 'lab commands and tests use inventory/lab.json; real hosts are never contacted from the lab',
    });
  }
  // a lookup only: `ip route get` sends no packet
  const r = await tryRunDirect('ip', ['-j', 'route', 'get', address]);
  let route: { dev?: string; type?: string } | undefined;
  if (r.code === 0) {
    try {
      route = (JSON.parse(r.stdout) as { dev?: string; type?: string }[])[0];
    } catch {
      /* treated as no route */
    }
  }
  if (route?.dev === undefined || route.type === 'local' || !allowed.includes(route.dev)) {
    const why =
      route?.type === 'local' ? 'it is an address of this machine' : route?.dev ? `routed via ${route.dev}` : r.stderr.trim() || 'no route';
    throw new UserError(`lab is not up: run lvs-play lab up (${address}: ${why}, not the lab's ${allowed.join(', ')})`);
  }
}
