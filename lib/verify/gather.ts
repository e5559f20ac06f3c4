// Reads what verify needs: every host at once, each in one round trip (all
// its facts in one script, lib/facts/batch.ts), the probe host's HTTP
// requests in that host's same round trip. A host that cannot be connected
// to or read becomes an UnreachedHost with the reason; it never stops the
// others. The connection comes from the caller (the CLI's ConnectionPool).

import { UserError } from '../errors.js';
import type { Fact, FactValues } from '../facts/fact.js';
import { type HttpProbeResult, httpProbeFact, PROBE_TIMEOUT_SECONDS } from '../facts/http-probe.js';
import type { Cluster, Host } from '../inventory/types.js';
import { gatherFacts } from '../run/gather.js';
import type { Transport } from '../ssh/transport.js';
import { hostObservation, verifyFacts } from './facts.js';
import { probeTargets } from './probe.js';
import type { HostObservation, Observations, ProbeObservation, ProbeTarget } from './types.js';

export interface GatherOptions {
  cluster: Cluster;
  /** the hosts to check (after --limit); hosts with nothing to check are not contacted */
  hosts: Host[];
  /** the host that sends an HTTP request to every VIP, if any */
  probeFrom?: Host;
  connect(host: Host): Promise<Transport>;
  /** redacts secrets from error messages */
  redact?: (s: string) => string;
}

const BASE_TIMEOUT_MS = 30_000;

function probeFactOf(t: ProbeTarget): Fact<HttpProbeResult> | null {
  return t.protocol === 'TCP' ? httpProbeFact({ address: t.vip, port: t.port, path: t.path, ...(t.tls ? { tls: true } : {}) }) : null;
}

export async function gatherObservations(o: GatherOptions): Promise<Observations> {
  const redact = o.redact ?? ((s: string) => s);
  const targets = o.probeFrom ? probeTargets(o.cluster) : [];
  const probeFacts = targets.map(probeFactOf);
  const plan = new Map<string, { host: Host; facts: Fact<unknown>[]; checked: boolean }>();
  for (const host of o.hosts) {
    const facts = verifyFacts(o.cluster, host.name);
    if (facts.length) plan.set(host.name, { host, facts, checked: true });
  }
  if (o.probeFrom) {
    const own = probeFacts.filter((f): f is Fact<HttpProbeResult> => f !== null);
    const entry = plan.get(o.probeFrom.name);
    if (entry) entry.facts.push(...own);
    else plan.set(o.probeFrom.name, { host: o.probeFrom, facts: own, checked: false });
  }

  const answers = new Map<string, { values: FactValues; durationMs: number } | { error: string }>();
  await Promise.all(
    [...plan.values()].map(async ({ host, facts }) => {
      const started = Date.now();
      try {
        const transport = await o.connect(host);
        const probes = host.name === o.probeFrom?.name ? targets.length : 0;
        // each HTTP probe may take its own timeout, one after the other
        const values = await gatherFacts(transport, facts, { timeoutMs: BASE_TIMEOUT_MS + probes * (PROBE_TIMEOUT_SECONDS + 1) * 1000 });
        answers.set(host.name, { values, durationMs: Date.now() - started });
      } catch (err) {
        // HostError messages start with the host's name, which the row already shows
        const hint = err instanceof UserError && err.hint ? ` (${err.hint})` : '';
        answers.set(host.name, { error: redact(`${(err as Error).message.replace(`${host.name}: `, '')}${hint}`) });
      }
    }),
  );

  const hosts: HostObservation[] = [];
  for (const { host, checked } of plan.values()) {
    if (!checked) continue;
    const a = answers.get(host.name)!;
    hosts.push(
      'error' in a ? { host: host.name, reachable: false, error: a.error } : hostObservation(o.cluster, host.name, a.values, a.durationMs),
    );
  }
  const observations: Observations = { hosts };
  if (o.probeFrom) {
    const a = answers.get(o.probeFrom.name)!;
    const probe: ProbeObservation =
      'error' in a
        ? { from: o.probeFrom.name, error: a.error, results: [] }
        : {
            from: o.probeFrom.name,
            error: null,
            results: targets.map((target, i) => ({ target, result: probeFacts[i] ? a.values.get(probeFacts[i]!) : null })),
          };
    observations.probe = probe;
  }
  return observations;
}
