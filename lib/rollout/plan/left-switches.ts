// Switches a killed run left set, as the control machine's record lists them:
// what a rollout clears before anything else. The real run and `--check`
// describe them with this one function, so the plan --check prints names
// every clearing the run will do, and a record with switches is drift (exit
// 2) even when no host has a change.

import { keptDrain, type SwitchRecordData } from '../switch-record.js';

export interface LeftSwitch {
  director: string;
  /** a drained real server, a vrrp_instance's own switch (nopreempt), or the director's handover switch */
  kind: 'drain' | 'instance' | 'handover';
  /** what the rollout does about it, one line */
  what: string;
}

/** `realServers`: the inventory's; a drain by hand of one of them is the operator's, kept (keptDrain) and not listed. */
export function leftSwitches(record: SwitchRecordData | null, nopreempt: boolean, realServers: readonly string[]): LeftSwitch[] {
  if (!record) return [];
  const by = (e: { setBy?: { runId: string } }) => `by run ${(e.setBy ?? record).runId}`;
  return [
    ...record.handovers
      .filter((h) => h.instance)
      .map(
        (h): LeftSwitch => ({
          director: h.director,
          kind: 'instance',
          what: `${h.director}: the switch of vrrp_instance ${h.instance} is "${h.level}" since ${h.since} (${by(h)}): cleared before the hosts are read (${h.level === 'out' || h.level === 'quiet' ? 'givers first; ' : ''}nopreempt: every VIP stays where it is)`,
        }),
      ),
    ...record.drains
      .filter((d) => !keptDrain(d, realServers))
      .flatMap((d) =>
        d.directors.map(
          (director): LeftSwitch => ({
            director,
            kind: 'drain',
            what: `${director}: ${d.realServer} drained since ${d.since} (${by(d)}): undrained before the first stage`,
          }),
        ),
      ),
    ...record.handovers
      .filter((h) => !h.instance)
      .map(
        (h): LeftSwitch => ({
          director: h.director,
          kind: 'handover',
          what: `${h.director}: its handover switch is "${h.level}" since ${h.since} (${by(h)}): ${nopreempt ? 'cleared' : 'its VIPs handed back'} once every stage is done`,
        }),
      ),
  ];
}
