// nopreempt clusters after a failure or a killed run: the per-instance
// switches (switches.ts) undone and VIPs put back where they were, with the
// holders read on the directors at that moment rather than planned.
// Clearing is safe in any order under nopreempt (no instance preempts), but
// FAULTs go first so that a VIP whose holder gave it up keeps a candidate.

import { type DirectorsAccess, viewAll, vipProbe } from './director-checks.js';
import { holders } from './director-view.js';
import type { HandoverEntry } from './switch-record.js';
import type { Switchboard } from './switchboard.js';
import { type WaitOptions, waitUntil } from './wait-until.js';

/** every VIP held by exactly one director (where does not matter under nopreempt) */
export const heldOnceEverywhere = () => (_v: unknown, on: Map<string, string[]>) => [...on.values()].every((h) => h.length === 1);

/** Removes the instance switches in the entries (FAULTs first, then boosts), then waits until every VIP is held once. */
export async function clearInstanceSwitches(
  board: Switchboard,
  a: DirectorsAccess,
  entries: HandoverEntry[],
  wait: Omit<WaitOptions, 'what'>,
  log: (line: string) => void,
): Promise<void> {
  const inst = entries.filter((h) => h.instance !== undefined);
  if (!inst.length) return;
  for (const level of ['out', 'boost'] as const) {
    const by = new Map<string, string[]>();
    for (const h of inst.filter((x) => x.level === level)) by.set(h.director, [...(by.get(h.director) ?? []), h.instance!]);
    for (const [director, instances] of by) {
      log(`${director}: clearing the switch of ${instances.join(', ')} ("${level}")`);
      await board.instanceSwitch(director, instances, 'normal');
    }
  }
  await waitUntil({ ...wait, what: 'for every VIP held by exactly one director' }, vipProbe(a, heldOnceEverywhere()));
}

/** Moves these VIPs to the director from wherever they are now: boost it, FAULT each holder's instance, wait, clear. */
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
