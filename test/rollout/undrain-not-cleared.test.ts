// What an undrain that did not reach every director says it left there
// (lib/rollout/manual-drain.ts): "still drained" only where this machine's
// record lists the drain; elsewhere the state is unknown, and saying
// "still drained (recorded)" there would be a claim the record does not make.

import { strict as assert } from 'node:assert';
import { notCleared } from '../../lib/rollout/manual-drain.js';
import type { DrainEntry } from '../../lib/rollout/switch-record.js';

const since = '2026-12-06T02:00:00.000Z';
const entry = (realServer: string, directors: string[]): DrainEntry => ({ realServer, directors, since });

describe('undrain on directors it did not reach: what it says is left there', () => {
  it('a recorded drain: still drained there (recorded)', () => {
    assert.equal(notCleared(['lvs01'], ['lvs-dr2'], [entry('lvs01', ['lvs-dr2'])]), 'still drained on lvs-dr2 (recorded)');
  });

  it('no record of the server: unknown on every director not reached, never "still drained"', () => {
    assert.equal(
      notCleared(['lvs01'], ['lvs-dr', 'lvs-dr2'], []),
      "not cleared on lvs-dr, lvs-dr2, where this machine's record lists no drain of it (drained there or not: unknown)",
    );
  });

  it('recorded on one of the directors not reached: says each part', () => {
    assert.equal(
      notCleared(['lvs01'], ['lvs-dr', 'lvs-dr2'], [entry('lvs01', ['lvs-dr'])]),
      "still drained on lvs-dr (recorded); not cleared on lvs-dr2, where this machine's record lists no drain of it (drained there or not: unknown)",
    );
  });

  it('several servers left alike: one phrase for them all', () => {
    const drains = [entry('lvs01', ['lvs-dr2']), entry('lvs02', ['lvs-dr2'])];
    assert.equal(notCleared(['lvs01', 'lvs02'], ['lvs-dr2'], drains), 'still drained on lvs-dr2 (recorded)');
    assert.equal(
      notCleared(['lvs01', 'lvs02'], ['lvs-dr2'], []),
      "not cleared on lvs-dr2, where this machine's record lists no drain of them (drained there or not: unknown)",
    );
  });

  it('several servers left differently: each named', () => {
    assert.equal(
      notCleared(['lvs01', 'lvs02'], ['lvs-dr2'], [entry('lvs01', ['lvs-dr', 'lvs-dr2'])]),
      "lvs01 still drained on lvs-dr2 (recorded); lvs02 not cleared on lvs-dr2, where this machine's record lists no drain of it (drained there or not: unknown)",
    );
  });
});
