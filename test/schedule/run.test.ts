// `lvs-play schedule` end to end without a lab: units written into a
// temporary directory (never installed, systemctl never run), then the
// service's own ExecStart= run directly against a copy of the lab inventory
// whose hosts sit at lab-range addresses no bridge routes (198.19.254.x): the
// route check refuses them before any packet is sent, whatever state the lab
// is in. Runs the built CLI (npm run build first).

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRecord } from '../../lib/schedule/record.js';
import { lvsPlay, repoRoot, runProcess } from '../support/cli.js';
import { execStartArgv } from './exec-start.js';
import { samples } from './prom-samples.js';

const HOSTS = ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'];

const run = (argv: string[]) => runProcess(argv, { cwd: '/' });

/** What the directory holds, temp files included (none may be left). */
const ls = (dir: string) => readdirSync(dir).sort();

describe('lvs-play schedule, units in a temp dir, hosts unreachable', function () {
  this.timeout(60_000);
  let dir = '';
  let inventory = '';
  let unitDir = '';
  let stateDir = '';
  before(() => {
    assert.ok(existsSync(join(repoRoot, 'dist/lib/cli/main.js')), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-schedule-'));
    unitDir = join(dir, 'units');
    stateDir = join(dir, 'state');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id_ed25519')]);
    writeFileSync(join(dir, 'known_hosts'), '');
    writeFileSync(join(dir, 'vrrp-pass'), 'secret42\n');
    const lab = JSON.parse(readFileSync(join(repoRoot, 'inventory/lab.json'), 'utf8'));
    lab.ssh = { ...lab.ssh, identityFile: 'id_ed25519', knownHosts: 'known_hosts' };
    lab.vrrp.authentication.passwordFile = 'vrrp-pass';
    for (const h of lab.hosts) h.address = h.address.replace(/^198\.18\.0\./, '198.19.254.');
    inventory = join(dir, 'lab.json');
    writeFileSync(inventory, JSON.stringify(lab, null, 2));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let argv: string[] = [];
  it('writes the service and timer into --unit-dir, starts nothing, says how to', async () => {
    const sshConfig = join(dir, 'ssh_config'); // spelled out in the service, whatever HOME systemd gives it
    writeFileSync(sshConfig, 'Host *\n  ConnectTimeout 5\n');
    const r = await lvsPlay([
      'schedule',
      inventory,
      '--every',
      '15m',
      '--unit-dir',
      unitDir,
      '--state-dir',
      stateDir,
      '--keep',
      '3',
      '-F',
      sshConfig,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ls(unitDir), ['lvs-play-check-lab.service', 'lvs-play-check-lab.timer']);
    assert.match(r.stdout, new RegExp(`wrote ${unitDir}/lvs-play-check-lab.service\nwrote ${unitDir}/lvs-play-check-lab.timer\n`));
    assert.match(
      r.stdout,
      /not started; to start it: systemctl daemon-reload && systemctl enable lvs-play-check-lab.timer && systemctl restart lvs-play-check-lab.timer/,
    );
    const service = readFileSync(join(unitDir, 'lvs-play-check-lab.service'), 'utf8');
    argv = execStartArgv(service);
    assert.deepEqual(argv, [
      process.execPath,
      join(repoRoot, 'dist/lib/cli/main.js'),
      'schedule',
      'run',
      inventory,
      '--state-dir',
      stateDir,
      '--textfile-dir',
      stateDir,
      '--keep',
      '3',
      '--name',
      'lvs-play-check-lab',
      '--ssh-config',
      sshConfig,
    ]);
    const verify = await run([
      'systemd-analyze',
      'verify',
      '--man=no',
      join(unitDir, 'lvs-play-check-lab.service'),
      join(unitDir, 'lvs-play-check-lab.timer'),
    ]);
    assert.deepEqual(verify, { code: 0, stdout: '', stderr: '' });
  });

  it("the service's command: exit 1, the report kept, metrics say every host is unreachable", async () => {
    const r = await run(argv);
    assert.equal(r.code, 1, r.stderr);
    for (const h of HOSTS) assert.match(r.stdout, new RegExp(`  ${h}: unreachable: .*lab is not up`));
    assert.deepEqual(ls(stateDir), ['latest.json', 'lvs-play-check-lab.prom', 'reports']);
    const latest = JSON.parse(readFileSync(join(stateDir, 'latest.json'), 'utf8')) as CheckRecord;
    assert.equal(latest.mode, 'check');
    assert.equal(latest.cluster, 'lab');
    assert.equal(latest.exitCode, 1);
    assert.deepEqual(
      latest.hosts.map((h) => [h.host, h.status]),
      HOSTS.map((h) => [h, 'unreachable']),
    );
    for (const h of latest.hosts) assert.match(h.error ?? '', /lab is not up.*198\.19\.254\.\d+: routed via/);
    assert.doesNotMatch(JSON.stringify(latest), /secret42/);
    const reports = ls(join(stateDir, 'reports'));
    assert.equal(reports.length, 1);
    assert.match(reports[0], /^check-\d{8}T\d{9}Z\.json$/);
    assert.equal(readFileSync(join(stateDir, 'reports', reports[0]), 'utf8'), readFileSync(join(stateDir, 'latest.json'), 'utf8'));
    const m = samples(readFileSync(join(stateDir, 'lvs-play-check-lab.prom'), 'utf8'));
    for (const h of HOSTS) {
      assert.equal(m.get(`lvs_play_check_host_unreachable{cluster="lab",host="${h}"}`), 1);
      assert.equal(m.get(`lvs_play_check_drifted_tasks{cluster="lab",host="${h}"}`), 0);
    }
    assert.equal(m.get('lvs_play_check_hosts_unreachable{cluster="lab"}'), 4);
    assert.equal(m.get('lvs_play_check_exit_code{cluster="lab"}'), 1);
    assert.equal(m.get('lvs_play_check_success{cluster="lab"}'), 0);
    const at = m.get('lvs_play_check_last_run_timestamp_seconds{cluster="lab"}')!;
    assert.ok(Math.abs(at - Date.now() / 1000) < 60, `last run ${at} is now`);
  });

  it('keeps only the newest --keep reports, latest.json the newest, no temp file left', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await run(argv)).code, 1);
    const reports = ls(join(stateDir, 'reports'));
    assert.equal(reports.length, 3);
    const latest = readFileSync(join(stateDir, 'latest.json'), 'utf8');
    assert.equal(readFileSync(join(stateDir, 'reports', reports[2]), 'utf8'), latest);
    const startedAt = reports.map((f) => (JSON.parse(readFileSync(join(stateDir, 'reports', f), 'utf8')) as CheckRecord).startedAt);
    assert.deepEqual([...startedAt].sort(), startedAt);
    assert.deepEqual(ls(stateDir), ['latest.json', 'lvs-play-check-lab.prom', 'reports']);
  });

  it("a drain in this machine's switch record is in the metrics, by hand or left by a run; a damaged record leaves none and the run goes on", async () => {
    const drains = join(dir, 'drains');
    mkdirSync(drains);
    const record = {
      cluster: 'lab',
      inventory,
      runId: 'r1',
      pid: 4242,
      command: 'lvs-play drain lab.json lvs02',
      drains: [
        { realServer: 'lvs02', directors: ['lvs-dr', 'lvs-dr2'], since: '2026-12-01T10:00:00.000Z', byHand: true },
        { realServer: 'lvs01', directors: ['lvs-dr'], since: '2026-12-01T10:00:01.500Z' },
      ],
      handovers: [],
    };
    writeFileSync(join(drains, 'lab.json'), JSON.stringify(record));
    const env = { LVS_PLAY_DRAINS_DIR: drains };
    assert.equal((await runProcess(argv, { cwd: '/', env })).code, 1);
    const m = samples(readFileSync(join(stateDir, 'lvs-play-check-lab.prom'), 'utf8'));
    assert.equal(m.get('lvs_play_drained_since_timestamp_seconds{by="hand",cluster="lab",real_server="lvs02"}'), 1796119200);
    assert.equal(m.get('lvs_play_drained_since_timestamp_seconds{by="run",cluster="lab",real_server="lvs01"}'), 1796119201.5);

    writeFileSync(join(drains, 'lab.json'), '{"cluster": "lab", "drains": [');
    assert.equal((await runProcess(argv, { cwd: '/', env })).code, 1);
    const after = readFileSync(join(stateDir, 'lvs-play-check-lab.prom'), 'utf8');
    assert.doesNotMatch(after, /^lvs_play_drained_since_timestamp_seconds\{/m);
    assert.equal(samples(after).get('lvs_play_check_hosts_unreachable{cluster="lab"}'), 4);
  });

  it("status: installed in the unit dir, the last result and the unreachable hosts; exit is the last run's", async () => {
    const r = await lvsPlay(['schedule', 'status', inventory, '--unit-dir', unitDir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`^lvs-play-check-lab: installed in ${unitDir} \\(timer state not asked`));
    assert.match(r.stdout, /last run: \S+Z \(\d+\.\d s\), error \(exit 1\)/);
    for (const h of HOSTS) assert.match(r.stdout, new RegExp(`  ${h}: unreachable: `));
    assert.match(r.stdout, /hosts: 4 checked, drifted: none, unreachable: lvs-dr, lvs-dr2, lvs01, lvs02/);
    assert.match(r.stdout, /reports kept: 3 in /);
    const json = await lvsPlay(['schedule', 'status', inventory, '--unit-dir', unitDir, '--json']);
    const s = JSON.parse(json.stdout);
    assert.equal(s.stateDir, stateDir, 'found through the installed service');
    assert.equal(s.latest.exitCode, 1);
  });

  it("an inventory that no longer loads: exit 1, the reason kept, metrics say so under the cluster's name", async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    const inv = JSON.parse(readFileSync(inventory, 'utf8'));
    inv.vips[0].address = 'not-an-ip';
    writeFileSync(join(broken, 'lab.json'), JSON.stringify(inv));
    const state = join(broken, 'state');
    const r = await run([...argv.slice(0, 4), join(broken, 'lab.json'), '--state-dir', state, '--keep', '2']);
    assert.equal(r.code, 1);
    const latest = JSON.parse(readFileSync(join(state, 'latest.json'), 'utf8')) as CheckRecord;
    assert.equal(latest.exitCode, 1);
    assert.deepEqual(latest.hosts, []);
    assert.match(latest.error ?? '', /\/vips\/0\/address/);
    assert.match(
      r.stdout,
      /^check of lab: \S+Z \(\d+\.\d s\), error \(exit 1\)\n {2}error: \S*broken\/lab\.json: 1 problem\n {4}\/vips\/0\/address: /,
    );
    const m = samples(readFileSync(join(state, 'lvs-play-check-lab.prom'), 'utf8'));
    assert.equal(m.get('lvs_play_check_success{cluster="lab"}'), 0);
    assert.equal(m.get('lvs_play_check_exit_code{cluster="lab"}'), 1);
  });

  it('--dry-run prints both units and writes nothing', async () => {
    const units = join(dir, 'dry-units');
    const state = join(dir, 'dry-state');
    const r = await lvsPlay(['schedule', inventory, '--every', 'daily', '--unit-dir', units, '--state-dir', state, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^# ${units}/lvs-play-check-lab.service\n# lvs-play-check-lab.service: `));
    assert.match(r.stdout, new RegExp(`\n# ${units}/lvs-play-check-lab.timer\n[^]*OnCalendar=daily\n#.*\nPersistent=true\n`));
    assert.ok(!existsSync(units) && !existsSync(state));
  });

  it('refuses what it cannot schedule, with the fix', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[inventory], /schedule needs --every/],
      [[inventory, '--every', '15'], /--every "15" has no unit[\s\S]*hint: write 15s or 15m/],
      [[inventory, '--every', '10s'], /too short/],
      [[inventory, '--every', '1h', '--name', 'x.timer'], /without \.service or \.timer/],
      [[inventory, '--every', '1h', '--keep', '0'], /--keep must be a whole number from 1 to 10000, got "0"/],
      [[inventory, '--every', '1h', '--on-failure', 'mail me'], /--on-failure "mail me" is not a service or target/],
      [[inventory, '--every', '1h', '--frobnicate'], /schedule: Unknown option '--frobnicate'/],
      [[join(dir, 'none.json'), '--every', '1h'], /inventory .*none\.json does not exist/],
      [['run', inventory, 'extra'], /schedule run: unexpected argument "extra"\nhint: lvs-play schedule --help/],
      [['run', inventory, '--every', '1h'], /schedule run does not take --every/],
      [[inventory, '--every', '1h', '--purge'], /schedule does not take --purge/],
    ];
    for (const [args, message] of cases) {
      const r = await lvsPlay(['schedule', ...args, ...(args[0] === 'run' ? ['--state-dir'] : ['--unit-dir']), join(dir, 'never')]);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /internal error/);
    }
    assert.ok(!existsSync(join(dir, 'never')));
  });

  it('remove: units and metrics go, reports stay; --purge takes the reports too', async () => {
    const r = await lvsPlay(['schedule', 'remove', inventory, '--unit-dir', unitDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /systemctl/);
    assert.match(
      r.stdout,
      /removed .*lvs-play-check-lab\.timer\nremoved .*lvs-play-check-lab\.service\nremoved .*lvs-play-check-lab\.prom\nkept .*state\/ \(--purge deletes the reports\)/,
    );
    assert.deepEqual(ls(unitDir), []);
    assert.deepEqual(ls(stateDir), ['latest.json', 'reports']);
    const again = await lvsPlay(['schedule', 'remove', inventory, '--unit-dir', unitDir, '--state-dir', stateDir, '--purge']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.match(/removed .*check-\d+T\d+Z\.json/g)?.length, 3);
    assert.ok(!existsSync(stateDir));
    const nothing = await lvsPlay(['schedule', 'remove', inventory, '--unit-dir', unitDir, '--state-dir', stateDir]);
    assert.match(nothing.stdout, /nothing to remove/);
  });
});
