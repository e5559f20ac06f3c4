import { strict as assert } from 'node:assert';
import { thisProcessHolder } from '../../lib/lock/holder.js';
import { newRunId } from '../../lib/lock/run-id.js';
import { parseJournals, type StepRecord } from '../../lib/run/host-journal.js';
import { Journal, rollbackPlan } from '../../lib/run/journal.js';
import { undoCommand } from '../../lib/run/step-commands.js';
import { describeStep, type Step } from '../../lib/tasks/step.js';

const runId = '20261201T120000Z-abcdef';
const holder = { ...thisProcessHolder({ runId, cluster: 'seed', command: 'lvs-play deploy seed.json' }), controlHost: 'ctl', pid: 4242 };

const STEPS: [string, Step][] = [
  ['sysctl', { kind: 'sysctl', key: 'net.a', value: '1', previous: '0' }],
  [
    'dr-client',
    { kind: 'write', path: '/etc/systemd/system/u.service', content: '', mode: 0o644, owner: 'root', group: 'root', secret: false },
  ],
  ['dr-client', { kind: 'service', unit: 'u.service', action: 'daemon-reload' }],
  ['dr-client', { kind: 'service', unit: 'u.service', action: 'enable' }],
  ['dr-client', { kind: 'service', unit: 'u.service', action: 'start' }],
  ['keepalived', { kind: 'install', packages: ['keepalived'], manager: 'apt', refresh: false }],
  [
    'keepalived',
    { kind: 'write', path: '/etc/keepalived/keepalived.conf', content: '', mode: 0o640, owner: 'root', group: 'root', secret: true },
  ],
  ['keepalived', { kind: 'service', unit: 'keepalived.service', action: 'reload' }],
];
const records = (): StepRecord[] =>
  STEPS.map(([task, step], index) => ({
    index,
    task,
    description: describeStep(step),
    kind: step.kind,
    undo: undoCommand(step, runId, index),
  }));

describe('run/journal', () => {
  it('orders the rollback: stop services, restore files newest first, then reload against restored files', () => {
    assert.deepEqual(
      rollbackPlan(records()).map((u) => u.description),
      [
        'systemctl stop u.service',
        'systemctl disable u.service',
        'restore /etc/keepalived/keepalived.conf',
        'restore /etc/systemd/system/u.service',
        'sysctl net.a=0',
        'systemctl daemon-reload',
        'systemctl reload keepalived.service',
      ],
    );
  });

  it('orders by step index, whatever order the host listed the records in', () => {
    assert.deepEqual(rollbackPlan([...records()].reverse()), rollbackPlan(records()));
  });

  it('enters every step before it runs and lists the packages it installed', () => {
    const j = new Journal(holder);
    for (const [task, step] of STEPS) j.record(task, step, j.reserve());
    assert.equal(j.runId, runId);
    assert.deepEqual(
      j.entries.map((e) => e.index),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.deepEqual(j.installedPackages, ['keepalived']);
  });
});

describe("run/host-journal: reading a host's journals", () => {
  const line = (r: StepRecord) => `step ${JSON.stringify(r)}\n`;

  it('reads runs, their holder and their steps in index order', () => {
    const [a, b] = [records()[6]!, records()[7]!];
    const other = newRunId(new Date('2026-11-30T10:00:00Z'));
    const out = `run ${runId}\ninfo ${JSON.stringify(holder)}\n\n${line(b)}\n${line(a)}\nrun ${other}\n`;
    const runs = parseJournals(out);
    assert.deepEqual(
      runs.map((r) => r.runId),
      [runId, other],
    );
    assert.equal(runs[0]!.holder?.pid, 4242);
    assert.deepEqual(
      runs[0]!.steps.map((s) => s.index),
      [6, 7],
    );
    assert.deepEqual(runs[0]!.damaged, []);
    assert.equal(runs[1]!.holder, null);
    assert.deepEqual(runs[1]!.steps, []);
  });

  it('marks a run damaged when a record cannot be read, so nothing of it is undone on a guess', () => {
    const runs = parseJournals(
      `run ${runId}\ninfo {"runId":1}\nstep {"index":0,"task":"x"\nstep ${JSON.stringify({ ...records()[0], undo: { phase: 'sideways', description: 'x', command: 'true' } })}\n`,
    );
    assert.equal(runs[0]!.damaged.length, 3);
    assert.match(runs[0]!.damaged[0]!, /run record cannot be read/);
    assert.match(runs[0]!.damaged[1]!, /a step record cannot be read/);
  });

  it('marks a folder whose name is not a run id', () => {
    assert.deepEqual(parseJournals('run ../etc\n')[0]!.damaged, ['its folder name is not a run id']);
  });
});
