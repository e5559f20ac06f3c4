// The plan as `rollout --check` prints it, compared with golden files.
// After an intended change: UPDATE_GOLDEN=1 npx mocha --no-config --import=tsx test/rollout/format.test.ts
// rewrites the plans that differ and fails naming them; read the diff of
// test/fixtures/rollout, then run again without UPDATE_GOLDEN.

import { strict as assert } from 'node:assert';
import type { Inventory } from '../../lib/inventory/types.js';
import { formatPlan } from '../../lib/rollout/plan/format.js';
import { planRollout } from '../../lib/rollout/plan/plan.js';
import { clusterOf } from '../support/clusters.js';
import { compareGolden } from '../support/golden.js';
import { drClientChange, labStates } from './states.js';

const dir = new URL('../fixtures/rollout/', import.meta.url).pathname;
const before = clusterOf('lab');

function text(edit: (inv: Inventory) => void): string {
  const after = clusterOf('lab', edit);
  const states = labStates(before, after, { lvs01: drClientChange });
  const plan = planRollout({
    cluster: after,
    states,
    selected: ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'],
    batch: { count: 1 },
    drainTimeoutMs: 60_000,
  });
  return `${formatPlan(plan, new Map(states.map((s) => [s.host, s.changes])), 'inventory/lab.json')}\n`;
}

const cases: Record<string, (inv: Inventory) => void> = {
  'weight-and-real-server': (inv) => {
    inv.vips[0]!.services[0]!.realServers![0]!.weight = 3;
  },
  'advert-int': (inv) => {
    inv.vrrp!.advertInterval = 2;
  },
};

describe('formatPlan', () => {
  for (const [name, edit] of Object.entries(cases)) {
    it(`prints the ${name} plan: order, classification, notes, every step with its bound`, () => {
      compareGolden(`${dir}${name}.txt`, text(edit));
    });
  }

  it('says when nothing is to change, and names hosts that cannot be read', () => {
    const states = labStates(before, before);
    states[2] = { ...states[2]!, error: 'could not be read: connection refused' };
    const plan = planRollout({
      cluster: before,
      states,
      selected: ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'],
      batch: { count: 1 },
      drainTimeoutMs: 1,
    });
    assert.equal(
      formatPlan(plan, new Map(), 'lab.json'),
      [
        'ROLLOUT PLAN lab (lab.json): nothing to change',
        'CANNOT PLAN lvs01: could not be read: connection refused',
        '',
        'In sync: lvs-dr, lvs-dr2, lvs02',
      ].join('\n'),
    );
  });
});
