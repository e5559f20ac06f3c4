// Reads facts from a host in one round trip: every fact in one script
// (lib/facts/batch.ts). The one place that does, for the run, verify and the
// rollout's reads; each says how long its read may take.

import { HostError } from '../errors.js';
import { batchFacts } from '../facts/batch.js';
import type { Fact, FactValues } from '../facts/fact.js';
import type { Transport } from '../ssh/transport.js';

/** A host's task facts: files, packages, services; enough for a slow host under load. */
export const DEFAULT_GATHER_TIMEOUT_MS = 60_000;

/** An answer that cannot be parsed is a HostError saying why, with the first line the host printed on stderr. */
export async function gatherFacts(transport: Transport, facts: Fact<unknown>[], options: { timeoutMs?: number } = {}): Promise<FactValues> {
  const batch = batchFacts(facts);
  const result = await transport.exec('sh -s', { stdin: batch.script, timeoutMs: options.timeoutMs ?? DEFAULT_GATHER_TIMEOUT_MS });
  try {
    return batch.parse(result.stdout);
  } catch (err) {
    const said = result.stderr.trim().split('\n')[0];
    throw new HostError(
      transport.host.name,
      `reading the host's state failed: ${(err as Error).message}${said ? ` (stderr: ${said})` : ''}`,
      { cause: err },
    );
  }
}
