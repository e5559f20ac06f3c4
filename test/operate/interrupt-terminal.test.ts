// Ctrl-C at a real terminal (tmux) during a run on the 4-host lab, whose
// progress is listr2's tree there: listr2 has a Ctrl-C handler of its own
// that exits at once (127). The run must stop as lvs-play stops it
// (lib/run/stop-on-interrupt.ts): a deploy's host under way put back once
// its running step ends, a check's read cut, exit 1. listr2 hides the
// cursor while it draws: however the run ends, the shell gets it back.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { useLab } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const execFileAsync = promisify(execFile);
const SESSION = `lvsp-test-interrupt-${process.pid}`;
/** tmux on a server of the test's own (-L); it needs a terminal type even detached, and CI may have none */
const tmux = (args: string[]) =>
  execFileAsync('tmux', ['-L', SESSION, ...args], { env: { ...process.env, TERM: process.env.TERM || 'xterm-256color' } });
const SLOW = 'test/fixtures/playbooks/slow-change-on-lvs01.mjs';
const SLOW_READ = 'test/fixtures/playbooks/slow-read-on-lvs01.mjs';
/** 1 when the terminal shows its cursor (listr2 hides it while it draws) */
const cursorShown = async () => (await tmux(['display', '-p', '-t', SESSION, '#{cursor_flag}'])).stdout.trim() === '1';
const MARKER = '/var/tmp/lvs-play-test-marker';

describe('Ctrl-C at a terminal during a run (tmux, the lab)', function () {
  this.timeout(10 * 60_000);
  const lab = useLab();
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-interrupt-'));
    await lab.run('lvs01', `rm -f ${MARKER}`);
  });
  after(async () => {
    await killRun();
    await tmux(['kill-server']).catch(() => undefined);
    await lab.run('lvs01', `rm -f ${MARKER}`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs lvs-play in a new tmux session of 160x50 with the test's own lock and drain folders; `exit N` lands in the returned file. */
  async function inTerminal(env: string, args: string): Promise<string> {
    await killRun();
    await tmux(['kill-session', '-t', SESSION]).catch(() => undefined);
    const done = join(dir, `done-${Date.now()}`);
    const script = join(dir, 'run.sh');
    writeFileSync(
      script,
      [
        `cd ${repoRoot}`,
        `LVS_PLAY_DRAINS_DIR=${join(dir, 'drains')} LVS_PLAY_LOCK_DIR=${join(dir, 'locks')} ${env} \\`,
        `  ${process.execPath} dist/lib/cli/main.js ${args}`,
        `echo "exit $?" > ${done}`,
        'sleep 600',
      ].join('\n'),
    );
    await tmux(['new-session', '-d', '-s', SESSION, '-x', '160', '-y', '50', `bash ${script}`]);
    return done;
  }
  /** A run a failed test left in the terminal, killed by its PID (lvs-play outlives the terminal: it ignores SIGHUP). */
  async function killRun(): Promise<void> {
    const pane = await tmux(['display', '-p', '-t', SESSION, '#{pane_pid}']).then(
      (r) => r.stdout.trim(),
      () => '',
    );
    if (!pane) return;
    const children = await execFileAsync('pgrep', ['-P', pane]).then(
      (r) => r.stdout.split(/\s+/).filter(Boolean),
      () => [],
    );
    for (const pid of children) process.kill(Number(pid), 'SIGKILL');
  }
  const screenNow = async () => (await tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', SESSION])).stdout;

  it('the tree is drawn, Ctrl-C stops the run: the step ends, lvs01 is put back, exit 1 (never listr2 exiting at once)', async () => {
    const done = await inTerminal(
      'LVS_PLAY_TEST_STEP=ok LVS_PLAY_TEST_STEP_SECONDS=6 LVS_PLAY_TEST_STEP_AT=first',
      // one host at a time: lvs02, after lvs01, is never started once the run is stopped
      `deploy inventory/lab.json --playbook ${SLOW} --forks 1`,
    );
    await waitFor(
      'the step on lvs01',
      async () => (await lab.ssh('lvs01', 'grep -l "a ok step" /var/lib/lvs-play/journal/*/*.step')).code === 0,
      120_000,
      50,
    );
    const screen = (await tmux(['capture-pane', '-p', '-t', SESSION])).stdout;
    assert.match(screen, /lvs01/, 'the tree is on the screen');
    await tmux(['send-keys', '-t', SESSION, 'C-c']);
    // said on the screen at once, while the step still runs (the run has not ended)
    await waitFor(
      'the stop on the screen',
      async () =>
        /lvs01: stopping \(SIGINT\): put back as it was once its running step ends/.test(
          (await tmux(['capture-pane', '-p', '-t', SESSION])).stdout,
        ),
      5_000,
      100,
    );
    assert.equal(existsSync(done), false, 'the run waited for the step');
    await waitFor('the run to end', async () => existsSync(done), 120_000);
    const history = (await tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', SESSION])).stdout;
    assert.equal(readFileSync(done, 'utf8').trim(), 'exit 1', history.split('\n').filter(Boolean).slice(-15).join('\n'));
    assert.match(history, /SIGINT: stopping\. No host is started any more/);
    assert.match(history, /ROLLED BACK lvs01: 1 change\(s\) undone: restore \/var\/tmp\/lvs-play-test-marker/);
    // in the tree: drawn skipped with the reason, not as a host that ran
    assert.match(history, /^↓ lvs02: not started: the run was stopped \(SIGINT\)$/m);
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'the marker written before the step was removed');
    assert.match((await lab.run('lvs01', 'echo "journal: $(ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l)"')).trim(), /^journal: 0$/);
    assert.ok(await cursorShown(), 'the cursor is back');
  });

  it('a check: Ctrl-C cuts the read under way at once, says which host was not checked, and gives the cursor back', async () => {
    const seconds = 53;
    const slowRead = `pgrep -fx "sleep ${seconds}"`;
    try {
      const done = await inTerminal(`LVS_PLAY_TEST_READ_SECONDS=${seconds}`, `check inventory/lab.json --playbook ${SLOW_READ}`);
      await waitFor('the slow read on lvs01', async () => (await lab.ssh('lvs01', slowRead)).code === 0, 120_000, 50);
      await waitFor('the tree', async () => /lvs02/.test(await screenNow()), 10_000, 50);
      assert.equal(await cursorShown(), false, 'listr2 hides the cursor while it draws');
      await tmux(['send-keys', '-t', SESSION, 'C-c']);
      await waitFor('the run to end', async () => existsSync(done), 30_000);
      const history = await screenNow();
      assert.equal(readFileSync(done, 'utf8').trim(), 'exit 1', history.split('\n').filter(Boolean).slice(-15).join('\n'));
      assert.match(history, /SIGINT: stopping the check\. Reads under way are cut/);
      assert.match(history, /^SKIPPED lvs01: not finished: the run was stopped \(SIGINT\)$/m);
      assert.equal((await lab.ssh('lvs01', slowRead)).code, 0, 'the check did not wait for the read');
      assert.ok(await cursorShown(), 'the cursor is back');
    } finally {
      await lab.ssh('lvs01', `pkill -fx "sleep ${seconds}"`);
    }
  });

  it('a deploy: a second Ctrl-C exits at once (130), the tree names the host it left, and the cursor is back', async () => {
    try {
      // one host at a time: lvs02 waits for its turn, so the stop leaves it not started
      const done = await inTerminal(
        'LVS_PLAY_TEST_STEP=hang LVS_PLAY_TEST_STEP_AT=first',
        `deploy inventory/lab.json --playbook ${SLOW} --forks 1`,
      );
      await waitFor(
        'the step on lvs01',
        async () => (await lab.ssh('lvs01', 'grep -l "a hang step" /var/lib/lvs-play/journal/*/*.step')).code === 0,
        120_000,
        50,
      );
      await waitFor('lvs02 waiting', async () => /lvs02: waiting for its turn \(--forks\)/.test(await screenNow()), 10_000, 50);
      await tmux(['send-keys', '-t', SESSION, 'C-c']);
      await waitFor('the stop on the screen', async () => /lvs01: stopping \(SIGINT\)/.test(await screenNow()), 5_000, 50);
      await tmux(['send-keys', '-t', SESSION, 'C-c']);
      await waitFor('the run to end', async () => existsSync(done), 30_000);
      const history = await screenNow();
      assert.equal(readFileSync(done, 'utf8').trim(), 'exit 130', history.split('\n').filter(Boolean).slice(-15).join('\n'));
      assert.match(history, /lvs01: lvs-play exited here: the host's journal keeps this run's changes \(lvs-play recover undoes them\)/);
      // what lvs-play said while listr2 held stderr is printed, not lost
      assert.match(history, /SIGINT again: exiting now; the hosts' journals keep what this run left/);
      assert.ok(await cursorShown(), 'the cursor is back');
    } finally {
      await killRun();
      await lvsPlay(['recover', 'inventory/lab.json'], { LVS_PLAY_DRAINS_DIR: join(dir, 'drains'), LVS_PLAY_LOCK_DIR: join(dir, 'locks') });
    }
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'recover put lvs01 back');
  });
});
