// Fixture facts for testing a task's diff with no host (pyinfra's way): the
// parsed values a host would have returned, given by fact.

import { type Fact, FactValues } from '../facts/fact.js';

/** FactValues holding each [fact, value] pair, for calling task.diff() in a test. */
export function fixtureFacts(pairs: ReadonlyArray<readonly [Fact<unknown>, unknown]>): FactValues {
  const values = new FactValues();
  for (const [fact, value] of pairs) values.set(fact.id, value);
  return values;
}
