// The gate before a director is touched, and the VIP waits around its
// change. The gate is verify's own evaluation (lib/verify), read on the
// directors: host, VIP and keepalived rows. IPVS rows are left out on
// purpose: a director not changed yet legitimately runs the old virtual
// servers, so its table differs from the new inventory.

import type { Cluster, Host } from '../inventory/types.js';
import type { Transport } from '../ssh/transport.js';
import { evaluateCluster } from '../verify/evaluate.js';
import { gatherObservations } from '../verify/gather.js';
import type { CheckResult } from '../verify/types.js';
import { type DirectorView, describeHolders, holders, viewDirector } from './director-view.js';
import { GateError, SplitBrainError, WaitTimeout } from './errors.js';
import { type Probe, type WaitOptions, waitUntil } from './wait-until.js';

export interface DirectorsAccess {
  cluster: Cluster;
  directors: Host[];
  connect(h: Host): Promise<Transport>;
  redact(s: string): string;
}

export async function viewAll(a: DirectorsAccess, withIpvs = false): Promise<DirectorView[]> {
  return Promise.all(a.directors.map((d) => viewDirector(a.cluster, d, a.connect, withIpvs)));
}

/** The rows of verify that say the director may be touched, and the ones that say it may not. */
export function gateVerdict(
  cluster: Cluster,
  checks: CheckResult[],
  director: string,
  changedPeers: string[],
): { blocking: CheckResult[]; passed: number } {
  const mine = (vip: string | undefined) => cluster.vips.find((v) => v.address === vip)?.master === director;
  const blocking = checks.filter((c) => {
    if (c.check === 'host' || (c.check === 'vip' && !mine(c.vip))) return c.status !== 'pass';
    // its own VIPs may already be on a peer (degraded), never on none or two
    if (c.check === 'vip') return c.status === 'fail' || c.status === 'not-checkable';
    if (c.check === 'keepalived') return c.host !== director && c.status !== 'pass';
    if (c.check === 'keepalived-config') return changedPeers.includes(c.host ?? '') && c.status !== 'pass';
    return false;
  });
  const passed = checks.filter((c) => ['host', 'vip', 'keepalived'].includes(c.check) && c.status === 'pass').length;
  return { blocking, passed };
}

/** Waits (bounded) until verify's rows let the director be touched; throws GateError with the rows that did not. */
export async function gate(a: DirectorsAccess, director: string, changedPeers: string[], wait: Omit<WaitOptions, 'what'>): Promise<string> {
  let last: CheckResult[] = [];
  let summary = '';
  try {
    await waitUntil({ ...wait, what: `for the gate before ${director}`, intervalMs: 1000 }, async () => {
      const obs = await gatherObservations({ cluster: a.cluster, hosts: a.directors, connect: a.connect, redact: a.redact });
      const report = evaluateCluster(a.cluster, obs);
      const { blocking, passed } = gateVerdict(a.cluster, report.checks, director, changedPeers);
      last = blocking;
      summary = `${passed} checks pass (${report.checks
        .filter((c) => c.check === 'vip')
        .map((c) => c.detail)
        .join('; ')})`;
      return {
        done: blocking.length === 0,
        state: blocking.length ? blocking.map((c) => `${c.check} ${c.target}: ${c.status}`).join('; ') : 'clear',
      };
    });
  } catch (err) {
    if (!(err instanceof WaitTimeout)) throw err;
    throw new GateError(
      `gate before ${director} failed: ${last.map((c) => `${c.check} ${c.target}: ${c.status}: ${c.detail}`).join('; ')}`,
      { hosts: [director] },
    );
  }
  return summary;
}

/** `overlap`: VIP -> the directors it may be on at once (a nopreempt handover's giver and taker, on purpose) */
export function splitBrain(cluster: Cluster, views: DirectorView[], overlap: ReadonlyMap<string, string[]> = new Map()): string | null {
  const planned = (vip: string, on: string[]) => on.length === 2 && on.every((d) => overlap.get(vip)?.includes(d));
  const two = [...holders(cluster, views)].filter(([vip, on]) => on.length > 1 && !planned(vip, on));
  return two.length ? two.map(([vip, on]) => `${vip} on ${on.join(' and ')}`).join('; ') : null;
}

/** A VIP on two directors for longer than this is split brain, not the moment of a handover. */
const SPLIT_TOLERANCE_MS = 1000;

/**
 * A probe over every director: done when `ok` holds; a VIP on two directors
 * for a second stops the wait, unless they are the two `overlap` names for it.
 */
export function vipProbe(
  a: DirectorsAccess,
  ok: (views: DirectorView[], on: Map<string, string[]>) => boolean,
  overlap: ReadonlyMap<string, string[]> = new Map(),
): () => Promise<Probe> {
  let splitSince: number | null = null;
  return async () => {
    const views = await viewAll(a);
    const split = splitBrain(a.cluster, views, overlap);
    splitSince = split ? (splitSince ?? Date.now()) : null;
    if (split && Date.now() - splitSince! >= SPLIT_TOLERANCE_MS)
      throw new SplitBrainError(`split brain: ${split}`, { hosts: a.directors.map((d) => d.name) });
    if (split) return { done: false, state: `two holders: ${split}` };
    const state = `${describeHolders(a.cluster, views)}${views
      .filter((v) => v.vips && !v.keepalivedActive)
      .map((v) => `; keepalived stopped on ${v.director}`)
      .join('')}`;
    return { done: views.every((v) => v.vips !== null) && ok(views, holders(a.cluster, views)), state };
  };
}

const heldOnce = (on: Map<string, string[]>) => [...on.values()].every((h) => h.length === 1);

/** No VIP on the director; every VIP held by exactly one director. */
export const awayFrom = (director: string) => (_v: DirectorView[], on: Map<string, string[]>) =>
  heldOnce(on) && [...on.values()].every((h) => !h.includes(director));

/** keepalived running on the director, which holds no VIP; every VIP held once. */
export const settledAway = (director: string) => (views: DirectorView[], on: Map<string, string[]>) =>
  awayFrom(director)(views, on) && views.some((v) => v.director === director && v.keepalivedActive);

/** keepalived running on the director; every VIP held once (by anyone). */
export const settledAlone = (director: string) => (views: DirectorView[], on: Map<string, string[]>) =>
  heldOnce(on) && views.some((v) => v.director === director && v.keepalivedActive);

/** Every VIP the director is MASTER of is on it; every VIP held once. */
export const homeOn = (cluster: Cluster, director: string) => (_v: DirectorView[], on: Map<string, string[]>) =>
  heldOnce(on) && cluster.vips.filter((v) => v.master === director).every((v) => on.get(v.address)?.[0] === director);

/** nopreempt handover: each moving VIP on its taker (its giver may still hold it), every other VIP held once. */
export const takenBy = (moves: Pick<VipMove, 'vip' | 'to'>[]) => (_v: DirectorView[], on: Map<string, string[]>) =>
  [...on].every(([vip, h]) => {
    const m = moves.find((x) => x.vip === vip);
    return m ? h.includes(m.to) : h.length === 1;
  });

export interface VipMove {
  vip: string;
  from: string;
  to: string;
}

/** nopreempt handover: until each moving VIP is on its taker; on its giver and taker at once is the plan, not split brain. */
export function takenProbe(a: DirectorsAccess, moves: VipMove[]): () => Promise<Probe> {
  return vipProbe(a, takenBy(moves), new Map(moves.map((m) => [m.vip, [m.from, m.to]])));
}

/** Every VIP on its MASTER, once. */
export const allHome = (cluster: Cluster) => (_v: DirectorView[], on: Map<string, string[]>) =>
  cluster.vips.every((v) => (on.get(v.address) ?? []).join() === v.master);
