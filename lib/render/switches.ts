// The switches lvs-play flips on a director while keepalived runs: files that
// keepalived's own track_file watches (inotify), so a change takes effect at
// once, survives reloads and restarts, and needs no temporary config.
//
//   handover      every vrrp_instance tracks it with weight 1: absent or 0 is
//                 normal; -253 drops the director to priority 1 so its peer
//                 preempts its VIPs (no gap: the peer takes over only when it
//                 wins the election); -254 puts every instance in FAULT, out
//                 of the election (for changes both directors must agree on).
//   handover-<instance>
//                 nopreempt clusters only (rendered only there): the one
//                 vrrp_instance <instance> tracks it too, with weight 1. 254
//                 boosts the instance to priority 254 (keepalived caps it
//                 there); -254 puts that instance alone in FAULT. A BACKUP
//                 with nopreempt never preempts, so a VIP moves only when its
//                 holder stops advertising it: rollouts silence the holder's
//                 instance with an nftables rule while it keeps the VIP
//                 (quiet-adverts.ts), and the boosted taker becomes MASTER
//                 first. Per instance, so a director can give back one VIP
//                 and keep its own.
//   drain-<host>  each real_server of <host> has a FILE_CHECK on it (weight
//                 0): a non-zero value fails the check, and inhibit_on_failure
//                 sets the weight to 0, so existing connections finish.
//
// A missing file reads as 0 (keepalived's process_track_file), so "no file"
// means "normal". keepalived watches the folder, which must exist before it
// starts: the keepalived task writes SWITCHES_README there first.

import type { Cluster } from '../inventory/types.js';
import { managedHeader } from './header.js';

export const SWITCHES_DIR = '/var/lib/lvs-play/switches';
export const SWITCHES_README = `${SWITCHES_DIR}/README`;
export const HANDOVER_FILE = `${SWITCHES_DIR}/handover`;
export const HANDOVER_TRACK = 'lvsp_handover';

/** What the handover file says: a value keepalived adds to each instance's priority. */
export type HandoverLevel = 'normal' | 'yield' | 'out';
export const HANDOVER_VALUES: Record<HandoverLevel, number> = { normal: 0, yield: -253, out: -254 };

/** A nopreempt cluster's per-instance switch (instance names are [A-Za-z0-9_.-], safe in names and paths). */
export function instanceTrack(instance: string): string {
  return `${HANDOVER_TRACK}_${instance}`;
}

export function instanceFile(instance: string): string {
  return `${SWITCHES_DIR}/handover-${instance}`;
}

/**
 * What an instance switch says: normal, boosted to priority 254 (the taker),
 * FAULT (a giver that leaves), or quiet (a giver that keeps its VIP but stops
 * advertising it: not a file but an nftables rule, quiet-adverts.ts).
 */
export type InstanceLevel = 'normal' | 'boost' | 'out' | 'quiet';
/** The levels written to the instance's file */
export type InstanceFileLevel = Exclude<InstanceLevel, 'quiet'>;
export const INSTANCE_VALUES: Record<InstanceFileLevel, number> = { normal: 0, boost: 254, out: -254 };

/** Whether the cluster gets per-instance switches: only nopreempt ones, so every other renders as before. */
export function hasInstanceSwitches(cluster: Cluster): boolean {
  return cluster.vrrp.preempt.nopreempt;
}

/** Real-server host names are [a-z0-9-] (the inventory schema), safe in keepalived names and paths. */
export function drainTrack(realServerHost: string): string {
  return `lvsp_drain_${realServerHost}`;
}

export function drainFile(realServerHost: string): string {
  return `${SWITCHES_DIR}/drain-${realServerHost}`;
}

/** Every real-server host a director balances, in inventory order. */
export function balancedHosts(cluster: Cluster): string[] {
  const out: string[] = [];
  for (const s of cluster.vips.flatMap((v) => v.services)) for (const rs of s.realServers) if (!out.includes(rs.host)) out.push(rs.host);
  return out;
}

export function renderSwitchesReadme(cluster: Cluster, host: string): string {
  return `${
    managedHeader(cluster.name, `switches folder of ${host}, watched by keepalived (track_file)`) +
    [
      '# handover       absent or 0: normal; -253: priority 1 (the peer takes the VIPs);',
      '#                -254: every VRRP instance in FAULT (out of the election).',
      ...(hasInstanceSwitches(cluster)
        ? [
            '# handover-<instance>  (nopreempt) absent or 0: normal; 254: that instance at',
            '#                priority 254 (it takes the VIP when the holder leaves);',
            '#                -254: that instance in FAULT (it gives its VIP up).',
          ]
        : []),
      '# drain-<host>   absent or 0: serving; 1: the real server <host> is drained',
      '#                (weight 0 through inhibit_on_failure, connections finish).',
      '# Written by lvs-play rollouts and `lvs-play drain`; a run that was killed',
      '# leaves a record on the control machine, and the next deploy clears them.',
    ].join('\n')
  }\n`;
}
