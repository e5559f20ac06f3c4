// Faults injected for real on the lab's hosts (issue 12): the SSH session cut
// in the middle of a keepalived.conf write, lvs-play killed outright in the
// middle of a deploy, the dpkg lock held by another apt, a full disk where a
// file is written, two deploys at once, keepalived failing on a director in
// the middle of a rollout. After each, every host is byte-for-byte as it was
// or as the inventory says (never in between), and `check` exits 0. Each test
// prints how long the recovery took.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../lib/inventory/types.js';
import type { RolloutReport } from '../../lib/rollout/plan/report.js';
import type { RunReport } from '../../lib/run/report.js';
import { type CliResult, lvsPlay, startLvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { controlLockHeldBy } from '../support/control-lock.js';
import { snapshotDiff, snapshots } from '../support/host-state.js';
import { assertDocument } from '../support/json-documents.js';
import { useLab } from '../support/lab.js';
import { describeSummary, VipSampler } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const HOSTS = ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'];
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const VIPS = ['198.18.0.100', '198.18.0.110'];
const ADVERT_INT_MS = 3000;
const HANG = 'test/fixtures/playbooks/hang-after-keepalived.mjs';
const SLOW = 'test/fixtures/playbooks/slow-change-on-lvs01.mjs';
const SLOW_MARKER = '/var/tmp/lvs-play-test-marker';
const SLOW_READ = 'test/fixtures/playbooks/slow-read-on-lvs01.mjs';
/** long enough to see the run in the middle of lvs-dr on a loaded machine; its recovery waits for it to end */
const HANG_SECONDS = 45;

/**
 * Runs on a director: waits for the temp file of keepalived.conf that a
 * deploy writes, finds the process writing it, walks up to the sshd of its
 * session and kills that sshd (SIGKILL): the connection is cut in the middle
 * of the write. Prints what it killed and when.
 */
const CUT_WATCHER = `
touch /run/lvs-play-test-watching
end=$(( $(date +%s) + 50 ))
while [ "$(date +%s)" -lt "$end" ]; do
  for f in /etc/keepalived/.keepalived.conf.lvs-play-*.tmp; do
    [ -e "$f" ] || continue
    # one grep over every process (a grep per process made a pass longer than the write itself);
    # a match may be a short-lived child of the step's shell that is gone by the time it is read: go on
    for c in $(grep -lF "$f" /proc/[0-9]*/cmdline 2>/dev/null); do
      p=\${c#/proc/}; p=\${p%/cmdline}
      while [ -n "$p" ] && [ "$p" -gt 1 ]; do
        comm=$(cat /proc/$p/comm 2>/dev/null) || break
        # never this watcher's own session (its sshd is its parent)
        if [ "$comm" = sshd ] && [ "$p" != "$PPID" ]; then
          cmd=$(tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null)
          kill -9 "$p" && echo "killed sshd $p ($cmd) while $f existed"
          rm -f /run/lvs-play-test-watching; exit 0
        fi
        p=$(awk '/^PPid:/ {print $2}' /proc/$p/status 2>/dev/null)
      done
    done
  done
  sleep 0.005
done
rm -f /run/lvs-play-test-watching
echo "no write of keepalived.conf seen"; exit 1`;

describe('faults on the lab: nothing half-applied (issue 12)', function () {
  this.timeout(30 * 60_000);
  const lab = useLab();
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const write = (name: string, edit: (inv: Inventory) => void) => writeLabVariant(dir, name, edit);
  /** a change to keepalived.conf on both directors (a real server's weight) */
  const weight = (w: number) =>
    write(`weight-${w}.json`, (inv) => {
      inv.vips[0]!.services[0]!.realServers![0]!.weight = w;
    });
  const run = (args: string[]) => lvsPlay(args, env);
  const ok = (r: CliResult, what: string) => assert.equal(r.code, 0, `${what}: ${r.stdout}${r.stderr}`);
  const sameHosts = (before: Record<string, string>, after: Record<string, string>) => {
    for (const h of HOSTS) assert.equal(after[h], before[h], `${h} is not as it was:\n${snapshotDiff(before[h]!, after[h]!)}`);
  };
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-faults-'));
    // this suite's own lock and switch-record folders on the control machine
    env = { LVS_PLAY_DRAINS_DIR: join(dir, 'drains'), LVS_PLAY_LOCK_DIR: join(dir, 'locks') };
    ok(await run(['deploy', INVENTORY]), 'deploy');
  });

  // a test that failed half-way must not leave the next one a host with an interrupted run, or changed
  afterEach(async () => {
    await run(['recover', INVENTORY]);
    await run(['deploy', INVENTORY]);
  });

  after(async () => {
    // leave the lab as the inventory says for the suites after this one
    await lab
      .run('lvs-dr2', 'if [ -e /usr/sbin/keepalived.real ]; then mv -f /usr/sbin/keepalived.real /usr/sbin/keepalived; fi')
      .catch(() => undefined);
    await lab
      .run('lvs-dr', 'umount /etc/keepalived 2>/dev/null; umount /var/lib/lvs-play/journal 2>/dev/null; true')
      .catch(() => undefined);
    ok(await run(['deploy', INVENTORY]), 'deploy');
    rmSync(dir, { recursive: true, force: true });
  });

  it('the SSH session cut while keepalived.conf is written on a director: rolled back over a new connection, byte-for-byte', async () => {
    const changed = weight(3);
    const before = await snapshots(lab, HOSTS);
    const watcher = lab.ssh('lvs-dr', CUT_WATCHER);
    await waitFor(
      'the watcher to start',
      async () => (await lab.ssh('lvs-dr', 'test -e /run/lvs-play-test-watching')).code === 0,
      20_000,
      50,
    );
    const r = await run(['deploy', changed, '--json', '--limit', 'lvs-dr']);
    const cut = await watcher;
    assert.equal(cut.code, 0, `the watcher did not cut the session: ${cut.stdout}${cut.stderr}`);
    console.log(`      ${cut.stdout.trim()}`);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const host = assertDocument('run', JSON.parse(r.stdout) as RunReport).hosts[0]!;
    assert.equal(host.status, 'failed');
    assert.match(host.error ?? '', /^keepalived: .*(connection|session)/);
    assert.deepEqual(host.rollbackFailed, undefined);
    assert.ok(
      host.rolledBack?.some((u) => u.startsWith('restore /etc/keepalived/keepalived.conf')),
      JSON.stringify(host.rolledBack),
    );
    console.log(`      rolled back over a new connection in a run of ${seconds(host.durationMs)}: ${host.rolledBack!.join('; ')}`);
    sameHosts(before, await snapshots(lab, HOSTS));
    ok(await run(['check', INVENTORY]), 'check (as before)');
    ok(await run(['deploy', changed]), 'deploy again');
    ok(await run(['check', changed]), 'check (as the inventory says)');
    ok(await run(['deploy', INVENTORY]), 'deploy back');
  });

  it('Ctrl-C in the middle of a deploy: the running step ends, then the host under way is put back (whether it had tasks left or not), no journal is left, exit 1', async () => {
    const seconds = 6;
    for (const at of ['first', 'last']) {
      await lab.run('lvs01', `rm -f ${SLOW_MARKER}`);
      const before = await snapshots(lab, ['lvs01']);
      // one host at a time: lvs02, after lvs01 in the inventory, is not started once the run is stopped
      const stopped = startLvsPlay(['deploy', INVENTORY, '--playbook', SLOW, '--forks', '1'], {
        ...env,
        LVS_PLAY_TEST_STEP: 'ok',
        LVS_PLAY_TEST_STEP_SECONDS: String(seconds),
        LVS_PLAY_TEST_STEP_AT: at,
      });
      await waitFor(
        `the ${seconds} s step on lvs01 (the slow task ${at})`,
        async () => (await lab.ssh('lvs01', 'grep -l "a ok step" /var/lib/lvs-play/journal/*/*.step')).code === 0,
        120_000,
        50,
      );
      stopped.child.kill('SIGINT');
      const r = await stopped.done;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /SIGINT: stopping\. No host is started any more; each host under way is put back as it was/);
      assert.match(r.stdout, /^lvs01: stopping \(SIGINT\): put back as it was once its running step ends$/m);
      // first: stopped before its next task; last: stopped with no task left, put back all the same
      assert.match(
        r.stdout,
        at === 'first' ? /FAILED lvs01 time-sync: the run was stopped \(SIGINT\)/ : /FAILED lvs01: the run was stopped \(SIGINT\)/,
      );
      assert.match(r.stdout, /^SKIPPED lvs02: not started: the run was stopped \(SIGINT\)$/m);
      assert.match(r.stdout, /ROLLED BACK lvs01: 1 change\(s\) undone: restore \/var\/tmp\/lvs-play-test-marker/);
      assert.equal((await lab.ssh('lvs01', `test -e ${SLOW_MARKER}`)).code, 1, `${at}: the marker written before the step was removed`);
      const after = await snapshots(lab, ['lvs01']);
      assert.equal(after.lvs01, before.lvs01, `lvs01 is not as it was:\n${snapshotDiff(before.lvs01!, after.lvs01!)}`);
      for (const h of HOSTS)
        assert.match(
          (await lab.run(h, 'echo "journal: $(ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l)"')).trim(),
          /^journal: 0$/,
          h,
        );
    }
    ok(await run(['check', INVENTORY]), 'check');
  });

  it('Ctrl-C in the middle of a check: the read under way is cut at once, not waited for; the recap names the host not checked, exit 1', async () => {
    // lvs01's read takes SECONDS; every other host answers at once
    const seconds = 47;
    const checking = startLvsPlay(['check', INVENTORY, '--playbook', SLOW_READ], { ...env, LVS_PLAY_TEST_READ_SECONDS: String(seconds) });
    const slowRead = `pgrep -fx "sleep ${seconds}"`;
    try {
      await waitFor('the slow read on lvs01', async () => (await lab.ssh('lvs01', slowRead)).code === 0, 120_000, 50);
      checking.child.kill('SIGINT');
      const r = await checking.done;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /SIGINT: stopping the check\. Reads under way are cut and no host is started any more; nothing was changed/);
      assert.match(r.stdout, /^SKIPPED lvs01: not finished: the run was stopped \(SIGINT\)$/m);
      for (const h of ['lvs-dr', 'lvs-dr2', 'lvs02'])
        assert.match(r.stdout, new RegExp(`^  ${h} +ok=\\d+ drift=0 failed=0 skipped=0`, 'm'));
      // the run did not wait for the read: it is still running on lvs01 now that lvs-play has exited
      assert.equal((await lab.ssh('lvs01', slowRead)).code, 0, 'the read on lvs01 had already ended: the check waited for it');
    } finally {
      checking.child.kill('SIGKILL');
      await lab.ssh('lvs01', `pkill -fx "sleep ${seconds}"`);
    }
  });

  it('lvs-play killed (SIGKILL) in the middle of a deploy: check, verify and recover --check report the host interrupted; the next deploy rolls it back first, then converges', async () => {
    const changed = weight(4);
    const killed = startLvsPlay(['deploy', changed, '--playbook', HANG], { ...env, LVS_PLAY_TEST_HANG_SECONDS: String(HANG_SECONDS) });
    // keepalived.conf written and reloaded on lvs-dr, then the long step recorded there: the run is in the middle of lvs-dr
    await waitFor('keepalived changed on lvs-dr', async () => /lvs-dr: keepalived changed/.test(killed.output()), 120_000, 50);
    await waitFor(
      'the long step on lvs-dr',
      async () => (await lab.ssh('lvs-dr', `grep -l "a ${HANG_SECONDS} s step" /var/lib/lvs-play/journal/*/*.step`)).code === 0,
      30_000,
      50,
    );

    // meanwhile: read-only commands say a run is in progress; a second deploy is refused at once, naming it
    const pid = killed.child.pid!;
    const during = await run(['check', changed]);
    assert.match(
      during.stdout,
      new RegExp(`IN PROGRESS lvs-dr: another run holds this host: lvs-play deploy .*\\(run \\S+, pid ${pid} on `),
    );
    const second = await run(['deploy', changed]);
    assert.equal(second.code, 1, second.stdout + second.stderr);
    assert.match(
      second.stderr,
      new RegExp(
        `^error: cluster lab \\(this machine's lock\\): another lvs-play run is in progress: lvs-play deploy .* \\(run \\S+, pid ${pid} on `,
        'm',
      ),
    );

    killed.child.kill('SIGKILL');
    await killed.done;
    const t0 = Date.now();
    const check = await run(['check', changed]);
    assert.equal(check.code, 2, check.stdout + check.stderr);
    assert.match(
      check.stdout,
      new RegExp(
        `INTERRUPTED lvs-dr: run \\S+ \\(lvs-play deploy .* pid ${pid} on .*\\) was interrupted and left 3 recorded step\\(s\\): keepalived: write /etc/keepalived/keepalived.conf; keepalived: systemctl reload keepalived.service; hang: a ${HANG_SECONDS} s step \\(test\\)`,
      ),
    );
    const verify = await run(['verify', changed]);
    assert.equal(verify.code, 2, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /run\s+lvs-dr\s+degraded\s+run \S+ .*was interrupted/);
    const listed = await run(['recover', changed, '--check']);
    assert.equal(listed.code, 2, listed.stdout + listed.stderr);
    assert.match(listed.stdout, /lvs-dr: run \S+ .* was interrupted and left 3 recorded step/);

    const d = await run(['deploy', changed]);
    ok(d, 'deploy after the kill');
    assert.match(
      d.stdout,
      /lvs-dr: rolled back interrupted run \S+ .*: systemctl reload keepalived.service|lvs-dr: rolled back interrupted run \S+ .*restore \/etc\/keepalived\/keepalived.conf/,
    );
    console.log(
      `      recovered (rolled back, then deployed) ${seconds(Date.now() - t0)} after the kill, waiting included for the killed run's ${HANG_SECONDS} s step, still running on lvs-dr, to end`,
    );
    ok(await run(['check', changed]), 'check');
    for (const h of HOSTS)
      assert.match((await lab.run(h, 'echo "journal: $(ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l)"')).trim(), /^journal: 0$/, h);
    ok(await run(['deploy', INVENTORY]), 'deploy back');
  });

  it('Ctrl-C during recover does not leave a host half undone: recover says it goes on, puts the host back, exits 0; the second Ctrl-C is what exits', async () => {
    const hangSeconds = 15;
    const killed = startLvsPlay(['deploy', weight(5), '--playbook', HANG], { ...env, LVS_PLAY_TEST_HANG_SECONDS: String(hangSeconds) });
    await waitFor(
      'the long step on lvs-dr',
      async () => (await lab.ssh('lvs-dr', `grep -l "a ${hangSeconds} s step" /var/lib/lvs-play/journal/*/*.step`)).code === 0,
      120_000,
      50,
    );
    killed.child.kill('SIGKILL');
    await killed.done;

    // recover waits for the killed run's step, still running on lvs-dr, to end before it rolls back: Ctrl-C then
    const recovering = startLvsPlay(['recover', INVENTORY], env);
    // recover holds this machine's lock (its handlers are in place) and waits for the killed run's step
    await waitFor(
      'recover to take the control lock',
      async () => controlLockHeldBy(env.LVS_PLAY_LOCK_DIR!, 'lab', recovering.child.pid!),
      30_000,
      20,
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(recovering.child.exitCode, null, `recover ended before the signal: ${recovering.output()}`);
    recovering.child.kill('SIGINT');
    const r = await recovering.done;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^SIGINT: recover goes on to its end: stopping halfway would leave hosts half undone \(SIGINT again exits at once\)$/m,
    );
    assert.match(r.stdout, /lvs-dr: rolled back interrupted run \S+/);
    // lvs-dr put back whole: keepalived.conf as the inventory renders it, no journal left (a host the killed run
    // had finished, lvs-dr2, stays finished, as after any interrupted deploy)
    ok(await run(['check', INVENTORY, '--limit', 'lvs-dr']), 'check of lvs-dr after the recover');
    assert.match(
      (await lab.run('lvs-dr', 'echo "journal: $(ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l)"')).trim(),
      /^journal: 0$/,
    );
  });

  it('the dpkg lock held by another apt on a host: a clear error naming the host and the holder within the bounded wait; nothing half-applied', async () => {
    const withCurl = write('curl.json', (inv) => {
      inv.packages!.realservers = ['nginx-light', 'curl'];
    });
    await lab.run('lvs01', 'dpkg -s curl >/dev/null 2>&1 && apt-get remove -y -q curl >/dev/null 2>&1; true');
    const before = await snapshots(lab, HOSTS);
    // a real apt-get holding the frontend lock: a reinstall paused before dpkg runs
    await lab.run(
      'lvs01',
      "nohup apt-get install --reinstall -y -q -o DPkg::Pre-Invoke::='sleep 300' nginx-light >/tmp/apt-holder.log 2>&1 & echo $! > /tmp/apt-holder.pid",
    );
    try {
      await waitFor(
        'apt-get to hold the dpkg lock',
        async () =>
          (await lab.ssh('lvs01', 'grep -q "Running dpkg\\|Pre-Invoke\\|sleep" /tmp/apt-holder.log || pgrep -x sleep >/dev/null')).code ===
          0,
        60_000,
      );
      const t0 = Date.now();
      const r = await run(['deploy', withCurl, '--json', '--limit', 'lvs01']);
      const took = Date.now() - t0;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const host = assertDocument('run', JSON.parse(r.stdout) as RunReport).hosts[0]!;
      assert.equal(host.host, 'lvs01');
      assert.match(
        host.error ?? '',
        /^packages: install curl failed: the package manager's lock \/var\/lib\/dpkg\/lock-frontend is held by another process \(apt-get, pid \d+\); waited 30 s for it\. Let that process finish/,
      );
      console.log(`      refused after ${seconds(took)}: ${host.error}`);
      sameHosts(before, await snapshots(lab, HOSTS));
    } finally {
      await lab.run(
        'lvs01',
        'kill $(cat /tmp/apt-holder.pid) 2>/dev/null; pkill -x sleep; for i in $(seq 50); do pgrep -x apt-get >/dev/null || break; sleep 0.2; done; rm -f /tmp/apt-holder.*; true',
      );
    }
    ok(await run(['deploy', withCurl, '--limit', 'lvs01']), 'deploy once the lock is free');
    ok(await run(['check', withCurl, '--limit', 'lvs01']), 'check');
  });

  it('a full disk where keepalived.conf is written, and where its backup goes: a clear error, the host as it was, no temp file left', async () => {
    const changed = weight(5);
    for (const [folder, keep] of [
      ['/etc/keepalived', 'keepalived.conf'],
      ['/var/lib/lvs-play/journal', null],
    ] as const) {
      const before = await snapshots(lab, HOSTS);
      // a 4 KiB tmpfs over the folder, holding what the folder held: one page, so no new file fits
      const copy = keep ? `cp -a ${folder}/${keep} /tmp/lvsp-keep && ` : '';
      const back = keep ? ` && cp -a /tmp/lvsp-keep ${folder}/${keep}` : '';
      await lab.run(
        'lvs-dr',
        `${copy}mkdir -p ${folder} && mount -t tmpfs -o size=4k,mode=755 lvsp-full ${folder}${back}${keep ? '' : ` && head -c 4096 /dev/zero > ${folder}/.fill`}`,
      );
      try {
        const r = await run(['deploy', changed, '--json', '--limit', 'lvs-dr']);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const host = assertDocument('run', JSON.parse(r.stdout) as RunReport).hosts[0]!;
        assert.match(host.error ?? '', /^keepalived: write \/etc\/keepalived\/keepalived.conf failed: .*No space left on device/);
        console.log(`      ${folder} full: ${host.error!.split('\n')[0]}`);
        if (keep) assert.equal((await lab.run('lvs-dr', `ls -A ${folder}`)).trim(), keep, 'no temp file left in the full folder');
      } finally {
        await lab.run('lvs-dr', `rm -f ${folder}/.fill; umount ${folder}; rm -f /tmp/lvsp-keep`);
      }
      sameHosts(before, await snapshots(lab, HOSTS));
    }
    ok(await run(['check', INVENTORY]), 'check (as before)');
    ok(await run(['deploy', changed]), 'deploy once there is room');
    ok(await run(['check', changed]), 'check');
    ok(await run(['deploy', INVENTORY]), 'deploy back');
  });

  it('two deploys started at the same moment: exactly one runs, the other exits 1 at once naming the first', async () => {
    const changed = weight(6);
    const [a, b] = [startLvsPlay(['deploy', changed], env), startLvsPlay(['deploy', changed], env)];
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const winner = ra.code === 0 ? a : b;
    const [won, lost] = ra.code === 0 ? [ra, rb] : [rb, ra];
    ok(won, 'one deploy');
    assert.equal(lost.code, 1, lost.stdout + lost.stderr);
    assert.match(
      lost.stderr,
      new RegExp(
        `^error: cluster lab \\(this machine's lock\\): another lvs-play run is in progress: lvs-play deploy .* \\(run \\S+, pid ${winner.child.pid} on `,
        'm',
      ),
    );
    assert.equal(lost.stdout, '', 'the refused deploy did nothing to report');
    ok(await run(['check', changed]), 'check');
  });

  it("two deploys at once from two control machines (each its own lock folder): the hosts' locks let exactly one run", async () => {
    const changed = weight(7);
    const a = startLvsPlay(['deploy', changed], { ...env, LVS_PLAY_LOCK_DIR: join(dir, 'machine-a') });
    const b = startLvsPlay(['deploy', changed], { ...env, LVS_PLAY_LOCK_DIR: join(dir, 'machine-b') });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const [won, lost, winner] = ra.code === 0 ? [ra, rb, a] : [rb, ra, b];
    ok(won, 'one deploy');
    assert.equal(lost.code, 1, lost.stdout + lost.stderr);
    // the cluster's first director is locked first and alone: the loser stops there, having locked nothing else
    assert.match(
      lost.stderr,
      new RegExp(`^error: lvs-dr: another lvs-play run is in progress: lvs-play deploy .* \\(run \\S+, pid ${winner.child.pid} on `, 'm'),
    );
    ok(await run(['check', changed]), 'check');
    ok(await run(['deploy', INVENTORY]), 'deploy back');
  });

  it('keepalived failing on the second director in the middle of a rollout: that stage rolled back, every VIP held by exactly one director throughout', async () => {
    const changed = weight(8);
    const before = await snapshots(lab, HOSTS);
    await lab.run(
      'lvs-dr2',
      'mv /usr/sbin/keepalived /usr/sbin/keepalived.real && printf \'#!/bin/sh\\necho "keepalived: this binary is broken (test)" >&2\\nexit 1\\n\' > /usr/sbin/keepalived && chmod 755 /usr/sbin/keepalived',
    );
    let report: RolloutReport;
    try {
      const sampler = new VipSampler(DIRECTORS, VIPS);
      await sampler.start();
      const r = await run(['rollout', changed, '--json']);
      const seen = await sampler.stop();
      assert.equal(r.code, 1, r.stdout + r.stderr);
      report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
      for (const s of seen.vips) {
        console.log(`      ${describeSummary(s)}`);
        assert.ok(s.maxOverlapMs < ADVERT_INT_MS, `${s.vip} was on two directors at once for ${s.maxOverlapMs.toFixed(1)} ms`);
        assert.ok(s.worstNoHolderMs < ADVERT_INT_MS, `${s.vip} was on no director for ${s.worstNoHolderMs.toFixed(1)} ms`);
      }
    } finally {
      await lab.run('lvs-dr2', 'mv -f /usr/sbin/keepalived.real /usr/sbin/keepalived');
    }
    assert.deepEqual(
      report.stages.map((s) => `${s.hosts.join()} ${s.status}`),
      ['lvs-dr done', 'lvs-dr2 failed'],
    );
    assert.match(
      report.stages[1]!.error ?? '',
      /lvs-dr2: keepalived: write \/etc\/keepalived\/keepalived.conf failed: .*this binary is broken/,
    );
    assert.equal(report.vips, '198.18.0.100 on lvs-dr; 198.18.0.110 on lvs-dr2');
    const after = await snapshots(lab, HOSTS);
    assert.equal(after['lvs-dr2'], before['lvs-dr2'], `lvs-dr2 is not as it was:\n${snapshotDiff(before['lvs-dr2']!, after['lvs-dr2']!)}`);
    ok(await run(['rollout', changed]), 'rollout once keepalived works');
    ok(await run(['check', changed]), 'check');
  });
});
