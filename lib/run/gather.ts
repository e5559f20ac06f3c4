// Reads every fact a host's tasks need in one round trip.

import type { Transport } from '../ssh/transport.js';
import { batchFacts } from '../facts/batch.js';
import type { Fact, FactValues } from '../facts/fact.js';
import { HostError } from '../errors.js';

export async function gatherFacts(transport: Transport, facts: Fact<unknown>[]): Promise<FactValues> {
  const batch = batchFacts(facts);
  const result = await transport.exec('sh -s', { stdin: batch.script, timeoutMs: 60_000 });
  try {
    return batch.parse(result.stdout);
  } catch (err) {
    throw new HostError(transport.host.name, `reading the host's state failed: ${(err as Error).message}`, { cause: err });
  }
}
