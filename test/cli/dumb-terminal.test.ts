// TERM=dumb at a real terminal (tmux): Emacs' shell and some CI log viewers
// run commands on a pty that cannot move the cursor. There a check must print
// plain lines, as in a pipe: no listr2 tree, no collapsed view redrawn in
// place, no colour (lib/report/terminal-kind.ts). The same run with a
// terminal type that can (xterm) is drawn in place: the control that shows
// the test reads what it claims. The pane's raw output is read (pipe-pane),
// not its rendered screen, so an escape code cannot hide in the rendering.
// The hosts are at 198.19.254.x, which the lab's route guard refuses at once
// (up or down, the lab is never there): no packet leaves this machine.

import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

const execFileAsync = promisify(execFile);
const SESSION = `lvsp-test-dumb-${process.pid}`;
/** tmux on a server of the test's own (-L); it needs a terminal type to start, whatever the pane's command is given */
const tmux = (args: string[]) =>
  execFileAsync('tmux', ['-L', SESSION, ...args], { env: { ...process.env, TERM: process.env.TERM || 'xterm-256color' } });
const ESC = '\x1b';

describe('check on a TERM=dumb terminal (tmux): plain lines, nothing drawn in place', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-dumb-'));
    const lab = JSON.parse(readFileSync(join(repoRoot, 'inventory/lab.json'), 'utf8'));
    lab.hosts = lab.hosts.map((h: { name: string }, i: number) => ({ ...h, address: `198.19.254.${i + 1}` }));
    // a key and known_hosts of the test's own, as on a brand-new machine where no lab was ever up
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id_ed25519')]);
    writeFileSync(join(dir, 'known_hosts'), '');
    lab.ssh = { ...lab.ssh, identityFile: join(dir, 'id_ed25519'), knownHosts: join(dir, 'known_hosts') };
    writeFileSync(join(dir, 'away.json'), JSON.stringify(lab));
  });
  after(async () => {
    await tmux(['kill-server']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The bytes a check wrote to a terminal of `rows` rows and type `term`, and its exit code. */
  async function checkAt(term: string, rows: number): Promise<{ raw: string; exit: string }> {
    const name = `${term}-${rows}`;
    const done = join(dir, `${name}.done`);
    const raw = join(dir, `${name}.raw`);
    const script = join(dir, `${name}.sh`);
    writeFileSync(
      script,
      [
        'read -r _go', // the pane's output is piped to the file before lvs-play writes anything
        `TERM=${term} ${process.execPath} ${join(repoRoot, 'dist/lib/cli/main.js')} check ${join(dir, 'away.json')}`,
        `echo "exit $?" > ${done}`,
        'sleep 600',
      ].join('\n'),
    );
    await tmux(['new-session', '-d', '-s', name, '-x', '160', '-y', String(rows), `bash ${script}`]);
    await tmux(['pipe-pane', '-o', '-t', name, `cat > ${raw}`]);
    await tmux(['send-keys', '-t', name, 'Enter']);
    await waitFor(`the check on a ${term} terminal of ${rows} rows`, async () => existsSync(done), 30_000, 50);
    await tmux(['kill-session', '-t', name]);
    return { raw: readFileSync(raw, 'utf8'), exit: readFileSync(done, 'utf8').trim() };
  }

  for (const [rows, view] of [
    [50, "listr2's tree"],
    [10, 'the collapsed view'],
  ] as const) {
    it(`${rows} rows (${view} on a terminal that can draw it): plain lines and the recap, no escape code`, async () => {
      const drawn = await checkAt('xterm-256color', rows);
      assert.ok(drawn.raw.includes(`${ESC}[`), `the control: drawn in place on xterm\n${drawn.raw.slice(0, 500)}`);
      const dumb = await checkAt('dumb', rows);
      assert.equal(dumb.exit, 'exit 1', dumb.raw);
      assert.ok(!dumb.raw.includes(ESC), `an escape code on a dumb terminal:\n${JSON.stringify(dumb.raw.slice(0, 800))}`);
      for (const h of ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'])
        assert.match(dumb.raw, new RegExp(`^${h}: unreachable: `, 'm'), `${h}: a plain line of its own\n${dumb.raw}`);
      assert.match(dumb.raw, /^RECAP check lab /m);
    });
  }
});
