import { strict as assert } from 'node:assert';
import { switchesFact, switchValue } from '../../lib/facts/switches.js';
import { evaluateCluster } from '../../lib/verify/evaluate.js';
import { checkSwitches } from '../../lib/verify/switches.js';
import { clusterOf } from '../support/clusters.js';
import { healthy, host, unreachable } from './observations.js';

describe('verify/switches', () => {
  const cluster = clusterOf('lab');

  it('passes a director with no real server drained and no handover', () => {
    const rows = checkSwitches(cluster, healthy(cluster), 'lab.json');
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status} ${r.detail}`),
      ['lvs-dr pass no real server drained, no handover set', 'lvs-dr2 pass no real server drained, no handover set'],
    );
  });

  it('a real server drained on a director is degraded (2), naming it and the undrain command, even where no IPVS table shows it', () => {
    const obs = healthy(cluster);
    host(obs, 'lvs-dr').director!.switches = { 'drain-lvs01': 1, 'drain-lvs02': 0 };
    host(obs, 'lvs-dr2').director!.switches = { 'drain-lvs01': 1 };
    const report = evaluateCluster(cluster, obs, 'lab.json');
    const rows = report.checks.filter((c) => c.check === 'switches');
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status} ${r.detail}`),
      [
        'lvs-dr degraded lvs01 drained here (out of the pool, connections finishing): lvs-play undrain lab.json lvs01 puts it back',
        'lvs-dr2 degraded lvs01 drained here (out of the pool, connections finishing): lvs-play undrain lab.json lvs01 puts it back',
      ],
    );
    assert.equal(report.exitCode, 2);
  });

  it('a handover switch left set is degraded, saying what it does', () => {
    const obs = healthy(cluster);
    host(obs, 'lvs-dr').director!.switches = { handover: -253 };
    host(obs, 'lvs-dr2').director!.switches = { handover: -254 };
    const rows = checkSwitches(cluster, obs, 'lab.json');
    assert.deepEqual(
      rows.map((r) => `${r.target} ${r.status}`),
      ['lvs-dr degraded', 'lvs-dr2 degraded'],
    );
    assert.match(rows[0]!.detail, /\(yield: its VIPs go to its peer\)/);
    assert.match(rows[1]!.detail, /\(out: every VRRP instance in FAULT\)/);
  });

  it('says nothing of a director it could not read (the host row fails it)', () => {
    const obs = healthy(cluster);
    unreachable(obs, 'lvs-dr2');
    assert.deepEqual(
      checkSwitches(cluster, obs).map((r) => r.target),
      ['lvs-dr'],
    );
  });

  it('reads values as keepalived does: a leading integer, anything else 0', () => {
    assert.equal(switchValue('1\n'), 1);
    assert.equal(switchValue(' -253'), -253);
    assert.equal(switchValue('yes'), 0);
    assert.equal(switchValue(''), 0);
    assert.deepEqual(switchesFact.parse({ stdout: 'handover=0\ndrain-lvs01=1\ndrain-lvs02=x\n', code: 0 }), {
      handover: 0,
      'drain-lvs01': 1,
      'drain-lvs02': 0,
    });
  });

  it('its command runs in sh and lists only the files that exist', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-switches-'));
    try {
      writeFileSync(join(dir, 'drain-lvs01'), '1\n');
      writeFileSync(join(dir, 'README'), 'x\n');
      const command = switchesFact.command.split('/var/lib/lvs-play/switches').join(dir);
      const stdout = execFileSync('sh', ['-c', command], { encoding: 'utf8' });
      assert.deepEqual(switchesFact.parse({ stdout, code: 0 }), { 'drain-lvs01': 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
