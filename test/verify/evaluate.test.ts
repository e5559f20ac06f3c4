// The whole evaluation on the scenarios the issue names, and the exit codes.

import { strict as assert } from 'node:assert';
import { evaluateCluster, exitCodeOf } from '../../lib/verify/evaluate.js';
import { formatReport } from '../../lib/verify/format.js';
import { clusterOf } from '../support/clusters.js';
import { service } from '../support/task-facts.js';
import { addAddress, healthy, host, removeAddress, unreachable } from './observations.js';

const lab = clusterOf('lab');

describe('verify/evaluate', () => {
  it('a freshly deployed lab: exit 0, with the IPVS part listed as not checkable, not passed', () => {
    const report = evaluateCluster(lab, healthy(lab));
    assert.equal(report.exitCode, 0);
    assert.deepEqual(report.counts, { pass: 16, degraded: 0, fail: 0, 'not-checkable': 2 });
    assert.equal(report.verdict, 'healthy');
    assert.deepEqual(
      report.checks.map((c) => c.check),
      [
        'host',
        'host',
        'host',
        'host',
        'vip',
        'vip',
        'keepalived',
        'keepalived-config',
        'keepalived',
        'keepalived-config',
        'switches',
        'switches',
        'realserver-vips',
        'realserver-arp',
        'realserver-vips',
        'realserver-arp',
        'ipvs',
        'ipvs',
      ],
    );
  });

  it('keepalived stopped on lvs-dr, its VIP on its BACKUP: exit 2 naming the VIP and where it is', () => {
    const obs = healthy(lab);
    host(obs, 'lvs-dr').director!.keepalived = service('keepalived.service', { active: false });
    removeAddress(obs, 'lvs-dr', '198.18.0.100');
    addAddress(obs, 'lvs-dr2', 'eth0', '198.18.0.100');
    const report = evaluateCluster(lab, obs);
    assert.equal(report.exitCode, 2);
    assert.equal(report.verdict, 'degraded but serving');
    const vip = report.checks.find((c) => c.check === 'vip' && c.vip === '198.18.0.100')!;
    assert.deepEqual([vip.status, vip.detail], ['degraded', 'on lvs-dr2, its BACKUP; MASTER lvs-dr does not hold it (instance bl_one)']);
  });

  it("a VIP removed from a real server's lo: exit 1 naming the host", () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs01', '198.18.0.100');
    const report = evaluateCluster(lab, obs);
    assert.equal(report.exitCode, 1);
    const bad = report.checks.filter((c) => c.status !== 'pass' && c.status !== 'not-checkable');
    assert.deepEqual(
      bad.map((c) => [c.check, c.host]),
      [['realserver-vips', 'lvs01']],
    );
  });

  it('an unreachable host: exit 1, its row says why', () => {
    const obs = healthy(lab);
    unreachable(obs, 'lvs02', 'cannot connect to lvs02 (198.18.0.20:22): connection refused');
    const report = evaluateCluster(lab, obs);
    assert.equal(report.exitCode, 1);
    assert.deepEqual(
      report.checks.filter((c) => c.status === 'fail').map((c) => [c.check, c.target, c.detail]),
      [['host', 'lvs02', 'could not be read: cannot connect to lvs02 (198.18.0.20:22): connection refused']],
    );
  });

  it('an interrupted lvs-play run on a host: degraded (exit 2), naming the run and its steps; a run in progress is said, not counted', () => {
    const obs = healthy(lab);
    host(obs, 'lvs-dr').runs = {
      interrupted: [
        {
          runId: '20261201T100000Z-abcdef',
          by: 'lvs-play deploy lab.json (run 20261201T100000Z-abcdef, pid 7 on ctl, since t)',
          steps: ['keepalived: write /etc/keepalived/keepalived.conf'],
        },
      ],
      inProgress: null,
    };
    host(obs, 'lvs01').runs = { interrupted: [], inProgress: 'lvs-play rollout lab.json (run R, pid 9 on ctl, since t)' };
    const report = evaluateCluster(lab, obs);
    assert.equal(report.exitCode, 2);
    const rows = report.checks.filter((c) => c.check === 'run').map((c) => [c.target, c.status, c.detail]);
    assert.deepEqual(rows, [
      [
        'lvs-dr',
        'degraded',
        'run 20261201T100000Z-abcdef (lvs-play deploy lab.json (run 20261201T100000Z-abcdef, pid 7 on ctl, since t)) was interrupted and left 1 recorded step(s): keepalived: write /etc/keepalived/keepalived.conf; lvs-play deploy (or lvs-play recover) rolls it back',
      ],
      [
        'lvs01',
        'not-checkable',
        'a write run is in progress: lvs-play rollout lab.json (run R, pid 9 on ctl, since t); what verify saw may change under it',
      ],
    ]);
  });

  it('exit codes: fail beats degraded beats pass; not-checkable alone is 0', () => {
    assert.equal(exitCodeOf({ pass: 3, degraded: 1, fail: 1, 'not-checkable': 0 }), 1);
    assert.equal(exitCodeOf({ pass: 3, degraded: 1, fail: 0, 'not-checkable': 5 }), 2);
    assert.equal(exitCodeOf({ pass: 0, degraded: 0, fail: 0, 'not-checkable': 5 }), 0);
  });

  it('the report JSON carries no secret, even when a config differs on its password line', () => {
    const obs = healthy(lab);
    const conf = host(obs, 'lvs-dr').director!.files[0]!;
    conf.content = conf.content.replaceAll('s3cr3tpw', 'leaked12');
    const report = evaluateCluster(lab, obs);
    const text = JSON.stringify(report) + formatReport(report);
    assert.doesNotMatch(text, /s3cr3tpw|leaked12/);
    assert.equal(report.exitCode, 1);
  });
});
