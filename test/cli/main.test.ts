import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../../dist/lib/cli/main.js', import.meta.url).pathname;

describe('lvs-play binary', () => {
  it('prints help listing the commands and exits 0', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    assert.match(stdout, /Usage: lvs-play COMMAND/);
    assert.match(stdout, /Exit codes: 0/);
  });

  it('prints its version for --version, -V and version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const { stdout, stderr } = await run(process.execPath, [bin, flag]);
      assert.equal(stdout, `${version}\n`, flag);
      assert.equal(stderr, '', flag);
    }
  });

  it('loads each command it lists when that command runs: NAME --help prints its usage', async function () {
    // eighteen Node start-ups one after the other: a guard, not a timing (it took over 20 s at load 70)
    this.timeout(120_000);
    const { stdout } = await run(process.execPath, [bin, '--help']);
    const names = [...stdout.matchAll(/^ {2}(\S+) {2}/gm)].map((m) => m[1]!);
    assert.deepEqual(names, [
      'deploy',
      'rollout',
      'check',
      'verify',
      'drain',
      'undrain',
      'recover',
      'validate',
      'render',
      'graph',
      'lab',
      'completion',
      'schedule',
    ]);
    await Promise.all(
      names.map(async (name) => {
        const r = await run(process.execPath, [bin, name, '--help']);
        assert.match(r.stdout, new RegExp(`^Usage:\\s+lvs-play ${name} `), name);
      }),
    );
  });

  it('reads the ssh config from ~/.ssh/config, or -F FILE / --ssh-config FILE / -F none, naming a broken one', async () => {
    const inventory = new URL('../../inventory/example.json', import.meta.url).pathname;
    const home = mkdtempSync(join(tmpdir(), 'lvsp-cli-sshconfig-'));
    try {
      mkdirSync(join(home, '.ssh'));
      writeFileSync(join(home, '.ssh', 'config'), 'Host lvs-dr\n  Port many\n');
      const env = { ...process.env, HOME: home };
      const fails = async (args: string[], pattern: RegExp) => {
        await assert.rejects(run(process.execPath, [bin, ...args], { env }), (e: { code: number; stderr: string }) => {
          assert.equal(e.code, 1, args.join(' '));
          assert.match(e.stderr, pattern, args.join(' '));
          return true;
        });
      };
      await fails(['validate', inventory], /ssh config ".*\/\.ssh\/config": Port "many" for host lvs-dr is not a port number/);
      await run(process.execPath, [bin, 'validate', '-F', 'none', inventory], { env });
      await fails(['validate', inventory, '-F', join(home, 'absent')], /ssh config ".*absent" does not exist/);
      await fails(['validate', inventory, '--ssh-config'], /--ssh-config needs a file/);
      writeFileSync(join(home, 'good'), 'Host *\n  User ops\n');
      await run(process.execPath, [bin, 'validate', `--ssh-config=${join(home, 'good')}`, inventory], { env });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a reader that closes its end early (`| head`) loses the output, never the run: the command ends as it would', async () => {
    const inventory = new URL('../../inventory/example.json', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'render', inventory, '--host', 'lvs-dr'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before lvs-play writes: its first write fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('rejects an unknown command with exit 1', async () => {
    await assert.rejects(run(process.execPath, [bin, 'frobnicate']), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /unknown command "frobnicate"/);
      return true;
    });
  });
});

describe('lvs-play binary: argument errors', () => {
  it('names an unknown option and points at --help, without a stack', async () => {
    await assert.rejects(
      run(process.execPath, [bin, 'check', 'inventory/lab.json', '--frobnicate']),
      (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr, /^error: check: Unknown option '--frobnicate'/);
        assert.match(e.stderr, /hint: lvs-play check --help/);
        assert.doesNotMatch(e.stderr, /internal error|at .*\.js/);
        return true;
      },
    );
  });
});
