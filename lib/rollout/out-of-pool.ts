// Which real servers are out of the pool before a batch is drained, for the
// capacity gate (realserver-checks.ts): those this machine's record lists as
// drained, and those whose drain switch the directors themselves show set.
// The second kind is a drain made from another control machine, or left by a
// run whose record is gone: it answers its health check but takes no new
// connection, and a gate that counted it as serving could drain the last
// real server a service has.

import { drainedIn, switchesFact } from '../facts/switches.js';
import type { Host } from '../inventory/types.js';
import { gatherFacts } from '../run/gather.js';
import type { Transport } from '../ssh/transport.js';

/** real server -> why it does not count as serving, as the gate's message says it */
export type OutOfPool = ReadonlyMap<string, string>;

/** real server -> the directors (of those that answered) where its drain switch is set */
export async function drainSwitchesOn(directors: Host[], connect: (h: Host) => Promise<Transport>): Promise<Map<string, string[]>> {
  const read = await Promise.allSettled(
    directors.map(async (d) => ({ director: d.name, values: (await gatherFacts(await connect(d), [switchesFact])).get(switchesFact) })),
  );
  const on = new Map<string, string[]>();
  for (const r of read) {
    // a director that does not answer is the drain's own concern (it says where the switch is not set)
    if (r.status !== 'fulfilled') continue;
    for (const host of drainedIn(r.value.values)) on.set(host, [...(on.get(host) ?? []), r.value.director]);
  }
  return on;
}

/** The record's drains, then the switches seen set that the record does not list; the batch itself is left out. */
export function outOfPool(recorded: readonly string[], switchesSet: ReadonlyMap<string, string[]>, batch: readonly string[]): OutOfPool {
  const out = new Map<string, string>();
  for (const h of recorded) if (!batch.includes(h)) out.set(h, 'drained already');
  for (const [h, directors] of switchesSet)
    if (!batch.includes(h) && !out.has(h))
      out.set(h, `drained on ${directors.join(', ')} (its switch is set there; this machine's record does not list it)`);
  return out;
}
