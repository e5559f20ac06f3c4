// What `verify` reads from the hosts (Observations) and what it concludes
// (VerifyReport). evaluateCluster() turns the first into the second with no
// I/O, so every rule is tested with fixtures.

import type { FileState } from '../facts/file.js';
import type { HttpProbeResult } from '../facts/http-probe.js';
import type { InterfaceAddresses } from '../facts/interfaces.js';
import type { IpvsState } from '../facts/ipvs.js';
import type { OsFamily } from '../facts/os-release.js';
import type { PeerRoute } from '../facts/peer-routes.js';
import type { ServiceState } from '../facts/service.js';
import type { SwitchValues } from '../facts/switches.js';
import type { SysctlValues } from '../facts/sysctl.js';
import type { InterruptedRunReport } from '../run/interrupted.js';

// ------------------------------------------------------------ observations

export interface DirectorObservation {
  /** from /etc/os-release: where keepalived's options file is (null: neither Debian nor RHEL family) */
  osFamily: OsFamily | null;
  osId: string;
  keepalived: ServiceState;
  /** keepalived.conf and its options file (/etc/default/keepalived, /etc/sysconfig/keepalived) as they are on the host */
  files: FileState[];
  ipvs: IpvsState;
  /** lvs-play's switches (handover, drain-<host>) and their values */
  switches: SwitchValues;
  /** with unicast VRRP: how this director reaches its peers */
  peerRoutes?: PeerRoute[];
}

export interface RealServerObservation {
  sysctls: SysctlValues;
}

export interface ReachedHost {
  host: string;
  reachable: true;
  durationMs: number; // connect + the one round trip
  interfaces: InterfaceAddresses[];
  /** lvs-play's own runs on the host: interrupted ones (journals left behind), and the write run holding its lock now */
  runs?: { interrupted: InterruptedRunReport[]; inProgress: string | null };
  director?: DirectorObservation; // present for members of "directors"
  realServer?: RealServerObservation; // present for members of "realservers"
}

export interface UnreachedHost {
  host: string;
  reachable: false;
  error: string; // why: connect, host key, authentication, or an unreadable answer
}

export type HostObservation = ReachedHost | UnreachedHost;

/** One HTTP request to a VIP's service, made from the probe host. */
export interface ProbeTarget {
  vip: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  path: string;
  /** the service is checked with SSL_GET: probed over HTTPS */
  tls?: boolean;
  realServers: string[]; // host names that may answer
}

export interface ProbeObservation {
  from: string;
  error: string | null; // the probe host could not be reached
  /** result null: not probed (a UDP service) */
  results: { target: ProbeTarget; result: HttpProbeResult | null }[];
}

export interface Observations {
  /** the hosts verify read; a host missing here was left out (--limit), not unreachable */
  hosts: HostObservation[];
  probe?: ProbeObservation;
}

// ------------------------------------------------------------------ report

/** pass: holds; degraded: serving with less redundancy or capacity than the
 * inventory says; fail: down, wrong, or could not be read; not-checkable:
 * this platform or selection cannot show it (reported, never counted as pass). */
export type CheckStatus = 'pass' | 'degraded' | 'fail' | 'not-checkable';

export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'degraded', 'fail', 'not-checkable'];

export type CheckName =
  | 'host' // reachable, read in one round trip
  | 'run' // no interrupted lvs-play run left on the host; a write run in progress
  | 'vip' // held by exactly one director, its MASTER
  | 'sync-group' // a sync group's VIPs all on one director
  | 'unicast-peer' // a unicast VRRP peer routed out of the instance's interface, answering ARP
  | 'keepalived' // the service runs
  | 'keepalived-config' // the files on the director are the rendered ones
  | 'switches' // no real server drained and no handover set by lvs-play on the director
  | 'realserver-vips' // every VIP on lo as /32 (/128)
  | 'realserver-arp' // the four ARP sysctls
  | 'ipvs' // the IPVS table against the inventory
  | 'probe'; // an HTTP request to a VIP from the probe host

export interface CheckResult {
  check: CheckName;
  target: string; // what the row is about: a host, a VIP, "lvs-dr TCP 198.18.0.100:80"
  status: CheckStatus;
  detail: string; // says what was seen and, when not pass, what is wrong; never a secret
  host?: string;
  vip?: string;
  port?: number;
  /** probe rows: the real server whose page answered, when it could be told */
  answeredBy?: string;
}

export type ExitCode = 0 | 1 | 2;

export interface VerifyReport {
  cluster: string;
  checks: CheckResult[];
  counts: Record<CheckStatus, number>;
  exitCode: ExitCode;
  verdict: string; // one line: what the exit code means here
}
