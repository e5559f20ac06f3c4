// Ctrl-C at a real terminal (tmux) during a deploy of the 4-host lab, whose
// progress is listr2's tree there: listr2 has a Ctrl-C handler of its own
// that exits at once (127). The run must stop as lvs-play stops it
// (lib/run/stop-on-interrupt.ts): the host under way put back once its
// running step ends, exit 1.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/cli.js';
import { useLab } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const execFileAsync = promisify(execFile);
const SESSION = `lvsp-test-interrupt-${process.pid}`;
/** tmux on a server of the test's own (-L); it needs a terminal type even detached, and CI may have none */
const tmux = (args: string[]) =>
  execFileAsync('tmux', ['-L', SESSION, ...args], { env: { ...process.env, TERM: process.env.TERM || 'xterm-256color' } });
const SLOW = 'test/fixtures/playbooks/slow-change-on-lvs01.mjs';
const MARKER = '/var/tmp/lvs-play-test-marker';

describe('Ctrl-C at a terminal during a deploy (tmux, the lab)', function () {
  this.timeout(10 * 60_000);
  const lab = useLab();
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-interrupt-'));
    await lab.run('lvs01', `rm -f ${MARKER}`);
  });
  after(async () => {
    await tmux(['kill-server']).catch(() => undefined);
    await lab.run('lvs01', `rm -f ${MARKER}`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the tree is drawn, Ctrl-C stops the run: the step ends, lvs01 is put back, exit 1 (never listr2 exiting at once)', async () => {
    const done = join(dir, 'done');
    const script = join(dir, 'run.sh');
    writeFileSync(
      script,
      [
        `cd ${repoRoot}`,
        `LVS_PLAY_DRAINS_DIR=${join(dir, 'drains')} LVS_PLAY_LOCK_DIR=${join(dir, 'locks')} LVS_PLAY_TEST_STEP=ok LVS_PLAY_TEST_STEP_SECONDS=6 LVS_PLAY_TEST_STEP_AT=first \\`,
        `  ${process.execPath} dist/lib/cli/main.js deploy inventory/lab.json --playbook ${SLOW}`,
        `echo "exit $?" > ${done}`,
        'sleep 600',
      ].join('\n'),
    );
    await tmux(['new-session', '-d', '-s', SESSION, '-x', '160', '-y', '50', `bash ${script}`]);
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
    assert.equal((await lab.ssh('lvs01', `test -e ${MARKER}`)).code, 1, 'the marker written before the step was removed');
    assert.match((await lab.run('lvs01', 'echo "journal: $(ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l)"')).trim(), /^journal: 0$/);
  });
});
