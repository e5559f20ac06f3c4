// lib/lab/local-command.ts against real processes: what zx quotes must arrive
// byte for byte, and every way a command can fail must say so.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { run, tryRun, tryRunDirect } from '../../lib/lab/local-command.js';

const NODE = process.execPath;
const PRINT_ARGV = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

/** Is the process still running? A killed child not yet reaped by its new parent is a zombie, and counts as ended. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('local commands through zx (lib/lab/local-command.ts)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lvsp-local-command-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes hostile arguments through the shell byte for byte, and expands nothing', async () => {
    const marker = join(dir, 'expanded');
    const hostile = [
      'two words',
      "it's",
      '"double"',
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      '$HOME',
      'line\nbreak',
      'cr\rtab\t',
      '*',
      '?',
      '[ab]',
      '~',
      '',
      ' ',
      '\\',
      ';|&><',
      '!',
      '-n',
      '--',
      'ü€😀',
      "$'\\n'",
    ];
    const r = await tryRun(NODE, ['-e', PRINT_ARGV, ...hostile], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), hostile);
    assert.equal(existsSync(marker), false, 'a command substitution ran');
  });

  it('refuses an argument with a NUL byte (no shell word can carry one)', async () => {
    await assert.rejects(tryRun('echo', ['a\0b']), (e: Error) => e instanceof UserError && /NUL byte/.test(e.message));
  });

  it('tryRun resolves a nonzero exit with both outputs', async () => {
    const r = await tryRun('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    assert.deepEqual(r, { code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('run rejects a failure with the command, its exit code and the tail of its output', async () => {
    const script = 'for i in $(seq 1 20); do echo "line $i" >&2; done; exit 4';
    await assert.rejects(run('sh', ['-c', script]), (e: Error) => {
      assert.ok(e instanceof UserError);
      assert.ok(e.message.startsWith(`sh -c ${script} failed (exit 4):\n`), e.message);
      assert.ok(
        e.message.endsWith(
          'line 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20',
        ),
        e.message,
      );
      assert.ok(!e.message.includes('line 5\n'), e.message);
      return true;
    });
  });

  it('run resolves with stdout', async () => {
    assert.equal(await run('printf', ['%s', 'ok']), 'ok');
  });

  it('names a command that is not found, but not a command that exits 127 itself', async () => {
    await assert.rejects(
      tryRun('lvsp-no-such-command', ['x']),
      (e: Error) => e instanceof UserError && e.message === 'lvsp-no-such-command: command not found',
    );
    await assert.rejects(
      tryRun(join(dir, 'missing'), []),
      (e: Error) => e instanceof UserError && e.message.endsWith('missing: command not found'),
    );
    assert.equal((await tryRun('sh', ['-c', 'exit 127'])).code, 127);
  });

  it('runs the program, never a shell function or builtin of the same name', async () => {
    // an exported bash function would shadow the command in a plain `bash -c`
    const env = { 'BASH_FUNC_printf%%': '() { builtin echo hijacked; }', 'BASH_FUNC_kill%%': '() { builtin echo hijacked; }' };
    assert.equal(await run('printf', ['%s', 'real'], { env }), 'real');
    // bash's builtin kill would accept -l; /usr/bin/kill too, so compare with the program's own output
    assert.equal(await run('kill', ['-l', '9'], { env }), await run('/usr/bin/kill', ['-l', '9']));
  });

  it('bash reads nothing from the caller: BASH_ENV, ENV and SHELLOPTS are not honoured', async () => {
    const marker = join(dir, 'sourced');
    const rc = join(dir, 'rc.sh');
    await writeFile(rc, `touch ${marker}\n`);
    const r = await tryRun('sh', ['-c', 'echo "${BASH_ENV-unset} ${SHELLOPTS-unset}"'], {
      env: { BASH_ENV: rc, ENV: rc, SHELLOPTS: 'xtrace' },
    });
    assert.equal(r.code, 0);
    assert.equal(existsSync(marker), false, 'BASH_ENV was sourced');
    assert.equal(r.stderr, '', 'xtrace was on');
    assert.equal(r.stdout, 'unset unset\n');
  });

  it('zx settings from the environment (ZX_PREFIX, ZX_POSTFIX, ZX_VERBOSE) change nothing', async () => {
    const module = new URL('../../lib/lab/local-command.ts', import.meta.url).href;
    const script = `import { run } from ${JSON.stringify(module)}; process.stdout.write(await run('printf', ['%s', 'real']));`;
    const env = { ZX_PREFIX: 'echo hijacked;', ZX_POSTFIX: '; echo after', ZX_VERBOSE: 'true' };
    assert.equal(await run(NODE, ['--import', 'tsx', '--input-type=module', '-e', script], { env }), 'real');
  });

  it('a command that ignores SIGTERM past its timeout is reported as timed out and killed, with its children', async () => {
    const pids = join(dir, 'pids');
    // bash and its sleep both ignore SIGTERM (the ignore is inherited); 1 s leaves bash time to write the pids even under load
    const script = `trap "" TERM; sleep 30 & echo "$$ $!" > ${pids}; wait`;
    await assert.rejects(
      tryRun('bash', ['-c', script], { timeoutMs: 1000 }),
      (e: Error) => e instanceof UserError && e.message === `bash -c ${script} did not finish within 1000 ms`,
    );
    const [shell, sleep] = (await readFile(pids, 'utf8')).trim().split(' ').map(Number);
    assert.equal(alive(shell), false, 'the command still runs');
    assert.equal(alive(sleep), false, 'its child still runs');
  });

  it('a command that exits on SIGTERM is still a timeout, not its exit code', async () => {
    await assert.rejects(
      tryRun('bash', ['-c', 'trap "exit 255" TERM; sleep 30 & wait'], { timeoutMs: 200 }),
      (e: Error) => e instanceof UserError && /did not finish within 200 ms$/.test(e.message),
    );
  });

  it('an abort signal cancels a running command, and one aborted before starts nothing', async () => {
    const ac = new AbortController();
    const pending = tryRun('sleep', ['30'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(pending, (e: Error) => e instanceof UserError && e.message === 'sleep 30 was cancelled');

    const marker = join(dir, 'started');
    await assert.rejects(
      tryRun('touch', [marker], { signal: AbortSignal.abort() }),
      (e: Error) => e instanceof UserError && /was cancelled$/.test(e.message),
    );
    assert.equal(existsSync(marker), false);
  });

  it('gives input on stdin, adds env to the caller environment, and runs in cwd', async () => {
    assert.equal(await run('cat', [], { input: 'über\nzwei\n' }), 'über\nzwei\n');
    process.env.LVSP_LOCAL_COMMAND_INHERITED = 'yes';
    try {
      const out = await run('sh', ['-c', 'echo "$LVSP_ADDED $LVSP_LOCAL_COMMAND_INHERITED"'], { env: { LVSP_ADDED: 'added' } });
      assert.equal(out, 'added yes\n');
    } finally {
      delete process.env.LVSP_LOCAL_COMMAND_INHERITED;
    }
    assert.equal(await run('pwd', ['-P'], { cwd: dir }), `${await realpath(dir)}\n`);
  });

  it('decodes UTF-8 split across two output chunks as one text', async () => {
    // the first write ends in the middle of '€' (e2 82 ac); the rest comes 100 ms later, as a chunk of its own
    const script = `const e = Buffer.from('€'); const s = process.argv[1] === 'out' ? process.stdout : process.stderr;
      s.write(Buffer.concat([Buffer.from('a'.repeat(1000)), e.subarray(0, 1)]), () => setTimeout(() => s.write(Buffer.concat([e.subarray(1), Buffer.from('ü')])), 100));`;
    const expected = `${'a'.repeat(1000)}€ü`;
    assert.equal((await tryRun(NODE, ['-e', script, 'out'])).stdout, expected);
    assert.equal((await tryRun(NODE, ['-e', script, 'err'])).stderr, expected);
  });

  it('tryRunDirect (the route guard, no shell) keeps the same contract', async () => {
    assert.deepEqual(await tryRunDirect('sh', ['-c', 'echo out; echo err >&2; exit 3']), { code: 3, stdout: 'out\n', stderr: 'err\n' });
    assert.deepEqual(JSON.parse((await tryRunDirect(NODE, ['-e', PRINT_ARGV, '$(x)', '*'])).stdout), ['$(x)', '*']);
    await assert.rejects(
      tryRunDirect('lvsp-no-such-command', []),
      (e: Error) => e instanceof UserError && e.message === 'lvsp-no-such-command: command not found',
    );
  });
});
