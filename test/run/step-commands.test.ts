import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thisProcessHolder } from '../../lib/lock/holder.js';
import { newRunId } from '../../lib/lock/run-id.js';
import { journalDir, parseJournals, readJournalCommand, stepPaths } from '../../lib/run/host-journal.js';
import { applyCommand, NOT_APPLIED, type StepContext, undoCommand } from '../../lib/run/step-commands.js';
import type { Step } from '../../lib/tasks/step.js';

// The commands run here in a real /bin/sh against a temporary folder: the
// same text a host runs. (The journal folder is under /var/lib/lvs-play and
// is removed after each test.)
/** something is at the path, a dangling symlink included */
function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function sh(command: string, stdin = '') {
  return spawnSync('/bin/sh', ['-c', command], { input: stdin });
}

describe('run/step-commands', function () {
  this.timeout(20_000);
  let dir: string;
  let runId: string;
  let ctx: (index: number, task?: string) => StepContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-step-'));
    runId = newRunId();
    const holder = thisProcessHolder({ runId, cluster: 'test', command: 'lvs-play deploy test.json' });
    ctx = (index, task = 'keepalived') => ({ runId, index, task, holder });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(journalDir(runId), { recursive: true, force: true });
  });

  const write = (path: string, content: string, validate?: string): Step => ({
    kind: 'write',
    path,
    content,
    mode: 0o640,
    owner: 'root',
    group: 'root',
    secret: false,
    ...(validate ? { validate } : {}),
  });
  const journal = () => parseJournals(sh(readJournalCommand(runId)).stdout.toString())[0];

  it('writes atomically with mode and owner, and its undo restores the old bytes and mode', () => {
    const path = join(dir, 'conf file');
    writeFileSync(path, 'old\n', { mode: 0o600 });
    const step = write(path, 'new $(id) `x`\n');
    const c = applyCommand(step, ctx(0));
    assert.equal(sh(c.command, c.stdin).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'new $(id) `x`\n');
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.equal(readFileSync(stepPaths(runId, 0).backup, 'utf8'), 'old\n');
    const undo = undoCommand(step, runId, 0)!;
    assert.equal(undo.phase, 'restore');
    assert.equal(sh(undo.command).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('records the step on the host before it runs: its task, what it does, and its undo', () => {
    const path = join(dir, 'k.conf');
    const content = 'content-that-must-not-be-journaled\n';
    const step = write(path, content, 'false'); // fails validation: the record must be there anyway
    const c = applyCommand(step, ctx(5, 'keepalived'));
    assert.equal(sh(c.command, c.stdin).status, 3);
    const run = journal()!;
    assert.equal(run.runId, runId);
    assert.equal(run.holder?.command, 'lvs-play deploy test.json');
    assert.equal(run.holder?.pid, process.pid);
    assert.deepEqual(run.damaged, []);
    assert.deepEqual(
      run.steps.map((s) => [s.index, s.task, s.description, s.kind]),
      [[5, 'keepalived', `write ${path}`, 'write']],
    );
    assert.deepEqual(run.steps[0]!.undo, undoCommand(step, runId, 5));
    assert.deepEqual(run.steps[0]!.file, { path, backup: stepPaths(runId, 5).backup, absentMarker: stepPaths(runId, 5).absent });
    // the record carries no file content (a marker no path or command can contain by chance)
    assert.ok(!readFileSync(stepPaths(runId, 5).record, 'utf8').includes('content-that-must-not-be-journaled'));
  });

  it('refuses a step whose journal entry already exists: nothing runs', () => {
    const a = join(dir, 'a');
    const c1 = applyCommand(write(a, 'one\n'), ctx(0));
    assert.equal(sh(c1.command, c1.stdin).status, 0);
    const c2 = applyCommand(write(a, 'two\n'), ctx(0));
    const r = sh(c2.command, c2.stdin);
    assert.equal(r.status, 4);
    assert.match(r.stderr.toString(), /journal entry 0 of run .* already exists/);
    assert.equal(readFileSync(a, 'utf8'), 'one\n');
  });

  it('creates a missing file, marks it absent, and its undo removes it', () => {
    const path = join(dir, 'sub', 'new.conf');
    const step = write(path, 'x\n');
    const c = applyCommand(step, ctx(3));
    assert.equal(sh(c.command, c.stdin).status, 0);
    assert.ok(existsSync(path));
    assert.ok(existsSync(stepPaths(runId, 3).absent));
    assert.equal(sh(undoCommand(step, runId, 3)!.command).status, 0);
    assert.ok(!existsSync(path));
  });

  it('leaves the old file untouched and no temp file behind when validation fails', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'good\n');
    const c = applyCommand(write(path, 'bad\n', 'grep -q good {file}'), ctx(1));
    const r = sh(c.command, c.stdin);
    assert.equal(r.status, 3);
    assert.match(r.stderr.toString(), /validation failed/);
    assert.equal(readFileSync(path, 'utf8'), 'good\n');
    assert.deepEqual(readdirSync(dir), ['k.conf']);
  });

  it('leaves no temp file behind when a later part of the write fails (an owner that does not exist)', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'good\n');
    const c = applyCommand({ ...write(path, 'new\n'), owner: 'no-such-user-lvsp' } as Step, ctx(1));
    assert.notEqual(sh(c.command, c.stdin).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'good\n');
    assert.deepEqual(readdirSync(dir), ['k.conf']);
  });

  it('never renames a file whose content arrived incomplete (the connection cut while it was sent)', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'old\n');
    const c = applyCommand(write(path, 'vrrp_instance x {\n  state MASTER\n}\n'), ctx(0));
    const r = sh(c.command, c.stdin!.slice(0, 20));
    assert.equal(r.status, 5);
    assert.match(r.stderr.toString(), /arrived incomplete/);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir), ['k.conf']);
  });

  it('a rollback reads the journal only once no step runs on the host (a cut-off step still running ends first)', async function () {
    this.timeout(20_000);
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'old\n');
    // the step, made slow by its own validation, runs in the background as a cut-off step would
    const slow = applyCommand(write(path, 'new\n', 'sleep 1.5'), ctx(0));
    const child = spawn('/bin/sh', ['-c', slow.command], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end(slow.stdin);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    const read = spawnSync('/bin/sh', ['-c', readJournalCommand(runId)]);
    const waited = Date.now() - t0;
    assert.equal(read.status, 0);
    // it waited for the step, and then saw its entry and its backup
    assert.ok(waited > 500, `the read waited ${waited} ms`);
    assert.equal(parseJournals(read.stdout.toString())[0]!.steps.length, 1);
    assert.equal(readFileSync(path, 'utf8'), 'new\n');
    assert.ok(existsSync(stepPaths(runId, 0).backup));
  });

  it('a symlink at the path, even one that points nowhere, is backed up as the symlink; the undo of the write and of a remove put it back', () => {
    const dangling = join(dir, 'dangling.conf');
    symlinkSync(join(dir, 'nowhere'), dangling);
    const step = write(dangling, 'x\n');
    const c = applyCommand(step, ctx(4));
    assert.equal(sh(c.command, c.stdin).status, 0, 'the write');
    assert.equal(readFileSync(dangling, 'utf8'), 'x\n');
    assert.ok(!existsSync(stepPaths(runId, 4).absent), 'not marked absent: something was there');
    assert.equal(sh(undoCommand(step, runId, 4)!.command).status, 0, 'the undo');
    assert.equal(readlinkSync(dangling), join(dir, 'nowhere'), 'the dangling symlink is back');

    const target = join(dir, 'real.conf');
    writeFileSync(target, 'kept\n');
    const link = join(dir, 'link.conf');
    symlinkSync(target, link);
    const removal: Step = { kind: 'remove', path: link };
    const r = applyCommand(removal, ctx(5, 'fwmark'));
    assert.equal(sh(r.command).status, 0, 'the remove');
    assert.ok(!lstatExists(link));
    assert.equal(readFileSync(target, 'utf8'), 'kept\n', 'removing the symlink leaves its target alone');
    assert.equal(sh(undoCommand(removal, runId, 5)!.command).status, 0);
    assert.equal(readlinkSync(link), target, 'the symlink is back, pointing where it did');
  });

  it('removes a file lvs-play no longer wants, recorded with its backup; the undo puts back its bytes and mode', () => {
    const path = join(dir, 'fwmark nft');
    writeFileSync(path, 'table ip x {}\n', { mode: 0o600 });
    const step: Step = { kind: 'remove', path };
    const c = applyCommand(step, ctx(2, 'fwmark'));
    assert.equal(sh(c.command, c.stdin).status, 0);
    assert.ok(!existsSync(path));
    assert.equal(readFileSync(stepPaths(runId, 2).backup, 'utf8'), 'table ip x {}\n');
    const run = journal()!;
    assert.deepEqual(
      run.steps.map((s) => [s.task, s.description, s.kind, s.undo?.phase]),
      [['fwmark', `remove ${path}`, 'remove', 'restore']],
    );
    assert.deepEqual(run.steps[0]!.file, { path, backup: stepPaths(runId, 2).backup, absentMarker: stepPaths(runId, 2).absent });
    assert.equal(sh(undoCommand(step, runId, 2)!.command).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'table ip x {}\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('removing a file that is not there marks it absent, and the undo creates nothing', () => {
    const path = join(dir, 'gone');
    const step: Step = { kind: 'remove', path };
    const c = applyCommand(step, ctx(4));
    assert.equal(sh(c.command).status, 0);
    assert.ok(existsSync(stepPaths(runId, 4).absent));
    assert.equal(sh(undoCommand(step, runId, 4)!.command).status, 0);
    assert.ok(!existsSync(path));
  });

  it('the undo of a remove cut before its backup leaves the file as it is and says it was not applied', () => {
    const path = join(dir, 'kept');
    writeFileSync(path, 'kept\n');
    const r = sh(undoCommand({ kind: 'remove', path }, runId, 6)!.command);
    assert.equal(r.status, 0);
    assert.match(r.stdout.toString(), new RegExp(NOT_APPLIED));
    assert.equal(readFileSync(path, 'utf8'), 'kept\n');
  });

  it('the undo of a write cut before its backup touches nothing and says it was not applied', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'original\n');
    // as if cut after the record and the temp file, before the backup: no backup, no marker
    const step = write(path, 'new\n');
    const tmp = join(dir, `.k.conf.lvs-play-${runId}.tmp`);
    writeFileSync(tmp, 'new\n');
    const r = sh(undoCommand(step, runId, 7)!.command);
    assert.equal(r.status, 0);
    assert.match(r.stdout.toString(), new RegExp(NOT_APPLIED));
    assert.equal(readFileSync(path, 'utf8'), 'original\n');
    assert.ok(!existsSync(tmp), 'the temp file of the cut step is removed');
  });

  it('the undo of a write fails loudly, deleting nothing, when the file holds what the step wrote but its backup is gone', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'old\n');
    const step = write(path, 'new\n');
    const c = applyCommand(step, ctx(2));
    assert.equal(sh(c.command, c.stdin).status, 0);
    unlinkSync(stepPaths(runId, 2).backup);
    const r = sh(undoCommand(step, runId, 2)!.command);
    assert.equal(r.status, 1);
    assert.match(r.stderr.toString(), /holds what run .* wrote, but its backup .* is missing: not restored/);
    assert.equal(readFileSync(path, 'utf8'), 'new\n');
  });

  it('a cut between the backup and the rename: the undo puts back the same bytes', () => {
    const path = join(dir, 'k.conf');
    writeFileSync(path, 'old\n');
    const step = write(path, 'new\n');
    const c = applyCommand(step, ctx(0));
    // run the command only up to its backup: drop the rename and what follows
    const upToBackup = c.command
      .split('\n')
      .filter((l) => !l.startsWith('mv -f "$t"') && !l.startsWith(`sync '${dir}'`) && !l.startsWith(`sync ${dir}`))
      .join('\n');
    assert.equal(sh(upToBackup, c.stdin).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.equal(sh(undoCommand(step, runId, 0)!.command).status, 0);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir), ['k.conf']);
  });

  it('gives service steps undos in the right phase', () => {
    assert.deepEqual(undoCommand({ kind: 'service', unit: 'k.service', action: 'start' }, runId, 0), {
      phase: 'before-restore',
      description: 'systemctl stop k.service',
      command: 'systemctl stop k.service',
    });
    assert.equal(undoCommand({ kind: 'service', unit: 'k.service', action: 'reload' }, runId, 0)!.phase, 'after-restore');
    assert.equal(undoCommand({ kind: 'install', packages: ['x'], manager: 'apt', refresh: false }, runId, 0), null);
  });

  it('loads a kernel module with modprobe, recorded as a module step whose undo is nothing (the module stays, as a package does)', () => {
    const c = applyCommand({ kind: 'module', module: 'lvs_play_no_such_module' }, ctx(0, 'kernel-modules'));
    assert.equal(c.command.split('\n').slice(-3).join('\n'), '{\nmodprobe -- lvs_play_no_such_module\n} 9>&-');
    assert.equal(undoCommand({ kind: 'module', module: 'ip_vs' }, runId, 0), null);
    // run for real with a module no kernel has: modprobe fails, changing nothing, and the host's record reads back
    const r = sh(c.command);
    assert.notEqual(r.status, 0);
    const step = journal()!.steps[0]!;
    assert.deepEqual(
      [step.kind, step.task, step.description, step.undo],
      ['module', 'kernel-modules', 'modprobe lvs_play_no_such_module', null],
    );
  });

  it('quotes every value it puts in a command', () => {
    const c = applyCommand({ kind: 'sysctl', key: 'net.x', value: '1; touch /tmp/pwned', previous: '0' }, ctx(0));
    assert.equal(c.command.split('\n').slice(-3).join('\n'), "{\nsysctl -q -w 'net.x=1; touch /tmp/pwned'\n} 9>&-");
  });

  it("holds the step lock in the step's own shell, not in what the step starts (a daemon a postinst starts must not keep it)", () => {
    const c = applyCommand({ kind: 'install', packages: ['x'], manager: 'apt', refresh: false }, ctx(0)).command.split('\n');
    assert.ok(c.indexOf("flock -w 600 9 || { echo 'a step of an earlier lvs-play run is still running on this host' >&2; exit 6; }") > 0);
    assert.equal(c.at(-1), '} 9>&-');
    const r = spawnSync('/bin/sh', [
      '-c',
      applyCommand({ kind: 'wait', command: 'ls -l /proc/self/fd/9 2>&1 || echo closed', description: 'x', timeoutMs: 1000 }, ctx(1))
        .command,
    ]);
    assert.equal(r.status, 0, r.stderr.toString());
    assert.match(r.stdout.toString(), /No such file|closed/);
  });

  it('fsyncs the new file and the backup before the rename, and the folders after', () => {
    const c = applyCommand(write('/etc/x/k.conf', 'n\n'), ctx(0)).command.split('\n');
    const at = (re: RegExp) => c.findIndex((l) => re.test(l));
    const rename = at(/^mv -f "\$t" /);
    assert.ok(at(/^sync "\$t"$/) > 0 && at(/^sync "\$t"$/) < rename);
    assert.ok(at(/sync '?\/var\/lib\/lvs-play\/journal\/.*\/0\.backup\.tmp/) < rename);
    assert.ok(at(/^sync '?\/etc\/x'?$/) > rename);
    assert.ok(at(/0\.step\.tmp$/) < at(/^cat > "\$t"$/), 'the record is written before the file');
    execFileSync('sh', ['-n', '-c', c.join('\n')]);
  });
});
