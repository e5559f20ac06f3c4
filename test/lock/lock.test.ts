import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootId, describeHolder, holderIsGoneFromHere, type LockHolder, parseHolder, thisProcessHolder } from '../../lib/lock/holder.js';
import { localExec, localHold } from '../../lib/lock/local-shell.js';
import { controlLock, parseHolderLine, readHolderCommand, takeCommand } from '../../lib/lock/lock-commands.js';
import { newRunId } from '../../lib/lock/run-id.js';
import { LockHeld, takeLock } from '../../lib/lock/take-lock.js';

// The lock's shell commands run for real here, with flock(1), in a temporary
// folder: the same commands a host runs for its own lock.

const local = { exec: localExec, hold: localHold };
const holderOf = (command: string): LockHolder => thisProcessHolder({ runId: newRunId(), cluster: 'test', command });

describe('lock: the run lock (flock held by a keeper)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is taken once; a second taker is refused at once, naming the first run', async () => {
    const paths = controlLock('seed', dir);
    const first = holderOf('lvs-play deploy seed.json');
    const held = await takeLock(local, paths, first, 'cluster seed');
    try {
      const second = holderOf('lvs-play rollout seed.json');
      await assert.rejects(takeLock(local, paths, second, 'cluster seed'), (err: unknown) => {
        assert.ok(err instanceof LockHeld);
        assert.equal(err.holder?.runId, first.runId);
        assert.match(
          err.message,
          /^cluster seed: another lvs-play run is in progress: lvs-play deploy seed\.json \(run \d{8}T\d{6}Z-[0-9a-f]{6}, pid \d+ on .+, since .+\)$/,
        );
        return true;
      });
      const r = parseHolderLine((await localExec(readHolderCommand(paths))).stdout);
      assert.equal(r.state, 'held');
      assert.equal(r.state === 'held' && parseHolder(r.line)?.runId, first.runId);
    } finally {
      await held.release();
    }
    assert.deepEqual(parseHolderLine((await localExec(readHolderCommand(paths))).stdout), { state: 'free' });
    assert.ok(!existsSync(paths.holder), 'the holder file goes with the lock');
    const again = await takeLock(local, paths, holderOf('lvs-play deploy seed.json'), 'cluster seed');
    await again.release();
  });

  it('is released by the kernel when the process holding it is killed (SIGKILL), and a reader then sees it free', async () => {
    const paths = controlLock('seed', dir);
    // a child process takes the lock through its own keeper and is then killed outright
    const script = `const { spawn } = require('node:child_process');
      const k = spawn('sh', ['-c', process.argv[1]], { stdio: ['pipe', 'inherit', 'inherit'] });
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script, takeCommand(paths, JSON.stringify(holderOf('lvs-play deploy x')))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('locked')) resolve();
      }),
    );
    assert.equal(parseHolderLine((await localExec(readHolderCommand(paths))).stdout).state, 'held');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    // the keeper sees its stdin end with its parent: a bounded poll, no sleep guess
    for (let i = 0; i < 100 && parseHolderLine((await localExec(readHolderCommand(paths))).stdout).state === 'held'; i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(parseHolderLine((await localExec(readHolderCommand(paths))).stdout), { state: 'free' });
    const mine = await takeLock(local, paths, holderOf('lvs-play deploy y'), 'cluster seed');
    await mine.release();
  });

  it('takes over a lock whose keeper outlived its lvs-play process on this machine (pid gone), ending that keeper', async () => {
    const paths = controlLock('seed', dir);
    // a keeper whose holder names a pid that does not run: its lvs-play is gone, the keeper (a half-open session) is not
    const dead: LockHolder = { ...holderOf('lvs-play deploy old'), pid: 2 ** 22 + 12345 };
    const orphan = await localHold(takeCommand(paths, JSON.stringify(dead)));
    assert.ok('held' in orphan);
    const mine = await takeLock(local, paths, holderOf('lvs-play deploy new'), 'cluster seed');
    try {
      await (orphan as { held: { ended: Promise<void> } }).held.ended;
      const r = parseHolderLine((await localExec(readHolderCommand(paths))).stdout);
      assert.equal(r.state === 'held' && parseHolder(r.line)?.command, 'lvs-play deploy new');
    } finally {
      await mine.release();
    }
  });

  it('never takes over a live holder, nor one from another machine', async () => {
    const paths = controlLock('seed', dir);
    const elsewhere: LockHolder = { ...holderOf('lvs-play deploy far'), controlHost: 'other-machine', pid: 2 ** 22 + 1 };
    const theirs = await localHold(takeCommand(paths, JSON.stringify(elsewhere)));
    assert.ok('held' in theirs);
    try {
      await assert.rejects(takeLock(local, paths, holderOf('lvs-play deploy mine'), 'cluster seed'), /pid 4194305 on other-machine/);
    } finally {
      await theirs.held.release();
    }
  });

  it('judges a holder gone only from its own machine: a dead pid, or an earlier boot', () => {
    const h: LockHolder = { runId: 'r', cluster: 'c', command: 'x', controlHost: 'ctl', controlBootId: 'boot-1', pid: 10, startedAt: 't' };
    const here = (o: Partial<{ host: string; bootId: string; alive: (p: number) => boolean }>) => ({
      host: 'ctl',
      bootId: 'boot-1',
      alive: () => true,
      ...o,
    });
    assert.equal(holderIsGoneFromHere(h, here({})), false);
    assert.equal(holderIsGoneFromHere(h, here({ alive: () => false })), true);
    assert.equal(holderIsGoneFromHere(h, here({ bootId: 'boot-2' })), true);
    assert.equal(holderIsGoneFromHere(h, here({ host: 'other', alive: () => false })), false);
    assert.equal(holderIsGoneFromHere(h, here({ bootId: '', alive: () => false })), false);
  });

  it('names the holder with control characters escaped', () => {
    const h: LockHolder = { ...holderOf('lvs-play deploy \u001b[31mred\nsecond line'), controlHost: hostname() };
    assert.match(describeHolder(h), /lvs-play deploy \\x1b\[31mred\\x0asecond line \(run /);
    assert.equal(bootId().length > 0, true);
  });

  it('keeps the holder file root-only', async () => {
    const paths = controlLock('seed', dir);
    const held = await takeLock(local, paths, holderOf('lvs-play deploy x'), 'cluster seed');
    try {
      assert.match(readFileSync(paths.holder, 'utf8'), /^\d+ \d+ \{"runId"/);
    } finally {
      await held.release();
    }
  });
});

describe('lock: where the control machine keeps its locks', () => {
  it("LVS_PLAY_LOCK_DIR, else /run for root, else a folder of the user's own", async () => {
    const { controlLockDir } = await import('../../lib/lock/write-session.js');
    assert.equal(controlLockDir({ LVS_PLAY_LOCK_DIR: '/x' }, 1000), '/x');
    assert.equal(controlLockDir({}, 0), '/run/lvs-play/control');
    assert.equal(controlLockDir({ XDG_RUNTIME_DIR: '/run/user/1000' }, 1000), '/run/user/1000/lvs-play/control');
    assert.match(controlLockDir({}, 1000), /\/\.cache\/lvs-play\/control$/);
  });
});
