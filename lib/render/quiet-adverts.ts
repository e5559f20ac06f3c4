// The "quiet" switch of a nopreempt handover: the holder of a VIP stops
// sending that instance's VRRP adverts, and stops hearing the other
// directors' ones, while it keeps the VIP. Its BACKUPs, hearing nothing, wait
// out Master_Down_Interval and the best one (boosted to 254) becomes MASTER:
// it adds the VIP and sends its gratuitous ARPs, so clients and switches
// move to it. The old holder, deaf to that advert, still holds the VIP; the
// rollout sees the taker holding it and only then puts the old holder's
// instance in FAULT, which drops the VIP. So the VIP always has a holder: on
// two directors for the rollout's reaction time (a poll, a fraction of a
// second), never on none. Without the deaf half, keepalived's new MASTER
// sends its advert just before it adds the VIP, and the old holder drops the
// VIP on hearing it: measured, a race that left it on no director for up to
// 1.7 ms in one move of four. keepalived 2.2.7 has no such state, so it is
// done from outside: nftables rules on the holder, matching IP protocol 112
// (VRRP v2 and v3), the instance's VRID (the header's second byte) and its
// interface, one chain per hook.
//
// Each rule carries its own deadline (`meta time <`, read from the
// director's clock when it is set): whatever happens to the run, the
// director advertises and listens again after it, and a takeover that did
// not come is a failed wait, not a director silenced for good. Each instance
// has its own chains in lvs-play's table, so one instance is cleared without
// touching another's.
//
// keepalived logs "send advert error 1 (Operation not permitted)" for every
// advert dropped: the drop is what makes the output hook refuse the send.

import type { Vip } from '../inventory/types.js';
import { quote } from '../shell/quote.js';

export const QUIET_TABLE = 'lvs_play_quiet';
/** IP protocol number of VRRP (v2 and v3); the VRID is the second byte of its header */
const VRRP_PROTOCOL = 112;

/** One chain per instance and hook (vrrp_instance names are [A-Za-z][A-Za-z0-9_.-], valid nft identifiers after the prefix) */
export function quietChains(instance: string): { out: string; in: string } {
  return { out: `quiet_${instance}`, in: `deaf_${instance}` };
}

export type QuietTarget = Pick<Vip, 'instance' | 'routerId' | 'interface'>;

/** nft -f input that silences (and deafens) these instances until `until` ("YYYY-MM-DD HH:MM:SS", UTC), one transaction */
export function quietRuleset(targets: QuietTarget[], until: string): string {
  const lines = [`add table inet ${QUIET_TABLE}`];
  for (const t of targets) {
    const c = quietChains(t.instance);
    for (const [name, hook, dev] of [
      [c.out, 'output', 'oifname'],
      [c.in, 'input', 'iifname'],
    ] as const) {
      const chain = `inet ${QUIET_TABLE} ${name}`;
      lines.push(
        `add chain ${chain} { type filter hook ${hook} priority 0 ; policy accept ; }`,
        `flush chain ${chain}`,
        `add rule ${chain} ${dev} "${t.interface}" meta l4proto ${VRRP_PROTOCOL} @th,8,8 ${t.routerId} meta time < "${until}" drop`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const UNTIL = '__LVSP_UNTIL__';

/**
 * The shell command run on the director: the deadline is its own clock plus
 * `seconds`, in UTC for both date and nft (nft reads the time in its TZ).
 */
export function quietCommand(targets: QuietTarget[], seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return [
    `command -v nft >/dev/null || { echo 'nft is not installed (package nftables): run lvs-play deploy once, it installs it on nopreempt directors' >&2; exit 1; }`,
    `until=$(date -u -d "@$(( $(date +%s) + ${s} ))" '+%Y-%m-%d %H:%M:%S')`,
    `printf '%s' ${quote(quietRuleset(targets, UNTIL))} | sed "s/${UNTIL}/$until/" | TZ=UTC nft -f -`,
  ].join(' && ');
}

/** Removes these instances' quiet chains where they exist (nothing to do on a director without nft or the table). */
export function unquietCommand(instances: string[]): string {
  const chains = instances.flatMap((i) => Object.values(quietChains(i)).map((c) => `inet ${QUIET_TABLE} ${c}`));
  return chains
    .map(
      (c) =>
        `if command -v nft >/dev/null && nft list chain ${c} >/dev/null 2>&1; then printf '%s\\n' ${quote(`flush chain ${c}`)} ${quote(`delete chain ${c}`)} | nft -f -; fi`,
    )
    .join(' && ');
}
