// The guard in front of every connection to a lab address: the address must
// be in the lab range (198.18.0.0/15) AND the kernel must route it through
// the lab's bridge. A lab that is down then fails at once with a clear
// message instead of a connection timeout, and nothing is ever sent to an
// address outside the lab. Inside a lab container (lvs-play run there, as the
// schedule lab test does) the lab's own link counts too, under the conditions
// labRouteVerdict lists. (The first, minimal version came from the ssh side;
// its API is kept: allowedDevices, isLabAddress, LAB_BRIDGE.)

import { UserError } from '../errors.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import { inLabRange, LAB_RANGE } from './addressing.js';
import { type HostMarker, LAB_HOST_MARKER, readOwnMarker } from './host-marker.js';
import { tryRunDirect } from './local-command.js';
import { LAB_BRIDGE } from './paths.js';
import { RouteLookups } from './route-lookups.js';

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

/** What `ip -j route get ADDRESS` says (the fields the guard reads). */
export interface RouteLookup {
  dev?: string;
  type?: string;
  prefsrc?: string;
  gateway?: string;
}

/** Read only on a machine that carries the lab-host mark (see host-marker.ts). */
export interface LabHostSelf {
  marker: HostMarker | null;
  /** this machine's /etc/machine-id */
  machineId: string;
  hasDefaultRoute: boolean;
}

/** Inside a lab container the other lab hosts are on the container's own link. */
export const LAB_HOST_DEVICE = 'eth0';

export type RouteVerdict = { ok: true; via: 'lab-device' | 'lab-host' } | { ok: false; why: string };

/**
 * The guard's decision, without I/O. A lab address is contacted when the
 * kernel routes it through an allowed device (the lab bridge), or, inside a
 * lab container only, directly on its eth0: the mark is there and names this
 * machine's id, the machine has no default route (nothing leaves the lab
 * link), the route has no gateway and leaves from the address the mark names.
 */
export function labRouteVerdict(route: RouteLookup | undefined, allowed: readonly string[], self: LabHostSelf | null): RouteVerdict {
  if (route?.type === 'local') return { ok: false, why: 'it is an address of this machine' };
  if (route?.dev === undefined) return { ok: false, why: 'no route' };
  if (allowed.includes(route.dev)) return { ok: true, via: 'lab-device' };
  const via = `routed via ${route.dev}`;
  if (route.dev !== LAB_HOST_DEVICE || !self) return { ok: false, why: via };
  const { marker } = self;
  if (!marker) return { ok: false, why: `${via}; ${LAB_HOST_MARKER} is not a valid lab-host mark` };
  if (!self.machineId || marker.machineId !== self.machineId)
    return { ok: false, why: `${via}; ${LAB_HOST_MARKER} was written for another machine` };
  if (self.hasDefaultRoute) return { ok: false, why: `${via}; this lab host has a default route` };
  if (route.gateway !== undefined) return { ok: false, why: `${via} through gateway ${route.gateway}` };
  if (route.prefsrc !== marker.address)
    return { ok: false, why: `${via} from ${route.prefsrc ?? 'no source address'}, not this lab host's ${marker.address}` };
  return { ok: true, via: 'lab-host' };
}

/** One `ip -batch` process answers this process's lookups (route-lookups.ts). */
let lookups: RouteLookups | null = null;

export async function assertLabRoute(address: string, options: LabRouteOptions = {}): Promise<void> {
  const allowed = options.allowedDevices ?? [LAB_BRIDGE];
  if (!inLabRange(address)) {
    throw new UserError(`refusing to contact ${address}: not a lab address (the lab only uses ${LAB_RANGE})`, {
      hint: 'lab commands and tests use inventory/lab.json; real hosts are never contacted from the lab',
    });
  }
  // a lookup only: `ip route get` sends no packet
  lookups ??= new RouteLookups();
  const r = await lookups.lookup(address);
  const route = r.code === 0 ? firstRoute(r.stdout) : undefined;
  // the mark is read only when the bridge is not the way: on the control machine that is the failure path
  const self = route?.dev !== undefined && !allowed.includes(route.dev) ? await labHostSelf() : null;
  const verdict = labRouteVerdict(route, allowed, self);
  if (!verdict.ok) {
    const why = route?.dev === undefined && route?.type !== 'local' ? r.stderr.trim() || verdict.why : verdict.why;
    throw new UserError(`lab is not up: run lvs-play lab up (${address}: ${why}, not the lab's ${allowed.join(', ')})`);
  }
}

function firstRoute(json: string): RouteLookup | undefined {
  try {
    return (JSON.parse(json) as RouteLookup[])[0];
  } catch {
    return undefined; // treated as no route
  }
}

async function labHostSelf(): Promise<LabHostSelf | null> {
  const own = await readOwnMarker();
  if (!own) return null;
  const d = await tryRunDirect('ip', ['-j', 'route', 'show', 'default']);
  let hasDefaultRoute = true; // unknown counts as having one
  try {
    if (d.code === 0) hasDefaultRoute = (JSON.parse(d.stdout || '[]') as unknown[]).length > 0;
  } catch {
    /* stays true */
  }
  return { ...own, hasDefaultRoute };
}

/**
 * The guard lvs-play passes to every connection it makes: a lab address only
 * through the lab's devices (assertLabRoute); any other address is the
 * inventory's business and passes.
 */
export function labRouteGuard(options: LabRouteOptions = {}): RouteGuard {
  return (address) => (isLabAddress(address) ? assertLabRoute(address, options) : Promise.resolve());
}
