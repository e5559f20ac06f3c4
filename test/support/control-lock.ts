// Whether a started lvs-play holds the control machine's lock of a cluster:
// the point where a write run has installed its signal handlers (they come
// first) and is about to contact the hosts, so a test can signal it there.

import { readFileSync } from 'node:fs';
import { controlLock } from '../../lib/lock/lock-commands.js';

/** The holder file of `cluster`'s lock in `dir` (LVS_PLAY_LOCK_DIR) names process `pid`. */
export function controlLockHeldBy(dir: string, cluster: string, pid: number): boolean {
  try {
    return new RegExp(`"pid":${pid}[,}]`).test(readFileSync(controlLock(cluster, dir).holder, 'utf8'));
  } catch {
    return false;
  }
}
