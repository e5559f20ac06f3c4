import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HostError } from '../../lib/errors.js';
import type { Host } from '../../lib/inventory/types.js';
import { checkHostKey, createHostVerifier } from '../../lib/ssh/host-verifier.js';
import { fingerprint } from '../../lib/ssh/known-hosts.js';
import { generateKey, type TestKey } from '../support/keys.js';

const run = promisify(execFile);

describe('host key verifier', () => {
  let dir: string;
  let known: TestKey, other: TestKey, revoked: TestKey;

  const host = (knownHosts: string, port = 22): Host => ({
    name: 'dir1',
    address: '198.18.0.10',
    groups: ['directors'],
    ssh: { user: 'root', port, knownHosts },
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lvsp-verifier-'));
    [known, other, revoked] = await Promise.all([
      generateKey(dir, 'known'),
      generateKey(dir, 'other'),
      generateKey(dir, 'revoked', 'ecdsa'),
    ]);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function knownHostsWith(name: string, lines: string[]): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('accepts the recorded key, plain or hashed', async () => {
    const file = await knownHostsWith('match', [`198.18.0.10 ${known.publicLine}`]);
    const d = await checkHostKey(host(file), known.blob);
    assert.deepEqual(d, { accept: true, recorded: false, keyType: 'ssh-ed25519', fingerprint: fingerprint(known.blob) });

    await run('ssh-keygen', ['-H', '-f', file]);
    assert.match(await readFile(file, 'utf8'), /^\|1\|/);
    assert.equal((await checkHostKey(host(file), known.blob)).accept, true);
  });

  it('refuses an unknown key, naming host, address, fingerprint and the flag to accept it', async () => {
    const file = await knownHostsWith('unknown', [`198.18.0.99 ${known.publicLine}`]);
    const d = await checkHostKey(host(file), known.blob);
    assert.equal(d.accept, false);
    const e = (d as { error: HostError }).error;
    assert.ok(e instanceof HostError);
    assert.equal(e.host, 'dir1');
    assert.equal(e.message, `dir1: unknown host key for dir1 (198.18.0.10:22), fingerprint ${fingerprint(known.blob)} (ssh-ed25519)`);
    assert.equal(e.hint, `verify it, then run again with --accept-new-host-keys (records it in ${file})`);
    assert.equal(await readFile(file, 'utf8'), `198.18.0.99 ${known.publicLine}\n`, 'nothing recorded');
  });

  it('treats a missing known_hosts file as empty', async () => {
    const d = await checkHostKey(host(join(dir, 'absent', 'known_hosts')), known.blob);
    assert.equal(d.accept, false);
    assert.match((d as { error: HostError }).error.message, /unknown host key/);
  });

  it('with acceptNew, records an unknown key (as [host]:port off port 22) and then matches it', async () => {
    const file = join(dir, 'new', 'known_hosts');
    const first = await checkHostKey(host(file, 2222), other.blob, { acceptNew: true });
    assert.deepEqual(first, { accept: true, recorded: true, keyType: 'ssh-ed25519', fingerprint: fingerprint(other.blob) });
    assert.equal(await readFile(file, 'utf8'), `[198.18.0.10]:2222 ${other.publicLine}\n`);
    const { stdout } = await run('ssh-keygen', ['-F', '[198.18.0.10]:2222', '-f', file]);
    assert.match(stdout, /found: line 1/, 'OpenSSH finds what we recorded');
    assert.deepEqual(await checkHostKey(host(file, 2222), other.blob), { ...first, recorded: false });
  });

  it('records hashed names when asked', async () => {
    const file = join(dir, 'hashed-new');
    await checkHostKey(host(file), other.blob, { acceptNew: true, hashKnownHosts: true });
    assert.match(await readFile(file, 'utf8'), /^\|1\|\S+ ssh-ed25519 /);
    const { stdout } = await run('ssh-keygen', ['-F', '198.18.0.10', '-f', file]);
    assert.match(stdout, /found: line 1/);
  });

  it('ALWAYS refuses a changed key, even with acceptNew, printing both fingerprints and ssh-keygen -R', async () => {
    const file = await knownHostsWith('changed', ['# the recorded key', `198.18.0.10 ${known.publicLine}`]);
    const before = await readFile(file, 'utf8');
    for (const acceptNew of [false, true]) {
      const d = await checkHostKey(host(file), other.blob, { acceptNew });
      assert.equal(d.accept, false);
      const e = (d as { error: HostError }).error;
      assert.match(e.message, /^dir1: host key for dir1 \(198\.18\.0\.10:22\) has CHANGED/);
      assert.ok(e.message.includes(`offers ssh-ed25519 ${fingerprint(other.blob)}`), e.message);
      assert.ok(e.message.includes(`known_hosts has ssh-ed25519 ${fingerprint(known.blob)} (${file} line 2)`), e.message);
      assert.equal(
        e.hint,
        `if the host was reinstalled, verify the new key, then remove the old one with: ssh-keygen -R 198.18.0.10 -f ${file}`,
      );
    }
    assert.equal(await readFile(file, 'utf8'), before, 'nothing recorded');
  });

  it('quotes the [host]:port name in the ssh-keygen -R hint', async () => {
    const file = await knownHostsWith('changed-port', [`[198.18.0.10]:2222 ${known.publicLine}`]);
    const d = await checkHostKey(host(file, 2222), other.blob);
    assert.match((d as { error: HostError }).error.hint!, /ssh-keygen -R '\[198\.18\.0\.10\]:2222' -f /);
  });

  it('refuses a revoked key, even when it is also recorded', async () => {
    const file = await knownHostsWith('revoked', [`198.18.0.10 ${revoked.publicLine}`, `@revoked * ${revoked.publicLine}`]);
    const d = await checkHostKey(host(file), revoked.blob, { acceptNew: true });
    assert.equal(d.accept, false);
    assert.match((d as { error: HostError }).error.message, /is marked @revoked in .*: ecdsa-sha2-nistp256 SHA256:/);
  });

  it('says so when only a @cert-authority line covers the host', async () => {
    const file = await knownHostsWith('ca', [`@cert-authority 198.18.0.* ${known.publicLine}`]);
    const d = await checkHostKey(host(file), known.blob);
    assert.match((d as { error: HostError }).error.message, /unknown host key .* line 1 trusts a certificate authority/);
  });

  it('refuses when the known_hosts file cannot be read (a folder where the file should be)', async () => {
    const d = await checkHostKey(host(dir), known.blob, { acceptNew: true });
    assert.equal(d.accept, false);
    assert.equal((d as { error: HostError }).error.message, `dir1: known_hosts file ${dir} is a directory, not a regular file`);
  });

  it('refuses a known_hosts FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'known_hosts.fifo');
    await run('mkfifo', [fifo]);
    try {
      const d = await checkHostKey(host(fifo), known.blob, { acceptNew: true });
      assert.equal((d as { error: HostError }).error.message, `dir1: known_hosts file ${fifo} is a FIFO (named pipe), not a regular file`);
    } finally {
      await rm(fifo, { force: true });
    }
  });

  it('refuses every key while the file has a marker it does not know (a misspelt @revoked), naming file:line; records nothing', async () => {
    const lines = [`198.18.0.99 ${other.publicLine}`, `@revokd 198.18.0.10 ${known.publicLine}`];
    const file = await knownHostsWith('bad-marker', lines);
    for (const policy of [{}, { acceptNew: true }]) {
      const d = await checkHostKey(host(file), known.blob, policy);
      assert.equal(d.accept, false);
      const e = (d as { error: HostError }).error;
      assert.equal(e.message, `dir1: known_hosts ${file}:2: unknown marker "@revokd"; OpenSSH knows only @revoked and @cert-authority`);
      assert.equal(e.hint, 'fix the marker (e.g. @revoked) or remove the line; until then no key in that file is trusted or recorded');
    }
    assert.equal(await readFile(file, 'utf8'), `${lines.join('\n')}\n`, 'nothing recorded');
  });

  it('shows a marker with control characters escaped', async () => {
    const file = await knownHostsWith('ansi-marker', [`@\x1b[31mrevoked 198.18.0.10 ${known.publicLine}`]);
    const d = await checkHostKey(host(file), known.blob);
    assert.equal(
      (d as { error: HostError }).error.message,
      `dir1: known_hosts ${file}:1: unknown marker "@\\x1b[31mrevoked"; OpenSSH knows only @revoked and @cert-authority`,
    );
  });

  it('gives ssh2 a (key, done) verifier that remembers why it refused', async () => {
    const file = await knownHostsWith('callback', [`198.18.0.10 ${known.publicLine}`]);
    const verifier = createHostVerifier(host(file));
    const answer = (key: Buffer) => new Promise<boolean>((resolve) => verifier.verify(key, resolve));
    assert.equal(await answer(known.blob), true);
    assert.equal(verifier.accepted?.fingerprint, fingerprint(known.blob));
    assert.equal(verifier.rejection, null);
    assert.equal(await answer(other.blob), false);
    assert.match(verifier.rejection!.message, /has CHANGED/);
  });

  describe("with read-only known_hosts files after the user's (GlobalKnownHostsFile, UserKnownHostsFile's others)", () => {
    const withOthers = (file: string, others: string[]): Host => ({ ...host(file), ssh: { ...host(file).ssh, otherKnownHosts: others } });

    it('accepts a key recorded only in a read-only file, and records nothing', async () => {
      const mine = join(dir, 'empty-user-file');
      const global = await knownHostsWith('global-match', [`198.18.0.10 ${known.publicLine}`]);
      const d = await checkHostKey(withOthers(mine, [join(dir, 'absent'), global]), known.blob, { acceptNew: true });
      assert.equal(d.accept && d.recorded, false);
      assert.ok(d.accept);
      await assert.rejects(readFile(mine), /ENOENT/, "nothing was written to the user's file");
    });

    it('refuses a key that differs from one a read-only file records, naming that file and line', async () => {
      const mine = await knownHostsWith('user-other-host', [`198.18.0.99 ${known.publicLine}`]);
      const global = await knownHostsWith('global-changed', ['# site keys', `198.18.0.10 ${known.publicLine}`]);
      const d = await checkHostKey(withOthers(mine, [global]), other.blob, { acceptNew: true });
      assert.ok(!d.accept);
      assert.match(d.error.message, /CHANGED/);
      assert.ok(d.error.message.includes(`${global} line 2`), d.error.message);
      assert.ok(d.error.hint?.includes(`-f ${global}`), d.error.hint);
    });

    it('refuses a key a read-only file revokes, and a read-only file with a marker it does not know', async () => {
      const mine = await knownHostsWith('user-has-it', [`198.18.0.10 ${revoked.publicLine}`]);
      const global = await knownHostsWith('global-revoked', [`@revoked * ${revoked.publicLine}`]);
      const d = await checkHostKey(withOthers(mine, [global]), revoked.blob);
      assert.ok(!d.accept && /@revoked/.test(d.error.message));
      const broken = await knownHostsWith('global-broken', [`@revokd * ${revoked.publicLine}`]);
      const b = await checkHostKey(withOthers(mine, [broken]), revoked.blob);
      assert.ok(!b.accept && b.error.message.includes(`${broken}:1`), !b.accept ? b.error.message : '');
    });
  });
});
