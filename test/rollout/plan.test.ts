// The rollout plan from fixture host states: order, stages, gates, waits and
// their bounds, batches, the must-agree sequence, old configs without the
// handover switch, unreadable hosts.

import { strict as assert } from 'node:assert';
import type { Inventory } from '../../lib/inventory/types.js';
import { describeAction } from '../../lib/rollout/plan/describe.js';
import { type PlanInput, planRollout } from '../../lib/rollout/plan/plan.js';
import type { Action, HostState } from '../../lib/rollout/plan/types.js';
import { clusterOf } from '../support/clusters.js';
import { directorState, drClientChange, labStates, realServerState } from './states.js';

const before = clusterOf('lab');
const after = (edit: (inv: Inventory) => void) => clusterOf('lab', edit);
const ALL = ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'];
const plan = (cluster: PlanInput['cluster'], states: HostState[], more: Partial<PlanInput> = {}) =>
  planRollout({ cluster, states, selected: ALL, batch: { count: 1 }, drainTimeoutMs: 60_000, ...more });
/** an action as a short word, to compare sequences */
const step = (a: Action): string => {
  switch (a.kind) {
    case 'switch':
      return `${a.level}${a.stop ? '+stop' : ''} ${a.director}`;
    case 'change':
      return `change ${a.hosts.join('+')}`;
    case 'settle':
      return `settle${a.alone ? '-alone' : ''} ${a.director}`;
    case 'gate':
    case 'wait-vips-away':
    case 'wait-vips-home':
      return `${a.kind} ${a.director}`;
    default:
      return a.kind;
  }
};
/** a real server's stage, step by step */
const LVS01_STAGE = ['capacity', 'drain', 'wait-connections', 'change lvs01', 'check-serving', 'undrain', 'confirm-weights'];
const weight3 = after((inv) => {
  inv.vips[0]!.services[0]!.realServers![0]!.weight = 3;
});

describe('planRollout', () => {
  it('a real server weight: each director in turn, handed over, changed, settled, handed back', () => {
    const p = plan(weight3, labStates(before, weight3));
    assert.deepEqual(
      p.stages.map((s) => `${s.kind} ${s.hosts.join()}`),
      ['director lvs-dr', 'director lvs-dr2'],
    );
    for (const [i, d] of ['lvs-dr', 'lvs-dr2'].entries()) {
      assert.deepEqual(p.stages[i]!.actions.map(step), [
        `gate ${d}`,
        `yield ${d}`,
        `wait-vips-away ${d}`,
        `change ${d}`,
        `settle ${d}`,
        `normal ${d}`,
        `wait-vips-home ${d}`,
        'confirm-vips',
      ]);
    }
    // the second director's gate also asks that the first runs the new config
    assert.deepEqual(p.stages[1]!.actions[0], {
      kind: 'gate',
      director: 'lvs-dr2',
      peers: ['lvs-dr'],
      changedPeers: ['lvs-dr'],
      timeoutMs: 19_594,
    });
    assert.deepEqual(p.unchanged, ['lvs01', 'lvs02']);
    assert.deepEqual(p.problems, []);
    assert.equal(p.ipvs, false);
  });

  it('bounds every VRRP wait by Master_Down_Interval (advert_int 3: 3 x 3 s + skew) plus slack', () => {
    const [gate, , away, , settle, , home] = plan(weight3, labStates(before, weight3)).stages[0]!.actions;
    assert.equal(gate!.kind, 'gate');
    // peer lvs-dr2 at priority 120 takes over: 9 s + (256-120)x3/256 s = 10.59 s, + 2 adverts + 3 s
    assert.deepEqual(away, { kind: 'wait-vips-away', director: 'lvs-dr', vips: ['198.18.0.100'], timeoutMs: 19_594 });
    // yielded to priority 1: 9 s + 255x3/256 s, + 1 s
    assert.deepEqual(settle, { kind: 'settle', director: 'lvs-dr', observeMs: 12_989, timeoutMs: 42_989 });
    // lvs-dr at 150 takes back: 9 s + 106x3/256 s, + slack
    assert.deepEqual(home, { kind: 'wait-vips-home', director: 'lvs-dr', vips: ['198.18.0.100'], timeoutMs: 19_243 });
  });

  it('plans with the slower advert_int of the running config and the new one', () => {
    const slower = after((inv) => {
      inv.vrrp!.advertInterval = 1;
    });
    const away = plan(slower, labStates(before, slower)).stages[0]!.actions.find((a) => a.kind === 'wait-vips-away');
    assert.equal(away && 'timeoutMs' in away ? away.timeoutMs : 0, 19_594);
  });

  it('a new advert_int: one stage in which lvs-dr is changed out of the election while lvs-dr2 holds every VIP', () => {
    const adv2 = after((inv) => {
      inv.vrrp!.advertInterval = 2;
    });
    const p = plan(adv2, labStates(before, adv2));
    assert.deepEqual(
      p.stages.map((s) => `${s.kind} ${s.hosts.join()}`),
      ['directors-agree lvs-dr,lvs-dr2'],
    );
    assert.deepEqual(p.stages[0]!.actions.map(step), [
      'gate lvs-dr',
      'yield lvs-dr',
      'wait-vips-away lvs-dr',
      'out lvs-dr',
      'change lvs-dr',
      'change lvs-dr2',
      'settle-alone lvs-dr2',
      'yield lvs-dr',
      'settle lvs-dr',
      'normal lvs-dr',
      'wait-vips-home lvs-dr',
      'confirm-vips',
    ]);
    assert.match(p.stages[0]!.notes[0]!, /lvs-dr is changed out of the election .* while lvs-dr2 holds every VIP/);
    assert.deepEqual(
      p.stages[0]!.classes['lvs-dr']!.map((c) => c.class),
      ['must-agree', 'must-agree'],
    );
  });

  it('a disruptive change on the director left alone is said to drop the VIPs', () => {
    const vrid = after((inv) => {
      inv.vips[1]!.routerId = 49;
    });
    const p = plan(vrid, labStates(before, vrid));
    assert.equal(p.stages[0]!.kind, 'directors-agree');
    assert.ok(
      p.stages[0]!.notes.some((n) => /lvs-dr2 is changed while it holds every VIP and its change is disruptive/.test(n)),
      p.stages[0]!.notes.join('\n'),
    );
  });

  it('a must-agree change on one director only: it goes out, and comes back only if it agrees with the unchanged one', () => {
    const adv2 = after((inv) => {
      inv.vrrp!.advertInterval = 2;
    });
    const states = [
      directorState(before, adv2, 'lvs-dr'),
      directorState(adv2, adv2, 'lvs-dr2'),
      realServerState('lvs01'),
      realServerState('lvs02'),
    ];
    const p = plan(adv2, states);
    assert.deepEqual(p.stages[0]!.actions.map(step), [
      'gate lvs-dr',
      'yield lvs-dr',
      'wait-vips-away lvs-dr',
      'out lvs-dr',
      'change lvs-dr',
      'yield lvs-dr',
      'settle lvs-dr',
      'normal lvs-dr',
      'wait-vips-home lvs-dr',
      'confirm-vips',
    ]);
    assert.ok(p.stages[0]!.notes.some((n) => /lvs-dr2 is not changed/.test(n)));
  });

  it('a director running a config without the handover switch is handed over by stopping keepalived', () => {
    const states = labStates(before, weight3);
    // what lvs-play rendered before it had the switch
    const old = states[0]!
      .keepalivedConf!.current!.replace(/\ntrack_file lvsp_handover \{[^}]*\}\n/, '\n')
      .replace(/ {4}track_file \{\n {8}lvsp_handover\n {4}\}\n/g, '');
    assert.doesNotMatch(old, /lvsp_handover/);
    states[0]!.keepalivedConf!.current = old;
    const p = plan(weight3, states);
    assert.deepEqual(p.stages[0]!.actions[1], { kind: 'switch', director: 'lvs-dr', level: 'yield', stop: true });
    assert.match(p.stages[0]!.notes[0]!, /without lvs-play's handover switch/);
    assert.deepEqual(p.stages[1]!.actions[1], { kind: 'switch', director: 'lvs-dr2', level: 'yield' });
  });

  it('real servers after the directors, one at a time: drain, connections, change, check, undrain, weights', () => {
    const p = plan(weight3, labStates(before, weight3, { lvs01: drClientChange, lvs02: drClientChange }));
    assert.deepEqual(
      p.stages.map((s) => `${s.kind} ${s.hosts.join()}`),
      ['director lvs-dr', 'director lvs-dr2', 'realservers lvs01', 'realservers lvs02'],
    );
    assert.deepEqual(p.stages[2]!.actions.map(step), LVS01_STAGE);
    const drain = p.stages[2]!.actions[1]!;
    assert.deepEqual(drain, { kind: 'drain', realServers: ['lvs01'], directors: ['lvs-dr', 'lvs-dr2'] });
    // vrrp-only: said in the plan
    assert.match(p.stages[2]!.notes[0]!, /no IPVS table to show connections or weights/);
    // confirm bound: delay_loop 3 + connect_timeout 10 + 3 x 3 s retries, + 10 s
    assert.deepEqual(p.stages[2]!.actions[6], {
      kind: 'confirm-weights',
      realServers: ['lvs01'],
      directors: ['lvs-dr', 'lvs-dr2'],
      timeoutMs: 32_000,
    });
  });

  it('a real server drained by hand (lvs-play drain) is changed while out of the pool and left drained; the gate of the others does not count it', () => {
    const since = '2026-01-01T00:00:00.000Z';
    const record = {
      cluster: 'lab',
      inventory: '/x/lab.json',
      runId: 'r1',
      pid: 4242,
      command: 'lvs-play drain lab.json lvs02',
      drains: [{ realServer: 'lvs02', directors: ['lvs-dr', 'lvs-dr2'], since, byHand: true as const }],
      handovers: [],
    };
    const p = plan(weight3, labStates(before, weight3, { lvs01: drClientChange, lvs02: drClientChange }), { record });
    const [lvs01, lvs02] = [p.stages[2]!, p.stages[3]!];
    assert.deepEqual(lvs01.actions[0], { kind: 'capacity', realServers: ['lvs01'], drainedByHand: ['lvs02'] });
    assert.deepEqual(lvs01.actions.map(step), LVS01_STAGE);
    // lvs02 itself: drained (its switch stays set throughout), changed, and nothing after
    assert.deepEqual(lvs02.actions.map(step), ['drain', 'wait-connections', 'change lvs02']);
    assert.deepEqual(lvs02.actions[0], {
      kind: 'drain',
      realServers: ['lvs02'],
      directors: ['lvs-dr', 'lvs-dr2'],
      staysDrained: ['lvs02'],
    });
    assert.equal(
      describeAction(lvs02.actions[0]!),
      'drain lvs02 on lvs-dr, lvs-dr2 (recorded on this machine first; lvs02 stays drained: drained by hand)',
    );
    assert.match(lvs02.notes.at(-1)!, /^lvs02 drained by hand \(lvs-play drain\): changed while out of the pool, and left drained/);
    // VRRP-only: lvs02's switch is set and stays; lvs01's is set and cleared
    assert.match(lvs02.notes[0]!, /: the drain switch is set, but there is no IPVS table to show connections$/);
    assert.match(lvs01.notes[0]!, /: the drain switch is set and cleared, but there is no IPVS table to show connections or weights$/);
    // not a switch left set by a run: nothing to clear, no drift of its own
    assert.deepEqual(p.leftSwitches, []);
    // both in one batch: only lvs01 is checked, undrained and confirmed
    const both = plan(weight3, labStates(before, weight3, { lvs01: drClientChange, lvs02: drClientChange }), {
      record,
      batch: { count: 2 },
    });
    assert.deepEqual(
      both.stages[2]!.actions.filter((a) => a.kind === 'check-serving' || a.kind === 'undrain' || a.kind === 'confirm-weights').map(
        (a) => `${a.kind} ${'realServers' in a ? a.realServers.join('+') : ''}`,
      ),
      ['check-serving lvs01', 'undrain lvs01', 'confirm-weights lvs01'],
    );
    assert.equal(
      describeAction(both.stages[2]!.actions[1]!),
      'drain lvs01, lvs02 on lvs-dr, lvs-dr2 (recorded on this machine first; lvs01 undrained whatever happens; lvs02 stays drained: drained by hand)',
    );
    assert.equal(
      describeAction(both.stages[2]!.actions[0]!),
      "gate: every service of lvs01, lvs02 keeps another real server answering its health check's request, sent from a director",
    );
  });

  it('batches real servers by count or by percentage of all real servers', () => {
    const three = after((inv) => {
      inv.hosts.push({ name: 'lvs03', address: '198.18.0.60' });
      inv.groups.realservers!.push('lvs03');
      for (const v of inv.vips) v.services[0]!.realServers!.push({ host: 'lvs03', weight: 1 });
    });
    const states = [...labStates(three, three, { lvs01: drClientChange, lvs02: drClientChange }), realServerState('lvs03', drClientChange)];
    const hosts = (spec: PlanInput['batch']) =>
      plan(three, states, { batch: spec, selected: [...ALL, 'lvs03'] }).stages.map((s) => s.hosts.join('+'));
    assert.deepEqual(hosts({ count: 2 }), ['lvs01+lvs02', 'lvs03']);
    assert.deepEqual(hosts({ percent: 50 }), ['lvs01', 'lvs02', 'lvs03']);
    assert.deepEqual(hosts({ percent: 100 }), ['lvs01+lvs02+lvs03']);
  });

  it('--limit: only the selected hosts change; every director is still a peer of the gates', () => {
    const p = plan(weight3, labStates(before, weight3, { lvs01: drClientChange }), { selected: ['lvs-dr2', 'lvs01'] });
    assert.deepEqual(
      p.stages.map((s) => s.hosts.join()),
      ['lvs-dr2', 'lvs01'],
    );
    assert.deepEqual(p.stages[0]!.actions[0], {
      kind: 'gate',
      director: 'lvs-dr2',
      peers: ['lvs-dr'],
      changedPeers: [],
      timeoutMs: 19_594,
    });
  });

  it('nothing to change: no stage; a host that cannot be read is a problem', () => {
    const states = labStates(before, before);
    assert.deepEqual(plan(before, states).stages, []);
    assert.deepEqual(plan(before, states).unchanged, ALL);
    states[3] = { ...realServerState('lvs02'), error: 'could not be read: connection refused' };
    assert.deepEqual(plan(before, states).problems, [{ host: 'lvs02', error: 'could not be read: connection refused' }]);
  });
});
