// Which facts verify reads from each host (by its groups), and how a host's
// answers become its observation. Only reads: nothing here changes a host.

import type { Fact, FactValues } from '../facts/fact.js';
import { fileFact } from '../facts/file.js';
import { interfacesFact } from '../facts/interfaces.js';
import { ipvsFact } from '../facts/ipvs.js';
import { osReleaseFact } from '../facts/os-release.js';
import { type PeerRoute, peerRoutesFact } from '../facts/peer-routes.js';
import { serviceFact } from '../facts/service.js';
import { switchesFact } from '../facts/switches.js';
import { sysctlFact } from '../facts/sysctl.js';
import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { unicastPeers } from '../inventory/unicast-peers.js';
import { describeHolder } from '../lock/holder.js';
import { KEEPALIVED_CONF_PATH } from '../render/host-files.js';
import { everyFamily, OS_LAYOUTS, type OsLayout } from '../render/os-layout.js';
import { realServerRuntimeSysctls } from '../render/sysctl.js';
import { interruptedReport } from '../run/interrupted.js';
import { hostRunsFact } from '../run/journals-fact.js';
import type { DirectorObservation, ReachedHost } from './types.js';

export const KEEPALIVED_UNIT = 'keepalived.service';
/** The files whose content decides how keepalived runs: its config and its options (--vrrp), where the host's family keeps them. */
export const keepalivedFiles = (layout: OsLayout): string[] => [KEEPALIVED_CONF_PATH, layout.keepalivedOptions.path];

const keepalivedFact = serviceFact(KEEPALIVED_UNIT);
// every family's options file is read in the one round trip; the observation keeps the host's family's
const fileFacts = [KEEPALIVED_CONF_PATH, ...everyFamily((l) => l.keepalivedOptions.path)].map((p) => fileFact(p));
/** ARP's sysctls, and rp_filter's on a LVS-TUN real server */
const realServerSysctlsFact = (cluster: Cluster, host: string) => sysctlFact(Object.keys(realServerRuntimeSysctls(cluster, host)));

function groupsOf(cluster: Cluster, host: string): { director: boolean; realServer: boolean } {
  return {
    director: (cluster.groups[DIRECTORS] ?? []).includes(host),
    realServer: (cluster.groups[REALSERVERS] ?? []).includes(host),
  };
}

/** The facts verify needs from a host; empty for a host with no role to check (a client). */
export function verifyFacts(cluster: Cluster, host: string): Fact<unknown>[] {
  const { director, realServer } = groupsOf(cluster, host);
  if (!director && !realServer) return [];
  const facts: Fact<unknown>[] = [interfacesFact, hostRunsFact];
  if (director) facts.push(osReleaseFact, keepalivedFact, ...fileFacts, ipvsFact, switchesFact, ...peerFacts(cluster, host));
  if (realServer) facts.push(realServerSysctlsFact(cluster, host));
  return facts;
}

export function hostObservation(cluster: Cluster, host: string, values: FactValues, durationMs: number): ReachedHost {
  const { director, realServer } = groupsOf(cluster, host);
  return {
    host,
    reachable: true,
    durationMs,
    interfaces: values.get(interfacesFact),
    runs: runsObservation(values),
    ...(director ? { director: directorObservation(values, peerFacts(cluster, host)[0]) } : {}),
    ...(realServer ? { realServer: { sysctls: values.get(realServerSysctlsFact(cluster, host)) } } : {}),
  };
}

/** With unicast VRRP, how the director reaches every peer of its instances. */
function peerFacts(cluster: Cluster, director: string): Fact<PeerRoute[]>[] {
  if (!cluster.vrrp.unicast) return [];
  const peers = cluster.vips.filter((v) => director in v.priorities).flatMap((v) => unicastPeers(cluster, v, director));
  return peers.length ? [peerRoutesFact(peers.map((p) => p.address))] : [];
}

function directorObservation(values: FactValues, peerRoutes?: Fact<PeerRoute[]>): DirectorObservation {
  const os = values.get(osReleaseFact);
  const files = fileFacts.map((f) => values.get(f));
  return {
    osFamily: os.family,
    osId: os.id,
    keepalived: values.get(keepalivedFact),
    // an unknown family keeps every file read; the config check names the OS
    files: os.family ? files.filter((f) => keepalivedFiles(OS_LAYOUTS[os.family!]).includes(f.path)) : files,
    ipvs: values.get(ipvsFact),
    switches: values.get(switchesFact),
    ...(peerRoutes ? { peerRoutes: values.get(peerRoutes) } : {}),
  };
}

function runsObservation(values: FactValues): ReachedHost['runs'] {
  const runs = values.get(hostRunsFact);
  return { interrupted: runs.interrupted.map(interruptedReport), inProgress: runs.lockedBy ? describeHolder(runs.lockedBy) : null };
}
