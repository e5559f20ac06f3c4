// The sandbox's hard rule: traffic to a lab address (198.18.0.0/15) must go
// through a device the lab created, never out of the machine. Ask the kernel
// which way it would send a packet (`ip -j route get`) and refuse otherwise.
// (Minimal version written by the ssh side; the lab side may extend it.)

import { execFile } from 'node:child_process';
import { isIPv4 } from 'node:net';
import { promisify } from 'node:util';
import { UserError } from '../errors.js';

const run = promisify(execFile);

/** The lab's bridge on the control machine. */
export const LAB_BRIDGE = 'lvsp-br0';

export interface LabRouteOptions {
  /** devices a lab address may be routed through; default [LAB_BRIDGE].
   * Tests that build their own namespaces name their veth here. */
  allowedDevices?: readonly string[];
}

/** Is this an IPv4 address in 198.18.0.0/15, the benchmark range the lab uses? */
export function isLabAddress(address: string): boolean {
  if (!isIPv4(address)) return false;
  const [a, b] = address.split('.').map(Number);
  return a === 198 && (b === 18 || b === 19);
}

/** Throw unless ADDRESS is a lab address and the kernel routes it through an
 * allowed lab device. */
export async function assertLabRoute(address: string, options: LabRouteOptions = {}): Promise<void> {
  const allowed = options.allowedDevices ?? [LAB_BRIDGE];
  if (!isLabAddress(address)) throw new UserError(`refusing to contact ${address}: not a lab address (198.18.0.0/15)`);
  let routes: { dev?: string; type?: string }[];
  try {
    const { stdout } = await run('ip', ['-j', 'route', 'get', address]);
    routes = JSON.parse(stdout) as typeof routes;
  } catch (err) {
    throw new UserError(`refusing to contact ${address}: no route to it (${(err as Error).message.trim()})`,
      { hint: 'is the lab up? (its bridge ' + allowed.join(', ') + ')', cause: err });
  }
  const dev = routes[0]?.dev;
  if (routes[0]?.type === 'local' || dev === undefined || !allowed.includes(dev)) {
    throw new UserError(`refusing to contact ${address}: the route goes via ${dev ?? 'nothing'}, not the lab (${allowed.join(', ')})`,
      { hint: 'lab addresses must stay inside the lab\'s namespaces; is the lab up?' });
  }
}
