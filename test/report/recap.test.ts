import { strict as assert } from 'node:assert';
import { recap } from '../../lib/report/recap.js';
import type { RunReport } from '../../lib/run/report.js';
import { hostStatus } from '../../lib/run/report.js';

const interrupted = {
  runId: '20261201T100000Z-abcdef',
  by: 'lvs-play deploy lab.json (run 20261201T100000Z-abcdef, pid 7 on ctl, since t)',
  steps: ['keepalived: write /etc/keepalived/keepalived.conf', 'hang: a 45 s step (test)'],
};
const ok = [{ task: 'keepalived', status: 'ok' as const, changes: [], notes: [] }];
const deployOf = (hosts: RunReport['hosts']): RunReport => ({
  mode: 'deploy',
  inventory: 'lab.json',
  cluster: 'lab',
  startedAt: 't',
  durationMs: 1000,
  hosts,
});

describe('report/recap: interrupted runs and runs in progress', () => {
  it('check: an interrupted run is drift (exit 2), listed with its run, who ran it, its steps, and what undoes it', () => {
    assert.equal(hostStatus(ok, undefined, 'check', [interrupted]), 'changed');
    const report: RunReport = {
      mode: 'check',
      inventory: 'lab.json',
      cluster: 'lab',
      startedAt: 't',
      durationMs: 1000,
      hosts: [
        { host: 'lvs-dr', status: 'changed', tasks: ok, interrupted: [interrupted], durationMs: 10 },
        {
          host: 'lvs01',
          status: 'ok',
          tasks: ok,
          runInProgress: 'lvs-play rollout lab.json (run R, pid 9 on ctl, since t)',
          durationMs: 10,
        },
      ],
    };
    const lines = recap(report).split('\n');
    assert.ok(
      lines.includes(
        'INTERRUPTED lvs-dr: run 20261201T100000Z-abcdef (lvs-play deploy lab.json (run 20261201T100000Z-abcdef, pid 7 on ctl, since t)) was interrupted and left 2 recorded step(s): keepalived: write /etc/keepalived/keepalived.conf; hang: a 45 s step (test); lvs-play deploy (or lvs-play recover) rolls it back first',
      ),
      lines.join('\n'),
    );
    assert.ok(lines.includes('IN PROGRESS lvs01: another run holds this host: lvs-play rollout lab.json (run R, pid 9 on ctl, since t)'));
  });

  it('deploy: a rolled-back interrupted run is said with what was undone; one that could not be is a failure', () => {
    const undone = { ...interrupted, rolledBack: { undone: ['restore /etc/keepalived/keepalived.conf'], failed: [] } };
    assert.equal(hostStatus(ok, undefined, 'deploy', [undone]), 'changed');
    assert.equal(hostStatus(ok, undefined, 'deploy', [{ ...interrupted, rolledBack: { undone: [], failed: [] } }]), 'ok');
    const report = deployOf([{ host: 'lvs-dr', status: 'changed', tasks: ok, interrupted: [undone], durationMs: 10 }]);
    assert.match(
      recap(report),
      /^RECOVERED lvs-dr: rolled back interrupted run 20261201T100000Z-abcdef \(lvs-play deploy .*\): restore \/etc\/keepalived\/keepalived.conf$/m,
    );
  });

  it('a host that failed outside its tasks, or was never started, is said with its reason (a stopped deploy)', () => {
    const skipped = [{ task: 'keepalived', status: 'skipped' as const, changes: [], notes: [] }];
    const failedTask = [{ task: 'keepalived', status: 'failed' as const, changes: [], notes: [], error: 'reload failed' }];
    const report = deployOf([
      { host: 'lvs-dr', status: 'failed', tasks: ok, error: 'the run was stopped (SIGINT)', rolledBack: ['restore /x'], durationMs: 10 },
      { host: 'lvs-dr2', status: 'failed', tasks: failedTask, error: 'keepalived: reload failed', durationMs: 10 },
      { host: 'lvs01', status: 'skipped', tasks: skipped, error: 'not started: the run was stopped (SIGINT)', durationMs: 0 },
    ]);
    const lines = recap(report).split('\n');
    assert.ok(lines.includes('FAILED lvs-dr: the run was stopped (SIGINT)'), lines.join('\n'));
    assert.ok(lines.includes('SKIPPED lvs01: not started: the run was stopped (SIGINT)'), lines.join('\n'));
    // a failed task says it once: no second line for the host's error, which repeats it
    assert.deepEqual(
      lines.filter((l) => l.includes('lvs-dr2')),
      ['  lvs-dr2  ok=0 changed=0 failed=1 skipped=0 unreachable=0', 'FAILED lvs-dr2 keepalived: reload failed'],
    );
  });
});
