// Switches a killed run left set (issue 13): `rollout --check` and the real
// rollout list them from the same record with the same function, and a
// record with switches is drift even when no host has a change.

import { strict as assert } from 'node:assert';
import { formatPlan } from '../../lib/rollout/plan/format.js';
import { leftSwitches } from '../../lib/rollout/plan/left-switches.js';
import { planRollout } from '../../lib/rollout/plan/plan.js';
import type { SwitchRecordData } from '../../lib/rollout/switch-record.js';
import { clusterOf } from '../support/clusters.js';
import { labStates } from './states.js';

const since = '2026-12-02T17:17:49.774Z';
const REALSERVERS = ['lvs01', 'lvs02'];
const killed: SwitchRecordData = {
  cluster: 'lab',
  inventory: '/srv/lab.json',
  runId: '20261202T171747Z-6c8017',
  pid: 30062,
  command: 'lvs-play rollout /srv/lab.json',
  drains: [{ realServer: 'lvs01', directors: ['lvs-dr', 'lvs-dr2'], since }],
  handovers: [
    { director: 'lvs-dr2', level: 'boost', instance: 'bl_one', since },
    { director: 'lvs-dr', level: 'out', instance: 'bl_one', since },
    { director: 'lvs-dr', level: 'yield', since },
  ],
};

describe('rollout: switches a killed run left set', () => {
  it('lists instance switches first (cleared before the hosts are read), then drains, then handover switches', () => {
    assert.deepEqual(
      leftSwitches(killed, true, REALSERVERS).map((l) => [l.kind, l.director]),
      [
        ['instance', 'lvs-dr2'],
        ['instance', 'lvs-dr'],
        ['drain', 'lvs-dr'],
        ['drain', 'lvs-dr2'],
        ['handover', 'lvs-dr'],
      ],
    );
    assert.equal(
      leftSwitches(killed, true, REALSERVERS)[1]!.what,
      `lvs-dr: the switch of vrrp_instance bl_one is "out" since ${since} (by run 20261202T171747Z-6c8017): cleared before the hosts are read (givers first; nopreempt: every VIP stays where it is)`,
    );
    assert.match(leftSwitches(killed, false, REALSERVERS)[4]!.what, /its VIPs handed back once every stage is done$/);
    assert.deepEqual(leftSwitches(null, true, REALSERVERS), []);
    // a drain by hand (lvs-play drain) is the operator's: not left set by a run
    const byHand = { ...killed, drains: [{ ...killed.drains[0]!, byHand: true as const }], handovers: [] };
    assert.deepEqual(leftSwitches(byHand, true, REALSERVERS), []);
    // ... unless the inventory no longer has that real server: its switch is undone like a run's
    assert.deepEqual(
      leftSwitches(byHand, true, ['lvs02']).map((l) => l.what),
      [
        `lvs-dr: lvs01 drained since ${since} (by run 20261202T171747Z-6c8017): undrained before the first stage`,
        `lvs-dr2: lvs01 drained since ${since} (by run 20261202T171747Z-6c8017): undrained before the first stage`,
      ],
    );
    assert.deepEqual(leftSwitches({ ...killed, drains: [], handovers: [] }, true, REALSERVERS), []);
  });

  it('a plan with nothing to change but switches left set names each one (LEFT SET lines): --check exits 2 on it', () => {
    const cluster = clusterOf('lab', (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    });
    const states = labStates(cluster, cluster);
    const plan = planRollout({
      cluster,
      states,
      selected: ['lvs-dr', 'lvs-dr2'],
      batch: { count: 1 },
      drainTimeoutMs: 60_000,
      record: killed,
    });
    assert.equal(plan.stages.length, 0);
    assert.equal(plan.leftSwitches.length, 5);
    const text = formatPlan(plan, new Map(), 'inventory/lab.json');
    assert.deepEqual(
      text
        .split('\n')
        .filter((l) => l.startsWith('LEFT SET '))
        .map((l) => l.split(':')[0]),
      ['LEFT SET lvs-dr2', 'LEFT SET lvs-dr', 'LEFT SET lvs-dr', 'LEFT SET lvs-dr2', 'LEFT SET lvs-dr'],
    );
    const none = planRollout({ cluster, states, selected: ['lvs-dr', 'lvs-dr2'], batch: { count: 1 }, drainTimeoutMs: 60_000 });
    assert.deepEqual(none.leftSwitches, []);
    assert.doesNotMatch(formatPlan(none, new Map(), 'inventory/lab.json'), /LEFT SET/);
  });
});
