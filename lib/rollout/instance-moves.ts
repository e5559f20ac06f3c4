// nopreempt clusters after a failure or a killed run: the per-instance
// switches (switches.ts) undone and VIPs put back where they were, with the
// holders read on the directors at that moment rather than planned.
// Clearing is safe in any order under nopreempt (no instance preempts), but
// the givers' switches (FAULT, quiet) go first so that a VIP whose holder gave
// it up keeps a candidate.

import { type DirectorsAccess, takenProbe, viewAll, vipProbe } from './director-checks.js';
import { holders } from './director-view.js';
import { QUIET_MARGIN_MS } from './plan/vrrp-timing.js';
import type { HandoverEntry } from './switch-record.js';
import type { Switchboard } from './switchboard.js';
import { type WaitOptions, waitUntil } from './wait-until.js';

/** every VIP held by exactly one director (where does not matter under nopreempt) */
export const heldOnceEverywhere = () => (_v: unknown, on: Map<string, string[]>) => [...on.values()].every((h) => h.length === 1);

/** Removes the instance switches in the entries (givers' FAULTs and quiets first, then boosts), then waits until every VIP is held once. */
export async function clearInstanceSwitches(
  board: Switchboard,
  a: DirectorsAccess,
  entries: HandoverEntry[],
  wait: Omit<WaitOptions, 'what'>,
  log: (line: string) => void,
): Promise<void> {
  const inst = entries.filter((h) => h.instance !== undefined);
  if (!inst.length) return;
  for (const level of ['out', 'quiet', 'boost'] as const) {
    const by = new Map<string, string[]>();
    for (const h of inst.filter((x) => x.level === level)) by.set(h.director, [...(by.get(h.director) ?? []), h.instance!]);
    for (const [director, instances] of by) {
      log(`${director}: clearing the switch of ${instances.join(', ')} ("${level}")`);
      await board.instanceSwitch(director, instances, 'normal');
    }
  }
  await waitUntil({ ...wait, what: 'for every VIP held by exactly one director' }, vipProbe(a, heldOnceEverywhere()));
}

/**
 * Moves these VIPs to the director from wherever they are now, as a planned
 * move does (director-stage.ts): boost it, silence each holder's instance
 * (quiet), wait until it holds them too, FAULT the holders' instances, wait
 * until only it holds them, clear.
 */
export async function handBackNow(
  board: Switchboard,
  a: DirectorsAccess,
  director: string,
  vips: string[],
  wait: Omit<WaitOptions, 'what'>,
  log: (line: string) => void,
): Promise<void> {
  const on = holders(a.cluster, await viewAll(a));
  const away = vips.filter((v) => (on.get(v) ?? []).join() !== director);
  if (!away.length) return;
  const instanceOf = (v: string) => a.cluster.vips.find((x) => x.address === v)!.instance;
  const givers = new Map<string, string[]>();
  for (const v of away)
    for (const g of (on.get(v) ?? []).filter((d) => d !== director)) givers.set(g, [...(givers.get(g) ?? []), instanceOf(v)]);
  const mine = away.map(instanceOf);
  log(`${director}: taking back ${away.join(', ')} from ${[...givers.keys()].join(', ') || 'no director'}`);
  try {
    await board.instanceSwitch(director, mine, 'boost');
    // the quiet outlasts both waits: a wait, not the switch, decides that the move failed
    for (const [g, instances] of givers) await board.instanceSwitch(g, instances, 'quiet', 2 * wait.timeoutMs + QUIET_MARGIN_MS);
    // a VIP on no director has no giver: it only has to reach the director
    const moves = away.flatMap((vip) => {
      const from = (on.get(vip) ?? []).filter((d) => d !== director);
      return (from.length ? from : [director]).map((f) => ({ vip, from: f, to: director }));
    });
    await waitUntil({ ...wait, what: `for ${director} to hold ${away.join(', ')} too` }, takenProbe(a, moves));
    for (const [g, instances] of givers) await board.instanceSwitch(g, instances, 'out');
    await waitUntil(
      { ...wait, what: `for ${director} to take back ${away.join(', ')}` },
      vipProbe(a, (_v, held) => heldOnceEverywhere()(_v, held) && vips.every((v) => held.get(v)?.[0] === director)),
    );
  } finally {
    // cleared whatever happened (givers first); a clear that fails stays recorded for the next deploy
    for (const [g, instances] of givers) await board.instanceSwitch(g, instances, 'normal');
    await board.instanceSwitch(director, mine, 'normal');
  }
}
