// Fixture host states for the rollout planner (pyinfra's way: what the hosts
// would answer): a director's current keepalived.conf is the one lvs-play
// rendered for the cluster `before`, the next one is rendered for `after`.

import type { Cluster } from '../../lib/inventory/types.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import type { HostState, PendingChange } from '../../lib/rollout/plan/types.js';

const CONF_CHANGES: PendingChange[] = [
  { task: 'keepalived', summary: '/etc/keepalived/keepalived.conf: content differs' },
  { task: 'keepalived', summary: 'keepalived.service must reload (keepalived.conf changed)' },
];

export function directorState(before: Cluster, after: Cluster, host: string, extra: Partial<HostState> = {}): HostState {
  const current = renderKeepalivedConf(before, host);
  const next = renderKeepalivedConf(after, host);
  return {
    host,
    role: 'director',
    changes: current === next ? [] : CONF_CHANGES,
    installs: [],
    restartsKeepalived: false,
    startsKeepalived: false,
    keepalivedConf: { current, next },
    ...extra,
  };
}

export function realServerState(host: string, changes: PendingChange[] = []): HostState {
  return { host, role: 'realserver', changes, installs: [], restartsKeepalived: false, startsKeepalived: false };
}

export const drClientChange: PendingChange[] = [{ task: 'dr-client', summary: '/etc/lvs-play/dr-client.vips: content differs' }];

/** Every lab host: directors from before/after, real servers with the given changes. */
export function labStates(before: Cluster, after: Cluster, realServerChanges: Record<string, PendingChange[]> = {}): HostState[] {
  return [
    directorState(before, after, 'lvs-dr'),
    directorState(before, after, 'lvs-dr2'),
    realServerState('lvs01', realServerChanges.lvs01),
    realServerState('lvs02', realServerChanges.lvs02),
  ];
}
