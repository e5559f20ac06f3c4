// known_hosts files are parsed once per process while they stay the same
// (lib/ssh/known-hosts-files.ts), and read again as soon as they change:
// appended to, replaced, created. Real files in a temporary folder.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendKnownHost } from '../../lib/ssh/known-hosts.js';
import { loadKnownHostsFiles } from '../../lib/ssh/known-hosts-files.js';

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIGx0Zk8fPzvJ6nN0mC3bJ5b7J9p2q1r8s4t6u0v2w4y6';
const keyBlob = Buffer.from(KEY_A, 'base64');

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
});
