import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCommand, journalDir, undoCommand } from '../../lib/run/step-commands.js';
import type { Step } from '../../lib/tasks/step.js';

// The commands run here in a real /bin/sh against a temporary folder: the
// same text a host runs. (The journal folder is under /var/lib/lvs-play and
// is removed after each test.)
function sh(command: string, stdin = '') {
  return spawnSync('/bin/sh', ['-c', command], { input: stdin });
}

describe('run/step-commands', () => {
  let dir: string;
  const runId = `test-${process.pid}`;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'lvsp-step-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); rmSync(journalDir(runId), { recursive: true, force: true }); });

  const write = (path: string, content: string, validate?: string): Step => ({ kind: 'write', path, content, mode: 0o640, owner: 'root', group: 'root', secret: false, ...(validate ? { validate } : {}) });

  it('writes atomically with mode and owner, and its undo restores the old bytes and mode', () => {
    const path = join(dir, 'conf file');
    writeFileSync(path, 'old\n', { mode: 0o600 });
    const step = write(path, 'new $(id) `x`\n');
    const c = applyCommand(step, runId, 0);
    assert.equal(sh(c.command, c.stdin).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'new $(id) `x`\n');
    assert.equal(statSync(path).mode & 0o777, 0o640);
    const undo = undoCommand(step, runId, 0)!;
    assert.equal(undo.phase, 'restore');
    assert.equal(sh(undo.command).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('creates a missing file and its undo removes it', () => {
    const path = join(dir, 'sub', 'new.conf');
    const step = write(path, 'x\n');
    const c = applyCommand(step, runId, 3);
    assert.equal(sh(c.command, c.stdin).status, 0);
    assert.ok(existsSync(path));
    assert.equal(sh(undoCommand(step, runId, 3)!.command).status, 0);
    assert.ok(!existsSync(path));
  });

  it('leaves the old file untouched and no temp file behind when validation fails', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'good\n');
    const c = applyCommand(write(path, 'bad\n', 'grep -q good {file}'), runId, 1);
    const r = sh(c.command, c.stdin);
    assert.equal(r.status, 3);
    assert.match(r.stderr.toString(), /validation failed/);
    assert.equal(readFileSync(path, 'utf8'), 'good\n');
    assert.deepEqual(execFileSync('ls', ['-A', dir]).toString().trim().split('\n'), ['k.conf']);
  });

  it('gives service steps undos in the right phase', () => {
    assert.deepEqual(undoCommand({ kind: 'service', unit: 'k.service', action: 'start' }, runId, 0), { phase: 'before-restore', description: 'systemctl stop k.service', command: 'systemctl stop k.service' });
    assert.equal(undoCommand({ kind: 'service', unit: 'k.service', action: 'reload' }, runId, 0)!.phase, 'after-restore');
    assert.equal(undoCommand({ kind: 'install', packages: ['x'], manager: 'apt', refresh: false }, runId, 0), null);
  });

  it('quotes every value it puts in a command', () => {
    const c = applyCommand({ kind: 'sysctl', key: 'net.x', value: '1; touch /tmp/pwned', previous: '0' }, runId, 0);
    assert.equal(c.command, "sysctl -q -w 'net.x=1; touch /tmp/pwned'");
  });
});
