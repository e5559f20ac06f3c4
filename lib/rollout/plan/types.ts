// A rollout plan is data (Terraform's idea): what changes on each host, in
// which order, behind which gates and waits. plan.ts makes it with no I/O,
// format.ts prints it (`deploy --rolling --check`), execute.ts carries it out.

import type { HandoverLevel, InstanceLevel } from '../../render/switches.js';
import type { JournalRun } from '../../run/host-journal.js';
import type { InterruptedRunReport } from '../../run/interrupted.js';
import type { LeftSwitch } from './left-switches.js';

/** How a director takes its changes (see classify-config.ts). */
export type DirectorClass = 'reload-safe' | 'disruptive' | 'must-agree';
export const DIRECTOR_CLASSES: readonly DirectorClass[] = ['reload-safe', 'disruptive', 'must-agree'];

export interface Classified {
  class: DirectorClass;
  reason: string;
}

export type HostRole = 'director' | 'realserver' | 'other';

/** One task's pending change on a host, as check reports it. */
export interface PendingChange {
  task: string;
  summary: string;
}

/** What the read of one host found: its pending changes, and for a director the config it runs. */
export interface HostState {
  host: string;
  role: HostRole;
  changes: PendingChange[];
  /** steps the changes would run, for classifying: e.g. installs of keepalived, restarts */
  installs: string[];
  restartsKeepalived: boolean;
  startsKeepalived: boolean;
  /** directors: the keepalived.conf on the host (null: none) and the one lvs-play renders */
  keepalivedConf?: { current: string | null; next: string };
  /** a task whose diff could not be computed, or the host could not be read */
  error?: string;
  /** runs interrupted on this host (their journals): rolled back before the rollout plans */
  interrupted?: JournalRun[];
  /** another write run holds this host's lock (a read-only plan says so) */
  runInProgress?: string;
  /** directors of a nopreempt cluster: the VIPs it holds when read (where each VIP goes back to) */
  vips?: string[];
  /** directors of a nopreempt cluster: whether nft is installed (a handover silences the holder with it) */
  nft?: boolean;
}

/** One thing the executor does; each says what it waits on and for how long at most. */
export type Action =
  /** the other directors are healthy and every VIP is held exactly once (waited for: a cluster may still be electing) */
  | { kind: 'gate'; director: string; peers: string[]; changedPeers: string[]; timeoutMs: number }
  /** write the director's handover switch; `stop`: its running config has no switch, so stop keepalived */
  | { kind: 'switch'; director: string; level: HandoverLevel; stop?: boolean }
  /** nopreempt clusters: these instances' own switches on the director (boost: priority 254; quiet: adverts dropped for at most `forMs`; out: FAULT; normal: removed) */
  | { kind: 'instance-switch'; director: string; instances: string[]; level: InstanceLevel; forMs?: number }
  /** nopreempt: until each VIP is on its taker (`to`), its giver (`from`, quiet) still holding it too */
  | { kind: 'wait-vips-taken'; moves: { vip: string; from: string; to: string }[]; timeoutMs: number }
  /** until no VIP is on the director, each held by exactly one other director */
  | { kind: 'wait-vips-away'; director: string; vips: string[]; timeoutMs: number }
  /** the tasks' own apply, journaled; rolled back on failure; several hosts change at once */
  | { kind: 'change'; hosts: string[] }
  /** keepalived active; for `observeMs` the director claims no VIP and every VIP stays held once */
  | { kind: 'settle'; director: string; observeMs: number; timeoutMs: number; alone?: boolean }
  /** until the director holds these VIPs (the ones it is MASTER of; under nopreempt the ones it held), each held once */
  | { kind: 'wait-vips-home'; director: string; vips: string[]; timeoutMs: number }
  /** verify's VIP rows: every VIP on its MASTER, once; under nopreempt on the director that held it when read (`holders`) */
  | { kind: 'confirm-vips'; holders?: Record<string, string> }
  /** every service of these real servers keeps another one answering its health check; the ones drained by hand do not count */
  | { kind: 'capacity'; realServers: string[]; drainedByHand?: string[] }
  /** drain switch on every director, recorded on the control machine first; `staysDrained`: drained by hand, not undrained after */
  | { kind: 'drain'; realServers: string[]; directors: string[]; staysDrained?: string[] }
  /** until IPVS shows no active connection to them, or the timeout (then go on) */
  | { kind: 'wait-connections'; realServers: string[]; directors: string[]; timeoutMs: number }
  /** each real server answers its health check's request, sent from a director */
  | { kind: 'check-serving'; realServers: string[] }
  | { kind: 'undrain'; realServers: string[]; directors: string[] }
  /** until every director's IPVS table has them at the inventory's weight */
  | { kind: 'confirm-weights'; realServers: string[]; directors: string[]; timeoutMs: number };

export type StageKind = 'director' | 'directors-agree' | 'realservers' | 'other';

export interface Stage {
  kind: StageKind;
  /** the hosts this stage changes, in order */
  hosts: string[];
  actions: Action[];
  /** directors: how each one takes its changes */
  classes: Record<string, Classified[]>;
  /** said in the plan: why this order, what cannot be avoided */
  notes: string[];
}

export interface RolloutPlan {
  cluster: string;
  stages: Stage[];
  /** hosts read and found in sync */
  unchanged: string[];
  /** hosts that could not be read or diffed: the rollout refuses to start */
  problems: { host: string; error: string }[];
  /** runs interrupted on a host: the rollout rolls them back before anything else */
  interrupted: { host: string; runs: InterruptedRunReport[] }[];
  /** whether directors keep an IPVS table (false: keepalived runs VRRP-only) */
  ipvs: boolean;
  /** switches a killed run left set (the control machine's record): cleared by the rollout before anything else */
  leftSwitches: LeftSwitch[];
}
