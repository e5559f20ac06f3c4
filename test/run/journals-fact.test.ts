import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { thisProcessHolder } from '../../lib/lock/holder.js';
import { newRunId } from '../../lib/lock/run-id.js';
import { journalDir } from '../../lib/run/host-journal.js';
import { hostRunsFact, othersInterrupted } from '../../lib/run/journals-fact.js';
import { applyCommand } from '../../lib/run/step-commands.js';

const holderOf = (runId: string) => thisProcessHolder({ runId, cluster: 'lab', command: 'lvs-play deploy lab.json' });
const step = (_runId: string) =>
  JSON.stringify({
    index: 0,
    task: 'sysctl',
    description: 'sysctl net.x=1',
    kind: 'sysctl',
    undo: { phase: 'restore', description: 'sysctl net.x=0', command: 'true' },
  });

describe('facts/journals: runs left on a host', () => {
  const a = '20261201T100000Z-aaaaaa';
  const b = '20261201T110000Z-bbbbbb';
  const listing = `run ${a}\ninfo ${JSON.stringify(holderOf(a))}\nstep ${step(a)}\nrun ${b}\ninfo ${JSON.stringify(holderOf(b))}\nstep ${step(b)}\n`;

  it("a journal whose run holds the host's lock is in progress; every other one is interrupted", () => {
    const runs = hostRunsFact.parse({ code: 0, stdout: `${listing}--- lock\nheld 123 456 ${JSON.stringify(holderOf(b))}\n` });
    assert.equal(runs.lockedBy?.runId, b);
    assert.deepEqual(
      runs.inProgress.map((r) => r.runId),
      [b],
    );
    assert.deepEqual(
      runs.interrupted.map((r) => r.runId),
      [a],
    );
    assert.deepEqual(othersInterrupted(runs, a), []);
  });

  it('with the lock free every journal is interrupted', () => {
    const runs = hostRunsFact.parse({ code: 0, stdout: `${listing}--- lock\nfree\n` });
    assert.equal(runs.lockedBy, null);
    assert.deepEqual(
      runs.interrupted.map((r) => r.runId),
      [a, b],
    );
  });

  it('a host with no journal folder has nothing', () => {
    assert.deepEqual(hostRunsFact.parse({ code: 0, stdout: '--- lock\nfree\n' }), { lockedBy: null, interrupted: [], inProgress: [] });
  });

  it('reads a real journal written by a step (this machine as the host)', () => {
    const runId = newRunId();
    try {
      const c = applyCommand(
        { kind: 'wait', command: 'true', description: 'nothing (test)', timeoutMs: 1000 },
        { runId, index: 0, task: 't', holder: holderOf(runId) },
      );
      assert.equal(spawnSync('/bin/sh', ['-c', c.command]).status, 0);
      const out = spawnSync('/bin/sh', ['-c', hostRunsFact.command]).stdout.toString();
      const run = hostRunsFact.parse({ code: 0, stdout: out }).interrupted.find((r) => r.runId === runId);
      assert.ok(run, out);
      assert.deepEqual(
        run.steps.map((s) => s.description),
        ['nothing (test)'],
      );
      assert.equal(run.holder?.pid, process.pid);
    } finally {
      rmSync(journalDir(runId), { recursive: true, force: true });
    }
  });
});
