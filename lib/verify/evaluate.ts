// evaluateCluster: every verify rule over what was read, in a fixed order
// (hosts, runs, VIPs, keepalived, switches, real servers, IPVS, probe), and
// the exit code.
//
// Exit codes: 1 when any row fails (something is down, wrong, or a host
// could not be read), else 2 when any row is degraded (serving with less
// redundancy or capacity than the inventory says), else 0. A not-checkable
// row (the platform cannot show it, e.g. no IP_VS in the container lab, or
// --limit left a director out) does not change the code by itself, but it is
// counted in the verdict and listed, never reported as a pass.

import type { Cluster } from '../inventory/types.js';
import { describeInterrupted } from '../run/interrupted.js';
import { checkIpvsTables } from './ipvs-table.js';
import { checkKeepalived } from './keepalived.js';
import { checkProbe } from './probe.js';
import { checkRealServers } from './realserver.js';
import { checkSwitches } from './switches.js';
import { checkSyncGroups } from './sync-groups.js';
import { CHECK_STATUSES, type CheckResult, type CheckStatus, type ExitCode, type Observations, type VerifyReport } from './types.js';
import { checkUnicastPeers } from './unicast-peers.js';
import { checkVipPlacement } from './vip-placement.js';

function checkHosts(obs: Observations): CheckResult[] {
  return obs.hosts.map(
    (h): CheckResult =>
      h.reachable
        ? { check: 'host', target: h.host, host: h.host, status: 'pass', detail: `read in one round trip (${h.durationMs} ms)` }
        : { check: 'host', target: h.host, host: h.host, status: 'fail', detail: `could not be read: ${h.error}` },
  );
}

/**
 * An interrupted run left changes on the host that nothing finished or
 * undid: it may serve, but it is not the inventory's state (degraded). A
 * write run in progress is said: what verify saw may change under it.
 */
function checkRuns(obs: Observations): CheckResult[] {
  return obs.hosts.flatMap((h): CheckResult[] => {
    if (!h.reachable || !h.runs) return [];
    return [
      ...h.runs.interrupted.map(
        (r): CheckResult => ({
          check: 'run',
          target: h.host,
          host: h.host,
          status: 'degraded',
          detail: `${describeInterrupted(r, 'found')}; lvs-play deploy (or lvs-play recover) rolls it back`,
        }),
      ),
      ...(h.runs.inProgress
        ? [
            {
              check: 'run',
              target: h.host,
              host: h.host,
              status: 'not-checkable',
              detail: `a write run is in progress: ${h.runs.inProgress}; what verify saw may change under it`,
            } as CheckResult,
          ]
        : []),
    ];
  });
}

export function exitCodeOf(counts: Record<CheckStatus, number>): ExitCode {
  if (counts.fail > 0) return 1;
  if (counts.degraded > 0) return 2;
  return 0;
}

function verdictOf(code: ExitCode): string {
  return code === 1 ? 'something is down or could not be checked' : code === 2 ? 'degraded but serving' : 'healthy';
}

/** inventoryFile: named in the commands the rows suggest */
export function evaluateCluster(cluster: Cluster, obs: Observations, inventoryFile?: string): VerifyReport {
  const checks = [
    ...checkHosts(obs),
    ...checkRuns(obs),
    ...checkVipPlacement(cluster, obs),
    ...checkSyncGroups(cluster, obs),
    ...checkUnicastPeers(cluster, obs),
    ...checkKeepalived(cluster, obs),
    ...checkSwitches(cluster, obs, inventoryFile),
    ...checkRealServers(cluster, obs),
    ...checkIpvsTables(cluster, obs),
    ...checkProbe(cluster, obs),
  ];
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, checks.filter((c) => c.status === s).length])) as Record<
    CheckStatus,
    number
  >;
  const exitCode = exitCodeOf(counts);
  return { cluster: cluster.name, checks, counts, exitCode, verdict: verdictOf(exitCode) };
}
