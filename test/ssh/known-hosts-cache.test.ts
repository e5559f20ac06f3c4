// known_hosts files are parsed once per process while they stay the same
// (lib/ssh/known-hosts-files.ts), and read again as soon as they change:
// appended to, replaced, created. Real files in a temporary folder.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../lib/inventory/types.js';
import { checkHostKey } from '../../lib/ssh/host-verifier.js';
import { appendKnownHost } from '../../lib/ssh/known-hosts.js';
import { loadKnownHostsFiles, loadReadableKnownHosts } from '../../lib/ssh/known-hosts-files.js';
import { knownKeyTypesIn } from '../../lib/ssh/known-hosts-index.js';

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIGx0Zk8fPzvJ6nN0mC3bJ5b7J9p2q1r8s4t6u0v2w4y6';
const keyBlob = Buffer.from(KEY_A, 'base64');
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIBBBBk8fPzvJ6nN0mC3bJ5b7J9p2q1r8s4t6u0v2w4y6';

describe('known_hosts files: parsed once while unchanged', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-kh-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const names = async (file: string) => (await loadKnownHostsFiles([file]))[0]!.known.entries.map((e) => JSON.stringify(e.hosts));

  it('gives the same parse to every host while the file stays the same', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `198.18.0.10 ssh-ed25519 ${KEY_A}\n`);
    const [a] = await loadKnownHostsFiles([file]);
    const [b] = await loadKnownHostsFiles([file]);
    assert.equal(a!.known, b!.known, 'one parse, shared');
    assert.equal(a!.known.entries[0]!.file, file);
  });

  it('reads the file again after a key is appended, after it is replaced, and once a missing file appears', async () => {
    const file = join(dir, 'known_hosts');
    assert.deepEqual(await names(file), [], 'missing: empty');
    writeFileSync(file, `198.18.0.10 ssh-ed25519 ${KEY_A}\n`);
    assert.equal((await names(file)).length, 1, 'created');
    await appendKnownHost(file, '198.18.0.20', 22, 'ssh-ed25519', keyBlob);
    assert.equal((await names(file)).length, 2, 'appended');
    const next = join(dir, 'next');
    writeFileSync(next, `198.18.0.30 ssh-ed25519 ${KEY_A}\n`);
    renameSync(next, file);
    const after = await names(file);
    assert.equal(after.length, 1, 'replaced');
    assert.match(after[0]!, /198\.18\.0\.30/);
  });

  it('never keeps a file that cannot be read: the error comes again, naming the file', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `198.18.0.10 ssh-ed25519 ${KEY_A}\n`);
    await loadKnownHostsFiles([file]);
    rmSync(file);
    mkdirSync(file); // a folder where the file was: not a regular file
    for (let i = 0; i < 2; i++) {
      await assert.rejects(loadKnownHostsFiles([file]), (e: Error & { file?: string }) => e.file === file);
    }
  });
  it('shares one read between the hosts that look up at once', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `198.18.0.10 ssh-ed25519 ${KEY_A}\n`);
    const loads = await Promise.all(Array.from({ length: 50 }, () => loadKnownHostsFiles([file])));
    for (const [l] of loads) assert.equal(l!.known, loads[0]![0]!.known, 'one parse for all 50');
    const indexes = await Promise.all(Array.from({ length: 10 }, () => loadReadableKnownHosts([file])));
    for (const [i] of indexes) assert.equal(i, loads[0]![0]!.index, 'the key types come from the same index');
  });

  it('reads a file rewritten in place at the same size and mtime (its ctime moved)', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `198.18.0.10 ssh-ed25519 ${KEY_A}\n`);
    const then = new Date('2026-01-01T00:00:00Z'); // whole seconds: utimes sets them exactly
    utimesSync(file, then, then);
    const { ino, mtimeMs } = statSync(file);
    assert.match((await names(file))[0]!, /198\.18\.0\.10/);
    writeFileSync(file, `198.18.0.11 ssh-ed25519 ${KEY_A}\n`); // same length, same inode
    utimesSync(file, then, then);
    assert.equal(statSync(file).mtimeMs, mtimeMs);
    assert.equal(statSync(file).ino, ino);
    assert.match((await names(file))[0]!, /198\.18\.0\.11/);
  });

  it('refuses a FIFO each time without waiting for a writer, naming the file', async () => {
    const file = join(dir, 'known_hosts');
    execFileSync('mkfifo', [file]);
    for (let i = 0; i < 2; i++) {
      await assert.rejects(loadKnownHostsFiles([file]), (e: Error & { file?: string }) => e.file === file && /FIFO/.test(e.message));
    }
    assert.deepEqual(
      await loadReadableKnownHosts([file, join(dir, 'missing')]),
      [(await loadKnownHostsFiles([join(dir, 'missing')]))[0]!.index],
      'the key types skip it (the verifier says why)',
    );
  });

  it('with --accept-new-host-keys, a second new host of the run sees the first one recorded', async () => {
    const file = join(dir, 'ssh', 'known_hosts'); // missing, in a missing folder
    const host = (name: string, address: string): Host => ({
      name,
      address,
      groups: ['servers'],
      ssh: { user: 'root', port: 22, knownHosts: file, otherKnownHosts: [] },
    });
    const [a, b] = [host('a', '198.18.0.20'), host('b', '198.18.0.21')];
    const keyB = Buffer.from(KEY_B, 'base64');
    assert.deepEqual(await names(file), []);
    const first = await checkHostKey(a, keyBlob, { acceptNew: true });
    assert.equal(first.accept && first.recorded, true);
    const second = await checkHostKey(b, keyB, { acceptNew: true });
    assert.equal(second.accept && second.recorded, true);
    assert.equal(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 2, 'each recorded once');
    const again = await checkHostKey(a, keyBlob, { acceptNew: true });
    assert.deepEqual([again.accept, again.accept && again.recorded], [true, false], 'a is known now');
    const changed = await checkHostKey(a, keyB, { acceptNew: true });
    assert.equal(changed.accept, false, "b's key offered by a is a changed key, never recorded");
    assert.deepEqual(knownKeyTypesIn(await loadReadableKnownHosts([file]), '198.18.0.21', 22), ['ssh-ed25519']);
  });
});
