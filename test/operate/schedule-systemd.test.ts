// Issue 10, item 7: `schedule` under a real systemd. The control machine's
// systemd is never touched: lvs-play is packed (`npm pack`, with its
// production dependencies and this node binary beside it) into the lab's
// client container, where systemd is PID 1, and run there against the four
// other lab hosts over the lab link. There the timer is installed with
// --every 1m and fires; `schedule status` reads the result and the next run
// from systemd; a real drift (a line added to a file the sysctl task owns on
// lvs-dr) makes the next tick fail and the OnFailure= unit fire; then
// `schedule remove --purge` leaves nothing behind. Times are read from the
// container's systemd (its own monotonic timestamps), printed, and asserted
// only as bounds.

import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { LAB_HOST_MARKER } from '../../lib/lab/host-marker.js';
import { run } from '../../lib/lab/local-command.js';
import { hostNames, labFiles } from '../../lib/lab/paths.js';
import { quote } from '../../lib/shell/quote.js';
import { repoRoot, runProcess } from '../support/cli.js';
import { useLab } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const CLIENT = 'client';
/** everything the test puts into the client goes here (and the two units below) */
const DIR = '/opt/lvsp-schedule-test';
const NODE = `${DIR}/bin/node`;
const ENTRY = `${DIR}/lvs-play/dist/lib/cli/main.js`;
const INVENTORY = `${DIR}/lab.json`;
const NAME = 'lvs-play-check-lab';
const SERVICE = `${NAME}.service`;
const TIMER = `${NAME}.timer`;
const STATE_DIR = '/var/lib/lvs-play/checks/lab'; // schedule's default for cluster "lab"
const ON_FAILURE = 'lvsp-schedule-test-failed.service';
const ON_FAILURE_LOG = '/run/lvsp-schedule-test-failed.log';
// the drift: a line added by hand to the file the sysctl task writes on lvs-dr
const DRIFT_HOST = 'lvs-dr';
const DRIFT_FILE = '/etc/sysctl.d/90-lvs-play.conf';
const DRIFT_SAVED = '/root/90-lvs-play.conf.lvsp-schedule-test';

type Props = Record<string, string>;

describe('schedule under a real systemd, inside the lab client container (issue 10)', function () {
  this.timeout(10 * 60_000);
  const lab = useLab();
  let work = '';
  let drifted = false;
  const root = () => hostNames(CLIENT).root;
  const inClient = (command: string) => lab.ssh(CLIENT, command);
  const lvsPlayInClient = (args: string[]) => inClient([NODE, ENTRY, ...args].map(quote).join(' '));
  const show = async (unit: string, props: string[]): Promise<Props> => {
    const out = await lab.run(CLIENT, `systemctl show ${quote(unit)} ${props.map((p) => `-p ${p}`).join(' ')}`);
    return Object.fromEntries(
      out.split('\n').flatMap((l) => (l.includes('=') ? [[l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]] : [])),
    );
  };
  const usec = (p: Props, key: string) => Number(p[key] ?? 'NaN');
  const secondsBetween = (fromUsec: number, toUsec: number) => ((toUsec - fromUsec) / 1e6).toFixed(2);
  const runProps = (unit: string) =>
    show(unit, ['Result', 'ExecMainStatus', 'ExecMainStartTimestampMonotonic', 'ExecMainExitTimestampMonotonic', 'ActiveState']);
  /** the service's run that started after `afterUsec`, once it has ended */
  const waitForRun = async (what: string, afterUsec: number, timeoutMs: number): Promise<Props> => {
    let last: Props = {};
    await waitFor(
      what,
      async () => {
        last = await runProps(SERVICE);
        const started = usec(last, 'ExecMainStartTimestampMonotonic');
        const exited = usec(last, 'ExecMainExitTimestampMonotonic');
        return started > afterUsec && exited >= started && last.ActiveState !== 'activating';
      },
      timeoutMs,
      500,
    );
    return last;
  };

  before(async function () {
    this.timeout(10 * 60_000);
    const client = lab.host(CLIENT);
    assert.equal(client.kind, 'container', 'the client is a container: systemd is PID 1 there');
    assert.ok(existsSync(join(root(), LAB_HOST_MARKER.slice(1))), 'lab up marked the client as a lab host');
    // the lab in sync first: the first run must find no drift
    const d = await runProcess([process.execPath, join(repoRoot, 'dist/lib/cli/main.js'), 'deploy', 'inventory/lab.json']);
    assert.equal(d.code, 0, d.stdout + d.stderr);

    // the package as a user gets it, with its production dependencies from this checkout
    work = mkdtempSync(join(tmpdir(), 'lvsp-schedule-systemd-'));
    const pack = await runProcess(['npm', 'pack', '--ignore-scripts', '--json', '--pack-destination', work]);
    assert.equal(pack.code, 0, pack.stderr);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    await run('tar', ['-xzf', join(work, filename), '-C', work]);
    const pkg = join(work, 'package');
    const deps = await runProcess(['npm', 'ls', '--omit=dev', '--all', '--parseable']);
    assert.equal(deps.code, 0, deps.stderr);
    const modules = realpathSync(join(repoRoot, 'node_modules'));
    const paths = deps.stdout
      .split('\n')
      .filter(Boolean)
      .map((p) => relative(modules, realpathSync(p)))
      .filter((p) => p !== '' && !p.startsWith('..'))
      .sort((a, b) => a.length - b.length); // a package before the ones nested in it
    assert.ok(paths.includes('ssh2'), deps.stdout);
    for (const p of paths) {
      const to = join(pkg, 'node_modules', p);
      if (existsSync(to)) continue; // came with the package it is nested in
      mkdirSync(dirname(to), { recursive: true });
      await run('cp', ['-a', join(modules, p), to]);
    }

    // into the client's root; the inventory names the four other hosts, with the lab's key and known_hosts copied beside it
    const at = (p: string) => join(root(), p.slice(1));
    await run('rm', ['-rf', at(DIR)]);
    mkdirSync(at(`${DIR}/bin`), { recursive: true });
    mkdirSync(at(`${DIR}/lab`), { recursive: true, mode: 0o700 });
    copyFileSync(process.execPath, at(NODE));
    await run('cp', ['-a', pkg, at(`${DIR}/lvs-play`)]);
    copyFileSync(labFiles.sshKey, at(`${DIR}/lab/id_ed25519`));
    copyFileSync(labFiles.knownHosts, at(`${DIR}/lab/known_hosts`));
    copyFileSync(labFiles.vrrpPassword, at(`${DIR}/lab/vrrp-pass`));
    const inventory = JSON.parse(readFileSync(join(repoRoot, 'inventory/lab.json'), 'utf8'));
    delete inventory.$schema;
    inventory.ssh.identityFile = `${DIR}/lab/id_ed25519`;
    inventory.ssh.knownHosts = `${DIR}/lab/known_hosts`;
    inventory.vrrp.authentication.passwordFile = `${DIR}/lab/vrrp-pass`;
    inventory.hosts = inventory.hosts.filter((h: { name: string }) => h.name !== CLIENT);
    delete inventory.groups.clients;
    writeFileSync(at(INVENTORY), `${JSON.stringify(inventory, null, 2)}\n`);
    // the OnFailure= unit: it only records that it ran
    writeFileSync(
      at(`/etc/systemd/system/${ON_FAILURE}`),
      [
        '[Unit]',
        'Description=lvs-play schedule lab test: OnFailure= of the drift check',
        '[Service]',
        'Type=oneshot',
        `ExecStart=/bin/sh -c 'echo fired >> ${ON_FAILURE_LOG}'`,
        '',
      ].join('\n'),
    );
    const v = await lvsPlayInClient(['--version']);
    assert.equal(v.code, 0, v.stderr);
  });

  after(async function () {
    this.timeout(2 * 60_000);
    // whatever failed above: the lab as inventory/lab.json says, nothing of the test left in the client
    if (drifted) await lab.ssh(DRIFT_HOST, `mv ${DRIFT_SAVED} ${DRIFT_FILE}`);
    await lab.ssh(
      CLIENT,
      [
        `systemctl disable --now ${TIMER} 2>/dev/null`,
        `systemctl stop ${SERVICE} ${ON_FAILURE} 2>/dev/null`,
        `rm -rf /etc/systemd/system/${TIMER} /etc/systemd/system/${SERVICE} /etc/systemd/system/${ON_FAILURE} ${DIR} ${STATE_DIR} ${ON_FAILURE_LOG}`,
        // only if empty: schedule made them
        'rmdir /var/lib/lvs-play/checks /var/lib/lvs-play 2>/dev/null',
        'systemctl daemon-reload',
        `systemctl reset-failed ${SERVICE} ${ON_FAILURE} 2>/dev/null`,
        'true',
      ].join('; '),
    );
    if (work) rmSync(work, { recursive: true, force: true });
  });

  let firstRun: Props = {};

  it('schedule --every 1m installs and starts the timer in the container, and it fires: a run in sync', async () => {
    const s = await lvsPlayInClient(['schedule', INVENTORY, '--every', '1m', '--on-failure', ON_FAILURE, '--keep', '5']);
    assert.equal(s.code, 0, s.stdout + s.stderr);
    const timer = await show(TIMER, ['ActiveState', 'ActiveEnterTimestampMonotonic', 'UnitFileState']);
    assert.equal(timer.ActiveState, 'active');
    assert.equal(timer.UnitFileState, 'enabled');
    firstRun = await waitForRun('the first run of the timer', usec(timer, 'ActiveEnterTimestampMonotonic'), 2 * 60_000);
    assert.equal(firstRun.Result, 'success', JSON.stringify(firstRun));
    assert.equal(firstRun.ExecMainStatus, '0');
    const after = Number(secondsBetween(usec(timer, 'ActiveEnterTimestampMonotonic'), usec(firstRun, 'ExecMainStartTimestampMonotonic')));
    const took = secondsBetween(usec(firstRun, 'ExecMainStartTimestampMonotonic'), usec(firstRun, 'ExecMainExitTimestampMonotonic'));
    console.log(`      first run started ${after.toFixed(2)} s after the timer started, and took ${took} s`);
    // OnBootSec= is long past: it fires at once (RandomizedDelaySec=6s), not an interval later
    assert.ok(after >= 0 && after < 60, `first run ${after} s after the timer started`);
  });

  it('schedule status reads the result from latest.json and the next run from systemd', async () => {
    const before = Date.now();
    const s = await lvsPlayInClient(['schedule', 'status', INVENTORY]);
    assert.equal(s.code, 0, s.stdout + s.stderr);
    const m = /timer active, next run (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ), service result success/.exec(s.stdout);
    assert.ok(m, s.stdout);
    assert.match(s.stdout, /last run: .* in sync \(exit 0\)/);
    assert.match(s.stdout, /hosts: 4 checked, drifted: none, unreachable: none/);
    // the next run: OnUnitActiveSec=1min after the last start, plus up to 6 s; the container shares this kernel's clock
    // (whole seconds: one second of rounding either way)
    const next = Date.parse(m[1]!);
    assert.ok(next >= before - 1_000 && next <= Date.now() + 60_000 + 6_000 + 1_000, `next run ${m[1]}, now ${new Date().toISOString()}`);
    console.log(`      status: next run ${m[1]}, ${((next - Date.now()) / 1000).toFixed(1)} s from now`);
    const timers = await lab.run(CLIENT, 'systemctl list-timers --all --no-pager');
    assert.match(timers, new RegExp(`${TIMER}\\s+${SERVICE.replace(/\./g, '\\.')}`));
  });

  it('a drift on lvs-dr is found at the next tick: the service fails (exit 2) and OnFailure= fires', async () => {
    await lab.run(DRIFT_HOST, `cp -p ${DRIFT_FILE} ${DRIFT_SAVED}`);
    drifted = true;
    await lab.run(DRIFT_HOST, `echo '# changed by hand (schedule lab test)' >> ${DRIFT_FILE}`);
    const madeAt = Date.now();
    // the last run before the drift (one in progress now may or may not see it: then the one after)
    const previous = await waitForRun('a run in progress to end', 0, 2 * 60_000);
    const failed = await waitForRun('the run after the drift', usec(previous, 'ExecMainStartTimestampMonotonic'), 3 * 60_000);
    const waited = (Date.now() - madeAt) / 1000;
    assert.equal(failed.Result, 'exit-code', JSON.stringify(failed));
    assert.equal(failed.ExecMainStatus, '2', 'exit 2: drift');
    const spacing = Number(
      secondsBetween(usec(previous, 'ExecMainStartTimestampMonotonic'), usec(failed, 'ExecMainStartTimestampMonotonic')),
    );
    console.log(`      drift found ${waited.toFixed(1)} s after it was made, by the run ${spacing.toFixed(1)} s after the previous one`);
    // OnUnitActiveSec=1min (+ up to RandomizedDelaySec=6s) after the previous start: the drift waited for the
    // tick (nothing ran in between), and was found at that tick, not a later one
    assert.ok(spacing >= 59.5 && spacing < 120, `runs ${spacing} s apart`);

    let fired: Props = {};
    await waitFor(
      'the OnFailure= unit to run',
      async () => {
        fired = await runProps(ON_FAILURE);
        return usec(fired, 'ExecMainStartTimestampMonotonic') > 0;
      },
      60_000,
      250,
    );
    const delay = Number(secondsBetween(usec(failed, 'ExecMainExitTimestampMonotonic'), usec(fired, 'ExecMainStartTimestampMonotonic')));
    console.log(`      OnFailure= unit started ${delay.toFixed(3)} s after the failed run ended`);
    assert.ok(delay >= 0 && delay < 30, `OnFailure= ${delay} s after`);
    assert.match(await lab.run(CLIENT, `cat ${ON_FAILURE_LOG}`), /^fired\n/);

    const s = await lvsPlayInClient(['schedule', 'status', INVENTORY]);
    assert.equal(s.code, 2, s.stdout + s.stderr);
    assert.match(s.stdout, /service result exit-code/);
    assert.match(s.stdout, /drift \(exit 2\)/);
    assert.match(s.stdout, new RegExp(`  ${DRIFT_HOST}: drifted: sysctl`));
    assert.match(s.stdout, new RegExp(`hosts: 4 checked, drifted: ${DRIFT_HOST}, unreachable: none`));

    await lab.run(DRIFT_HOST, `mv ${DRIFT_SAVED} ${DRIFT_FILE}`);
    drifted = false;
  });

  it('schedule remove --purge leaves no unit, no state and no timer; the control machine never had one', async () => {
    const r = await lvsPlayInClient(['schedule', 'remove', INVENTORY, '--purge']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const left = await inClient(`ls -d /etc/systemd/system/${TIMER} /etc/systemd/system/${SERVICE} ${STATE_DIR} 2>/dev/null`);
    assert.equal(left.stdout, '', 'nothing left');
    assert.equal((await show(TIMER, ['LoadState'])).LoadState, 'not-found');
    assert.equal((await show(SERVICE, ['LoadState'])).LoadState, 'not-found');
    assert.doesNotMatch(await lab.run(CLIENT, 'systemctl list-timers --all --no-pager'), new RegExp(NAME));
    const s = await lvsPlayInClient(['schedule', 'status', INVENTORY]);
    assert.match(s.stdout, /not installed in \/etc\/systemd\/system/);
    // the control machine: no unit of this name, and its systemd never asked
    assert.ok(!existsSync(`/etc/systemd/system/${TIMER}`) && !existsSync(`/etc/systemd/system/${SERVICE}`));
  });
});
