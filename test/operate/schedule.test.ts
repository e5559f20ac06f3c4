// Issue 6, scheduled drift checks against the lab: the units are generated
// into a temporary directory (never installed) and the service's own
// ExecStart= is run directly, as the timer would, on a deployed lab: in sync
// (exit 0, nothing drifted), after a sysctl changed by hand on lvs01 (exit 2,
// lvs01 named in the metrics and in latest.json), and after deploy repaired it.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRecord } from '../../lib/schedule/record.js';
import { execStartArgv } from '../schedule/exec-start.js';
import { samples } from '../schedule/prom-samples.js';
import { lvsPlay, repoRoot, runProcess } from '../support/cli.js';
import { useLab } from '../support/lab.js';

const INVENTORY = 'inventory/lab.json';
const HOSTS = ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02']; // the client runs no task
const SYSCTL = 'net.ipv4.conf.lo.arp_ignore';

const run = (argv: string[]) => runProcess(argv, { cwd: '/' });

describe('scheduled drift checks on the lab (issue 6)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir = '';
  let argv: string[] = [];
  let changedByHand = false;
  const stateDir = () => join(dir, 'state');
  const metrics = () => samples(readFileSync(join(dir, 'metrics', 'lvs-play-check-lab.prom'), 'utf8'));
  const latest = () => JSON.parse(readFileSync(join(stateDir(), 'latest.json'), 'utf8')) as CheckRecord;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-operate-schedule-'));
    const d = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    const s = await lvsPlay([
      'schedule',
      INVENTORY,
      '--every',
      '15m',
      '--unit-dir',
      join(dir, 'units'),
      '--state-dir',
      stateDir(),
      '--textfile-dir',
      join(dir, 'metrics'),
      '--keep',
      '2',
    ]);
    assert.equal(s.code, 0, s.stdout + s.stderr);
    argv = execStartArgv(readFileSync(join(dir, 'units', 'lvs-play-check-lab.service'), 'utf8'));
    assert.equal(argv[4], join(repoRoot, INVENTORY));
  });
  after(async () => {
    // whatever failed above, the lab is left as the inventory says
    if (changedByHand) await lab.ssh('lvs01', `sysctl -q -w ${SYSCTL}=1`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a deployed lab: exit 0, no drifted task or unreachable host in the metrics, latest.json all ok', async () => {
    const r = await run(argv);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const m = metrics();
    for (const h of HOSTS) {
      assert.equal(m.get(`lvs_play_check_drifted_tasks{cluster="lab",host="${h}"}`), 0, h);
      assert.equal(m.get(`lvs_play_check_host_unreachable{cluster="lab",host="${h}"}`), 0, h);
    }
    assert.equal(m.get('lvs_play_check_hosts{cluster="lab"}'), 4);
    assert.equal(m.get('lvs_play_check_hosts_drifted{cluster="lab"}'), 0);
    assert.equal(m.get('lvs_play_check_exit_code{cluster="lab"}'), 0);
    assert.equal(m.get('lvs_play_check_success{cluster="lab"}'), 1);
    assert.ok(m.get('lvs_play_check_duration_seconds{cluster="lab"}')! > 0);
    const l = latest();
    assert.equal(l.exitCode, 0);
    assert.deepEqual(
      l.hosts.map((h) => [h.host, h.status]),
      HOSTS.map((h) => [h, 'ok']),
    );
  });

  it(`${SYSCTL}=0 set by hand on lvs01: exit 2, lvs01 drifted in the metrics, latest.json and status`, async () => {
    changedByHand = true;
    await lab.run('lvs01', `sysctl -q -w ${SYSCTL}=0`);
    const r = await run(argv);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`  lvs01: drifted: sysctl \\(.*${SYSCTL.replace(/\./g, '\\.')} is 0, want 1`));
    const m = metrics();
    assert.ok(m.get('lvs_play_check_drifted_tasks{cluster="lab",host="lvs01"}')! > 0);
    for (const h of HOSTS.filter((x) => x !== 'lvs01'))
      assert.equal(m.get(`lvs_play_check_drifted_tasks{cluster="lab",host="${h}"}`), 0, h);
    assert.equal(m.get('lvs_play_check_hosts_drifted{cluster="lab"}'), 1);
    assert.equal(m.get('lvs_play_check_hosts_unreachable{cluster="lab"}'), 0);
    assert.equal(m.get('lvs_play_check_exit_code{cluster="lab"}'), 2);
    assert.equal(m.get('lvs_play_check_success{cluster="lab"}'), 1);
    const l = latest();
    assert.equal(l.exitCode, 2);
    const lvs01 = l.hosts.find((h) => h.host === 'lvs01')!;
    assert.equal(lvs01.status, 'changed');
    const sysctl = lvs01.tasks.find((t) => t.task === 'sysctl')!;
    assert.equal(sysctl.status, 'changed');
    assert.ok(
      sysctl.changes.some((c) => c.summary.includes(`${SYSCTL} is 0, want 1`)),
      JSON.stringify(sysctl.changes),
    );
    const s = await lvsPlay(['schedule', 'status', INVENTORY, '--unit-dir', join(dir, 'units')]);
    assert.equal(s.code, 2, s.stdout + s.stderr);
    assert.match(s.stdout, /drift \(exit 2\)/);
    assert.match(s.stdout, /hosts: 4 checked, drifted: lvs01, unreachable: none/);
  });

  it('after deploy repairs it: exit 0 again, and only the last --keep reports are kept', async () => {
    const d = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    const r = await run(argv);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(metrics().get('lvs_play_check_hosts_drifted{cluster="lab"}'), 0);
    assert.equal(latest().exitCode, 0);
    const reports = readdirSync(join(stateDir(), 'reports')).sort();
    assert.equal(reports.length, 2);
    const kept = reports.map((f) => (JSON.parse(readFileSync(join(stateDir(), 'reports', f), 'utf8')) as CheckRecord).exitCode);
    assert.deepEqual(kept, [2, 0]);
  });
});
