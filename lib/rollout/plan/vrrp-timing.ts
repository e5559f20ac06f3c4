// VRRP's clocks (RFC 3768 section 6.1), which bound every wait of a
// director rollout. A BACKUP takes a VIP when it has heard no acceptable
// advert for Master_Down_Interval = 3 x advert_int + Skew_Time, where
// Skew_Time = (256 - priority) x advert_int / 256. keepalived 2.2.7 discards
// a lower-priority advert and lets that timer run out (vrrp.c,
// vrrp_state_backup: "received lower priority advert - discarding"), so a
// lowered priority moves a VIP after at most one Master_Down_Interval.
//
// preempt_delay: a BACKUP that hears a lower-priority advert starts its
// preempt timer and accepts the adverts until it runs out (vrrp_state_backup:
// "start preempt delay"); only then does it discard them and let
// Master_Down_Interval run. Its first lower advert comes within one advert_int
// of the yield, so every preemption takes up to delay + advert_int longer.
// nopreempt: a VIP moves when its holder's instance goes quiet (its adverts
// dropped, quiet-adverts.ts): the boosted taker hears nothing and becomes
// MASTER after Master_Down_Interval at priority 254.

import type { Cluster, Vip } from '../../inventory/types.js';

export function skewMs(advertSeconds: number, priority: number): number {
  return ((256 - priority) * advertSeconds * 1000) / 256;
}

export function masterDownMs(advertSeconds: number, priority: number): number {
  return 3 * advertSeconds * 1000 + skewMs(advertSeconds, priority);
}

/** Slack over a VRRP bound: two more adverts and the time to read the hosts. */
export function slackMs(advertSeconds: number): number {
  return 2 * advertSeconds * 1000 + 3000;
}

/** The advert interval to plan with: the larger of the inventory's and the one the director runs now. */
export function advertOf(vip: Vip, running: Map<string, number>): number {
  return Math.max(vip.advertInterval, running.get(vip.instance) ?? 0);
}

/** The highest priority among the directors other than `director` (the one that takes over). */
export function peerPriority(vip: Vip, director: string): number {
  return Math.max(
    1,
    ...Object.entries(vip.priorities)
      .filter(([d]) => d !== director)
      .map(([, p]) => p),
  );
}

/** How much longer a preemption takes under preempt_delay (0 without it). */
export function preemptDelayMs(cluster: Cluster, adv: number): number {
  const delay = cluster.vrrp.preempt.delay;
  return delay > 0 ? (delay + adv) * 1000 : 0;
}

/** The priority a boosted instance runs at (keepalived caps the effective priority at 254). */
export const BOOSTED_PRIORITY = 254;

/** nopreempt: a VIP reaches the boosted taker once its holder's instance is quiet: Master_Down_Interval at 254, plus slack. */
export function instanceMoveMs(cluster: Cluster, running: Map<string, number>): number {
  let out = 0;
  for (const vip of cluster.vips) {
    const adv = advertOf(vip, running);
    out = Math.max(out, masterDownMs(adv, BOOSTED_PRIORITY) + slackMs(adv));
  }
  return Math.ceil(out);
}

/** A quiet switch outlasts the wait for its move by this much (the wait, not the switch, decides that a move failed). */
export const QUIET_MARGIN_MS = 10_000;

export interface DirectorBounds {
  /** the peers take the director's VIPs once it yields */
  awayMs: number;
  /** how long a yielded director must claim nothing to show its adverts agree with its peers' */
  observeMs: number;
  /** the director takes its VIPs back once handed back */
  homeMs: number;
}

export function directorBounds(cluster: Cluster, director: string, running: Map<string, number>): DirectorBounds {
  let away = 0;
  let observe = 0;
  let home = 0;
  for (const vip of cluster.vips) {
    const adv = advertOf(vip, running);
    const delay = preemptDelayMs(cluster, adv);
    away = Math.max(away, masterDownMs(adv, peerPriority(vip, director)) + slackMs(adv) + delay);
    // yielded, the director runs at priority 1
    observe = Math.max(observe, masterDownMs(adv, 1) + 1000);
    const own = vip.priorities[director];
    if (vip.master === director && own !== undefined) home = Math.max(home, masterDownMs(adv, own) + slackMs(adv) + delay);
  }
  return { awayMs: Math.ceil(away), observeMs: Math.ceil(observe), homeMs: Math.ceil(home || observe) };
}
