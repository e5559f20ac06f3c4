// The rollout plan for clusters whose directors do not simply preempt (issue
// 13): nopreempt moves each VIP by its instance's own switch, from where the
// VIPs are when read and back there; preempt_delay keeps the plain handover
// and waits the delay on every move. Pure: fixture host states only.

import { strict as assert } from 'node:assert';
import type { Inventory } from '../../lib/inventory/types.js';
import { type PlanInput, planRollout } from '../../lib/rollout/plan/plan.js';
import type { Action, HostState } from '../../lib/rollout/plan/types.js';
import { clusterOf } from '../support/clusters.js';
import { directorState, realServerState } from './states.js';

const ALL = ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'];
const plan = (cluster: PlanInput['cluster'], states: HostState[]) =>
  planRollout({ cluster, states, selected: ALL, batch: { count: 1 }, drainTimeoutMs: 60_000 });
const nopreempt = (inv: Inventory) => {
  inv.vrrp = { ...inv.vrrp, nopreempt: true };
};
const weight3 = (inv: Inventory) => {
  inv.vips[0]!.services[0]!.realServers![0]!.weight = 3;
};
const before = clusterOf('lab', nopreempt);
const after = clusterOf('lab', (inv) => {
  nopreempt(inv);
  weight3(inv);
});
/** the lab's hosts, each director holding the VIPs given */
const states = (held: Record<string, string[]>, from = before, to = after): HostState[] => [
  directorState(from, to, 'lvs-dr', { vips: held['lvs-dr'] ?? [] }),
  directorState(from, to, 'lvs-dr2', { vips: held['lvs-dr2'] ?? [] }),
  realServerState('lvs01'),
  realServerState('lvs02'),
];
const HOME = { 'lvs-dr': ['198.18.0.100'], 'lvs-dr2': ['198.18.0.110'] };
const step = (a: Action): string => {
  switch (a.kind) {
    case 'instance-switch':
      return `${a.level} ${a.director} ${a.instances.join('+')}`;
    case 'switch':
      return `${a.level} ${a.director}`;
    case 'change':
      return `change ${a.hosts.join('+')}`;
    case 'settle':
      return `settle${a.alone ? '-alone' : ''} ${a.director}`;
    case 'gate':
      return `gate ${a.director}`;
    case 'wait-vips-taken':
      return `taken ${a.moves.map((m) => `${m.vip}:${m.from}>${m.to}`).join(' ')}`;
    case 'wait-vips-away':
    case 'wait-vips-home':
      return `${a.kind} ${a.director} ${a.vips.join('+')}`;
    case 'confirm-vips':
      return `confirm ${Object.entries(a.holders ?? {})
        .map(([v, d]) => `${v}@${d}`)
        .join(' ')}`;
    default:
      return a.kind;
  }
};

describe('planRollout: nopreempt', () => {
  it('boosts the taker, silences the holder (quiet), waits, clears both; the same back; no preemption anywhere', () => {
    const p = plan(after, states(HOME));
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.stages[0]!.actions.map(step), [
      'gate lvs-dr',
      'boost lvs-dr2 bl_one',
      'quiet lvs-dr bl_one',
      'taken 198.18.0.100:lvs-dr>lvs-dr2',
      'out lvs-dr bl_one',
      'wait-vips-away lvs-dr 198.18.0.100',
      'normal lvs-dr bl_one',
      'normal lvs-dr2 bl_one',
      'change lvs-dr',
      'settle lvs-dr',
      'boost lvs-dr bl_one',
      'quiet lvs-dr2 bl_one',
      'taken 198.18.0.100:lvs-dr2>lvs-dr',
      'out lvs-dr2 bl_one',
      'wait-vips-home lvs-dr 198.18.0.100',
      'normal lvs-dr2 bl_one',
      'normal lvs-dr bl_one',
      'confirm 198.18.0.100@lvs-dr 198.18.0.110@lvs-dr2',
    ]);
    assert.deepEqual(p.stages[1]!.actions.map(step).slice(1, 8), [
      'boost lvs-dr bl_two',
      'quiet lvs-dr2 bl_two',
      'taken 198.18.0.110:lvs-dr2>lvs-dr',
      'out lvs-dr2 bl_two',
      'wait-vips-away lvs-dr2 198.18.0.110',
      'normal lvs-dr2 bl_two',
      'normal lvs-dr bl_two',
    ]);
    assert.ok(
      p.stages.every((s) => s.actions.every((a) => a.kind !== 'switch')),
      'no director-wide yield',
    );
    assert.match(p.stages[0]!.notes.join('\n'), /nopreempt: each VIP moves by its vrrp_instance's own switch/);
  });

  it('bounds each move by Master_Down_Interval at 254 plus slack: 18.0 s at advert_int 3; the quiet outlasts both waits by 10 s', () => {
    const actions = plan(after, states(HOME)).stages[0]!.actions;
    const away = actions.find((a) => a.kind === 'wait-vips-away')!;
    // 3 x 3 s + (256-254) x 3/256 s = 9.023 s, + 2 adverts + 3 s
    assert.deepEqual(away, { kind: 'wait-vips-away', director: 'lvs-dr', vips: ['198.18.0.100'], timeoutMs: 18_024 });
    const quiet = actions.find((a) => a.kind === 'instance-switch' && a.level === 'quiet');
    assert.deepEqual(quiet, { kind: 'instance-switch', director: 'lvs-dr', instances: ['bl_one'], level: 'quiet', forMs: 46_048 });
  });

  it('puts VIPs back where they are when read, not on their MASTERs: a director holding nothing gives and takes nothing', () => {
    const p = plan(after, states({ 'lvs-dr2': ['198.18.0.100', '198.18.0.110'] }));
    assert.deepEqual(p.stages[0]!.actions.map(step), [
      'gate lvs-dr',
      'wait-vips-away lvs-dr ',
      'change lvs-dr',
      'settle lvs-dr',
      'wait-vips-home lvs-dr ',
      'confirm 198.18.0.100@lvs-dr2 198.18.0.110@lvs-dr2',
    ]);
    assert.deepEqual(p.stages[1]!.actions.map(step).slice(1, 8), [
      'boost lvs-dr bl_one+bl_two',
      'quiet lvs-dr2 bl_one+bl_two',
      'taken 198.18.0.100:lvs-dr2>lvs-dr 198.18.0.110:lvs-dr2>lvs-dr',
      'out lvs-dr2 bl_one+bl_two',
      'wait-vips-away lvs-dr2 198.18.0.100+198.18.0.110',
      'normal lvs-dr2 bl_one+bl_two',
      'normal lvs-dr bl_one+bl_two',
    ]);
  });

  it('a must-agree change: the director going out hands its VIPs over by instance, comes back at priority 1, its yield cleared before its boost', () => {
    const adv = clusterOf('lab', (inv) => {
      nopreempt(inv);
      inv.vrrp = { ...inv.vrrp, advertInterval: 2 };
    });
    const p = plan(adv, states(HOME, before, adv));
    assert.deepEqual(p.stages.length, 1);
    assert.deepEqual(p.stages[0]!.actions.map(step), [
      'gate lvs-dr',
      'boost lvs-dr2 bl_one',
      'quiet lvs-dr bl_one',
      'taken 198.18.0.100:lvs-dr>lvs-dr2',
      'out lvs-dr bl_one',
      'wait-vips-away lvs-dr 198.18.0.100',
      'normal lvs-dr bl_one',
      'normal lvs-dr2 bl_one',
      'out lvs-dr',
      'change lvs-dr',
      'change lvs-dr2',
      'settle-alone lvs-dr2',
      'yield lvs-dr',
      'settle lvs-dr',
      'normal lvs-dr',
      'boost lvs-dr bl_one',
      'quiet lvs-dr2 bl_one',
      'taken 198.18.0.100:lvs-dr2>lvs-dr',
      'out lvs-dr2 bl_one',
      'wait-vips-home lvs-dr 198.18.0.100',
      'normal lvs-dr2 bl_one',
      'normal lvs-dr bl_one',
      'confirm 198.18.0.100@lvs-dr 198.18.0.110@lvs-dr2',
    ]);
  });

  it('three directors: each VIP goes to its highest-priority candidate still in the election', () => {
    const three = (inv: Inventory) => {
      nopreempt(inv);
      inv.hosts.push({ ...inv.hosts.find((h) => h.name === 'lvs-dr2')!, name: 'lvs-dr3', address: '198.18.0.13' });
      inv.groups.directors = ['lvs-dr', 'lvs-dr2', 'lvs-dr3'];
    };
    const from = clusterOf('lab', three);
    const to = clusterOf('lab', (inv) => {
      three(inv);
      weight3(inv);
    });
    const p = planRollout({
      cluster: to,
      states: [
        directorState(from, to, 'lvs-dr', { vips: ['198.18.0.100'] }),
        directorState(from, to, 'lvs-dr2', { vips: ['198.18.0.110'] }),
        directorState(from, to, 'lvs-dr3', { vips: [] }),
      ],
      selected: ['lvs-dr', 'lvs-dr2', 'lvs-dr3'],
      batch: { count: 1 },
      drainTimeoutMs: 60_000,
    });
    assert.deepEqual(p.problems, []);
    const vip = to.vips[0]!;
    const best = ['lvs-dr2', 'lvs-dr3'].sort((a, b) => vip.priorities[b]! - vip.priorities[a]!)[0];
    assert.equal(step(p.stages[0]!.actions[1]!), `boost ${best} bl_one`);
  });

  it('refuses, as problems, a director whose running config has no instance switch, and a VIP on two or no directors', () => {
    const old = states(HOME, clusterOf('lab'));
    // rendered without nopreempt: no per-instance switches
    const p = plan(after, old);
    assert.deepEqual(p.stages, []);
    assert.deepEqual(
      p.problems.map((x) => x.host),
      ['lvs-dr', 'lvs-dr2'],
    );
    assert.match(
      p.problems[0]!.error,
      /nopreempt: its running keepalived\.conf has no switch of its own for bl_one, bl_two .*run lvs-play deploy once/,
    );
    const split = plan(after, states({ 'lvs-dr': ['198.18.0.100', '198.18.0.110'], 'lvs-dr2': ['198.18.0.110'] }));
    assert.deepEqual(split.stages, []);
    assert.match(split.problems[0]!.error, /VIP 198\.18\.0\.110 is on lvs-dr and lvs-dr2; the rollout puts each VIP back where it was/);
    const none = plan(after, states({ 'lvs-dr': ['198.18.0.100'] }));
    assert.match(none.problems[0]!.error, /VIP 198\.18\.0\.110 is on no director/);
  });

  it('refuses, as a problem naming the package and the fix, a director without nft (the quiet switch needs it)', () => {
    const noNft = states(HOME).map((h) => (h.host === 'lvs-dr2' ? { ...h, nft: false } : h));
    const p = plan(after, noNft);
    assert.deepEqual(p.stages, []);
    assert.deepEqual(
      p.problems.map((x) => x.host),
      ['lvs-dr2'],
    );
    assert.match(
      p.problems[0]!.error,
      /nopreempt: nft is not installed \(package nftables\).*run lvs-play deploy once \(it installs nftables/,
    );
  });

  it('plans nothing about holders when no director changes', () => {
    const p = plan(before, states({}, before, before));
    assert.deepEqual(p.stages, []);
    assert.deepEqual(p.problems, []);
  });
});

describe('planRollout: preempt_delay', () => {
  const delayed = (d: number) => (inv: Inventory) => {
    inv.vrrp = { ...inv.vrrp, preemptDelay: d };
  };
  it('the plain handover, each preemption wait longer by the delay and one advert_int; the plan says why', () => {
    const from = clusterOf('lab', delayed(20));
    const to = clusterOf('lab', (inv) => {
      delayed(20)(inv);
      weight3(inv);
    });
    const p = plan(to, [
      directorState(from, to, 'lvs-dr'),
      directorState(from, to, 'lvs-dr2'),
      realServerState('lvs01'),
      realServerState('lvs02'),
    ]);
    const actions = p.stages[0]!.actions;
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['gate', 'switch', 'wait-vips-away', 'change', 'settle', 'switch', 'wait-vips-home', 'confirm-vips'],
    );
    // without the delay: 19,594 ms away and 19,243 ms home (plan.test.ts); the delay 20 s and one advert 3 s more
    assert.equal((actions[2] as { timeoutMs: number }).timeoutMs, 19_594 + 23_000);
    assert.equal((actions[6] as { timeoutMs: number }).timeoutMs, 19_243 + 23_000);
    // the settle does not preempt: unchanged
    assert.deepEqual(actions[4], { kind: 'settle', director: 'lvs-dr', observeMs: 12_989, timeoutMs: 42_989 });
    assert.match(p.stages[0]!.notes.join('\n'), /preempt_delay 20 s: .*waits that long on every handover and hand-back/);
  });
});
