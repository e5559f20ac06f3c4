// The changes that bring a systemd unit to "enabled and running", and make a
// running unit take changed files: reload for keepalived.conf or the VIP list,
// restart where the daemon's arguments changed.

import type { ServiceState } from '../facts/service.js';
import type { Change } from './task.js';

export interface ServiceWanted {
  /** false where the host cannot run it (chrony without CAP_SYS_TIME) */
  running: boolean;
  /** the running unit must re-read its files */
  refresh: 'none' | 'reload' | 'restart';
  /** why it must re-read them, for the summary */
  because?: string;
}

export function serviceChanges(state: ServiceState, wanted: ServiceWanted): Change[] {
  const changes: Change[] = [];
  const unit = state.unit;
  if (!state.enabled) changes.push({ summary: `${unit} not enabled`, steps: [{ kind: 'service', unit, action: 'enable' }] });
  if (!wanted.running) return changes;
  if (!state.active) changes.push({ summary: `${unit} not running`, steps: [{ kind: 'service', unit, action: 'start' }] });
  else if (wanted.refresh !== 'none')
    changes.push({
      summary: `${unit} must ${wanted.refresh}${wanted.because ? ` (${wanted.because})` : ''}`,
      steps: [{ kind: 'service', unit, action: wanted.refresh }],
    });
  return changes;
}
