// Each action in words: the plan printed by --check and the progress lines
// of a real rollout say the same thing.

import { HANDOVER_VALUES, INSTANCE_VALUES } from '../../render/switches.js';
import type { Action } from './types.js';

const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const list = (xs: string[]) => xs.join(', ') || '(none)';

/** rollback: false under --no-rollback, where a failed change is left as it failed */
export function describeAction(a: Action, o: { rollback?: boolean } = {}): string {
  switch (a.kind) {
    case 'gate':
      return `gate: ${list(a.peers)} reachable with keepalived running, every VIP held by exactly one director and each peer's own VIPs on it${a.changedPeers.length ? `; ${list(a.changedPeers)} already running the new config` : ''} (waits at most ${s(a.timeoutMs)})`;
    case 'switch':
      if (a.level === 'yield')
        return `yield: ${a.director}'s handover switch ${HANDOVER_VALUES.yield} (priority 1${a.stop ? '; its running config has no switch, so keepalived is stopped too' : ''})`;
      if (a.level === 'out')
        return `take out: ${a.director}'s handover switch ${HANDOVER_VALUES.out} (every instance in FAULT, out of the election)`;
      return `hand back: ${a.director}'s handover switch removed (its own priorities: it preempts its VIPs)`;
    case 'instance-switch': {
      const which = `${a.director}'s ${a.instances.length === 1 ? 'instance' : 'instances'} ${list(a.instances)}`;
      if (a.level === 'boost')
        return `boost: ${which} at priority 254 (switch ${INSTANCE_VALUES.boost}: it takes the VIP when its holder leaves)`;
      if (a.level === 'out') return `give up: ${which} in FAULT (switch ${INSTANCE_VALUES.out}: it drops the VIP now)`;
      if (a.level === 'quiet')
        return `go quiet: ${which} stop sending and hearing adverts, VIP kept (nftables drops them for at most ${s(a.forMs ?? 0)}; the boosted director takes the VIP after Master_Down_Interval)`;
      return `clear: ${which} switches removed (nopreempt: it keeps the state it is in)`;
    }
    case 'wait-vips-taken':
      return `wait until ${a.moves.map((m) => `${m.vip} is on ${m.to}`).join(', ')} (${[...new Set(a.moves.map((m) => m.from))].join(', ')} still holding ${a.moves.length === 1 ? 'it' : 'them'}: no moment without a holder) (at most ${s(a.timeoutMs)})`;
    case 'wait-vips-away':
      return `wait until no VIP is on ${a.director}, each held by exactly one other director (at most ${s(a.timeoutMs)})`;
    case 'change':
      return `change ${list(a.hosts)}: the tasks' changes, journaled, ${o.rollback === false ? 'left as they fail (--no-rollback)' : 'rolled back on failure'}`;
    case 'settle':
      return a.alone
        ? `settle: keepalived running on ${a.director}, every VIP held by exactly one director (at most ${s(a.timeoutMs)})`
        : `settle: keepalived running on ${a.director}, which claims no VIP for ${s(a.observeMs)} (one Master_Down_Interval: its adverts agree with its peers') (at most ${s(a.timeoutMs)})`;
    case 'wait-vips-home':
      return `wait until ${a.director} holds ${list(a.vips)}, each VIP held once (at most ${s(a.timeoutMs)})`;
    case 'confirm-vips':
      return a.holders
        ? `confirm: every VIP back where it was (nopreempt: ${Object.entries(a.holders)
            .map(([v, d]) => `${v} on ${d}`)
            .join(', ')}), held by exactly one director`
        : 'confirm: every VIP on its MASTER, held by exactly one director';
    case 'capacity':
      return `gate: every service of ${list(a.realServers)} keeps another real server answering its health check's request, sent from a director${a.drainedByHand ? ` (${list(a.drainedByHand)}, drained by hand, not counted)` : ''}`;
    case 'drain':
      return `drain ${list(a.realServers)} on ${list(a.directors)} (recorded on this machine first; ${undrainedOf(a)})`;
    case 'wait-connections':
      return `wait until no active connection to ${list(a.realServers)} on any director (at most ${s(a.timeoutMs)}, then go on)`;
    case 'check-serving':
      return `check: ${list(a.realServers)} ${a.realServers.length === 1 ? 'answers its' : 'answer their'} health check's request, sent from a director`;
    case 'undrain':
      return `undrain ${list(a.realServers)} on ${list(a.directors)}`;
    case 'confirm-weights':
      return `confirm: ${list(a.realServers)} back at the inventory's weight on ${list(a.directors)} (at most ${s(a.timeoutMs)})`;
  }
}

/** What becomes of a drain's real servers after the change: undrained whatever happens, unless drained by hand. */
function undrainedOf(a: Extract<Action, { kind: 'drain' }>): string {
  const kept = a.staysDrained ?? [];
  const back = a.realServers.filter((h) => !kept.includes(h));
  const parts = [
    ...(back.length ? [`${kept.length ? `${list(back)} ` : ''}undrained whatever happens`] : []),
    ...(kept.length ? [`${list(kept)} ${kept.length === 1 ? 'stays' : 'stay'} drained: drained by hand`] : []),
  ];
  return parts.join('; ');
}
