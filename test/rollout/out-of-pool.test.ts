// The capacity gate's list of real servers already out of the pool
// (lib/rollout/out-of-pool.ts): the record's drains and the drain switches
// the directors show, which a drain from another control machine leaves
// without a line in this machine's record.

import { strict as assert } from 'node:assert';
import { outOfPool } from '../../lib/rollout/out-of-pool.js';

describe('real servers out of the pool before a batch is drained', () => {
  it("a recorded drain: 'drained already'", () => {
    assert.deepEqual([...outOfPool(['lvs02'], new Map(), ['lvs01'])], [['lvs02', 'drained already']]);
  });

  it('a switch set on the directors that the record does not list counts too, saying where and that the record lacks it', () => {
    assert.deepEqual(
      [...outOfPool([], new Map([['lvs02', ['lvs-dr', 'lvs-dr2']]]), ['lvs01'])],
      [['lvs02', "drained on lvs-dr, lvs-dr2 (its switch is set there; this machine's record does not list it)"]],
    );
  });

  it('a server both recorded and seen set is said once, as recorded', () => {
    assert.deepEqual([...outOfPool(['lvs02'], new Map([['lvs02', ['lvs-dr']]]), ['lvs01'])], [['lvs02', 'drained already']]);
  });

  it('the batch itself is never in the list (it is the one being drained)', () => {
    assert.deepEqual([...outOfPool(['lvs01'], new Map([['lvs01', ['lvs-dr']]]), ['lvs01'])], []);
  });
});
