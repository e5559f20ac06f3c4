import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  appendKnownHost,
  fingerprint,
  formatKnownHostLine,
  knownHostsName,
  knownKeyTypes,
  loadKnownHosts,
  lookupHostKey,
  matchingEntries,
  matchPattern,
  parseKnownHosts,
} from '../../lib/ssh/known-hosts.js';
import { generateKey, type TestKey } from '../support/keys.js';

const run = promisify(execFile);

/** The oracle: the line numbers `ssh-keygen -F NAME -f FILE` reports. */
async function keygenFind(file: string, name: string): Promise<number[]> {
  const { stdout } = await run('ssh-keygen', ['-F', name, '-f', file]).catch((e: { code: number; stdout: string }) => {
    if (e.code === 1) return { stdout: e.stdout }; // not found
    throw e;
  });
  return [...stdout.matchAll(/^# Host .* found: line (\d+)/gm)].map((m) => Number(m[1]));
}

describe('known_hosts', () => {
  let dir: string;
  let a: TestKey, b: TestKey, c: TestKey, rsa: TestKey;
  let plainFile: string, hashedFile: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lvsp-known-hosts-'));
    [a, b, c, rsa] = await Promise.all([
      generateKey(dir, 'a', 'ed25519'),
      generateKey(dir, 'b', 'ecdsa'),
      generateKey(dir, 'c', 'ed25519'),
      generateKey(dir, 'rsa', 'rsa'),
    ]);
    const text = `${[
      '# a comment, then a blank line',
      '',
      `web1,198.18.0.10 ${a.publicLine} root@web1`,
      `[198.18.0.11]:2222 ${b.publicLine}`,
      `   198.18.0.11 ${a.publicLine}`,
      `*.lab,!bad.lab ${b.publicLine}`,
      `@revoked * ${c.publicLine}`,
      `@cert-authority *.example ${a.publicLine}`,
      `198.18.1.? ${b.publicLine}`,
      `Director1 ${rsa.publicLine}`,
      `director1 ${a.publicLine}`,
      `[198.18.0.12]:* ${a.publicLine}`,
      `@bogus web9 ${a.publicLine}`,
      'web9 ssh-ed25519 not*base64',
      `web9 ssh-rsa ${a.publicLine.split(' ')[1]}`,
      'web9 1024 35 12345',
      `|1|c2FsdA==|aGFzaA== ${a.publicLine}`,
      `dbl.lab ${c.publicLine}`,
    ].join('\n')}\n`;
    plainFile = join(dir, 'known_hosts');
    hashedFile = join(dir, 'known_hosts.hashed');
    await writeFile(plainFile, text);
    // ssh-keygen -H refuses a file with invalid lines: hash the valid ones
    const valid = text
      .split('\n')
      .filter((l) => !/web9|\|1\|c2Fsd/.test(l))
      .join('\n');
    await writeFile(hashedFile, valid);
    await run('ssh-keygen', ['-H', '-f', hashedFile]); // hashes every plain name, in place
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // names as OpenSSH looks them up (ssh lowercases the host before it hashes).
  // Not web9: ssh-keygen -F lists lines without parsing their keys, while ssh
  // itself (and we) skip lines whose key does not parse; see the next tests.
  const QUERIES: [string, number][] = [
    ['web1', 22],
    ['198.18.0.10', 22],
    ['198.18.0.11', 22],
    ['198.18.0.11', 2222],
    ['198.18.0.11', 2200],
    ['x.lab', 22],
    ['bad.lab', 22],
    ['a.b.lab', 22],
    ['lab', 22],
    ['198.18.1.7', 22],
    ['198.18.1.17', 22],
    ['director1', 22],
    ['198.18.0.12', 2222],
    ['198.18.0.12', 22],
    ['foo.example', 22],
    ['nowhere', 22],
    ['dbl.lab', 22],
  ];

  for (const which of ['plain', 'hashed by ssh-keygen -H'] as const) {
    it(`finds the same lines as ssh-keygen -F in a ${which} file`, async () => {
      const file = which === 'plain' ? plainFile : hashedFile;
      const { entries } = await loadKnownHosts(file);
      for (const [host, port] of QUERIES) {
        const name = knownHostsName(host, port);
        const ours = matchingEntries(entries, host, port).map((e) => e.line);
        assert.deepEqual(ours, await keygenFind(file, name), `lookup of ${name}`);
      }
    });
  }

  it('matches names case-insensitively against patterns, as ssh-keygen -F does', async () => {
    const { entries } = await loadKnownHosts(plainFile);
    for (const name of ['WEB1', 'X.Lab', 'DIRECTOR1'])
      assert.deepEqual(
        matchingEntries(entries, name, 22).map((e) => e.line),
        await keygenFind(plainFile, name),
        name,
      );
  });

  it('reports every line it skipped, and why; an unknown marker is an error, not a skipped line', () => {
    const { problems, errors } = parseKnownHosts(readFileSync(plainFile, 'utf8'));
    assert.deepEqual(errors, [{ line: 13, message: 'unknown marker "@bogus"; OpenSSH knows only @revoked and @cert-authority' }]);
    assert.deepEqual(problems, [
      'line 14: key is not base64',
      'line 15: key type ssh-rsa does not match the key (ssh-ed25519)',
      'line 16: SSH protocol 1 key, not supported',
      'line 17: hashed host has the wrong salt or hash length',
    ]);
  });

  it('never matches a skipped line', async () => {
    const { entries } = await loadKnownHosts(plainFile);
    assert.deepEqual(
      matchingEntries(entries, 'web9', 22).map((e) => e.line),
      [7],
      'only the @revoked * line',
    );
    assert.equal(lookupHostKey(entries, 'web9', 22, a.blob).status, 'unknown');
  });

  describe('lookupHostKey', () => {
    for (const which of ['plain', 'hashed'] as const) {
      it(`decides match / unknown / changed / revoked (${which})`, async () => {
        const { entries } = await loadKnownHosts(which === 'plain' ? plainFile : hashedFile);
        assert.deepEqual(lookupHostKey(entries, 'web1', 22, a.blob), { status: 'match' });
        assert.deepEqual(lookupHostKey(entries, '198.18.0.11', 2222, b.blob), { status: 'match' }, '[host]:port entry');
        assert.deepEqual(lookupHostKey(entries, '198.18.0.11', 22, a.blob), { status: 'match' });
        assert.equal(lookupHostKey(entries, '198.18.0.11', 2200, a.blob).status, 'unknown', 'port 22 entry does not cover 2200');
        assert.equal(lookupHostKey(entries, 'nowhere', 22, a.blob).status, 'unknown');

        const changed = lookupHostKey(entries, 'web1', 22, b.blob);
        assert.equal(changed.status, 'changed');
        assert.deepEqual(changed.known, [fingerprint(a.blob)]);

        // both keys recorded for director1 (two lines, two types): either matches
        assert.equal(lookupHostKey(entries, 'director1', 22, rsa.blob).status, 'match');
        assert.equal(lookupHostKey(entries, 'director1', 22, a.blob).status, 'match');
        assert.deepEqual(
          lookupHostKey(entries, 'director1', 22, b.blob).known?.sort(),
          [fingerprint(rsa.blob), fingerprint(a.blob)].sort(),
        );

        // a revoked key is refused even where the same key is also recorded
        assert.equal(lookupHostKey(entries, 'dbl.lab', 22, c.blob).status, 'revoked');
        assert.equal(lookupHostKey(entries, 'web1', 22, c.blob).status, 'revoked');
      });
    }

    it('honours wildcards and negation', async () => {
      const { entries } = await loadKnownHosts(plainFile);
      assert.equal(lookupHostKey(entries, 'x.lab', 22, b.blob).status, 'match');
      assert.equal(lookupHostKey(entries, 'bad.lab', 22, b.blob).status, 'unknown', '!bad.lab vetoes *.lab');
      assert.equal(lookupHostKey(entries, '198.18.1.7', 22, b.blob).status, 'match');
      assert.equal(lookupHostKey(entries, '198.18.1.17', 22, b.blob).status, 'unknown', '? is exactly one character');
      assert.equal(lookupHostKey(entries, '198.18.0.12', 2222, a.blob).status, 'match', '[host]:* covers every port');
    });

    it('ignores @cert-authority lines, with a note', async () => {
      const { entries } = await loadKnownHosts(plainFile);
      const r = lookupHostKey(entries, 'foo.example', 22, a.blob);
      assert.equal(r.status, 'unknown');
      assert.match(r.notes?.[0] ?? '', /line 8 trusts a certificate authority.*ignores it/);
    });

    it('lists the recorded key types, so the transport can ask for them first', async () => {
      const { entries } = await loadKnownHosts(plainFile);
      assert.deepEqual(knownKeyTypes(entries, 'director1', 22), ['ssh-rsa', 'ssh-ed25519']);
      assert.deepEqual(knownKeyTypes(entries, 'foo.example', 22), []);
    });
  });

  it('fingerprints keys exactly as ssh-keygen -l does', async () => {
    for (const k of [a, b, rsa]) {
      const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', k.publicFile]);
      assert.equal(fingerprint(k.blob), stdout.split(' ')[1]);
    }
  });

  it('matches patterns literally except * and ?', () => {
    assert.equal(matchPattern('198x18x0x1', '198.18.0.1'), false);
    assert.equal(matchPattern('a+b', 'a+b'), true);
    assert.equal(matchPattern('host', 'host*'), true);
    assert.equal(matchPattern('[h]:2222', '[h]:2222'), true);
  });

  describe('appendKnownHost', () => {
    it('writes plain and hashed lines that ssh-keygen -F finds', async () => {
      const file = join(dir, 'sub', 'known_hosts.new');
      await appendKnownHost(file, '198.18.3.4', 22, a.type, a.blob);
      await appendKnownHost(file, '198.18.3.4', 2022, b.type, b.blob, { hash: true });
      assert.deepEqual(await keygenFind(file, '198.18.3.4'), [1]);
      assert.deepEqual(await keygenFind(file, '[198.18.3.4]:2022'), [2]);
      const text = await readFile(file, 'utf8');
      assert.match(text.split('\n')[1]!, /^\|1\|[^ ]+ ecdsa-sha2-nistp256 /);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.equal((await stat(join(dir, 'sub'))).mode & 0o777, 0o700);
      const { entries, problems } = parseKnownHosts(text);
      assert.deepEqual(problems, []);
      assert.equal(lookupHostKey(entries, '198.18.3.4', 2022, b.blob).status, 'match');
    });

    it('starts on a new line when the file does not end with one, and never interleaves', async () => {
      const file = join(dir, 'no-newline');
      await writeFile(file, `web1 ${a.publicLine}`);
      await Promise.all(Array.from({ length: 20 }, (_, i) => appendKnownHost(file, `198.18.4.${i}`, 22, c.type, c.blob)));
      const { entries, problems } = parseKnownHosts(await readFile(file, 'utf8'));
      assert.deepEqual(problems, []);
      assert.equal(entries.length, 21);
      for (let i = 0; i < 20; i++) assert.equal(lookupHostKey(entries, `198.18.4.${i}`, 22, c.blob).status, 'match');
    });

    it('formats IPv6 off port 22 in brackets', () => {
      assert.match(formatKnownHostLine('fd00::1', 2222, a.type, a.blob), /^\[fd00::1\]:2222 ssh-ed25519 /);
      assert.match(formatKnownHostLine('fd00::1', 22, a.type, a.blob), /^fd00::1 ssh-ed25519 /);
    });
  });
});
