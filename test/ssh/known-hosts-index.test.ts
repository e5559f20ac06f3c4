// The indexed lookup (lib/ssh/known-hosts-index.ts) must give exactly what
// the scan of every line gives (matchingEntries, lookupHostKey, knownKeyTypes
// in lib/ssh/known-hosts.ts): the same lines in the same order, the same
// decision, notes and known keys, for every name and port.

import { strict as assert } from 'node:assert';
import {
  formatKnownHostLine,
  type KnownHostEntry,
  knownKeyTypes,
  lookupHostKey,
  matchingEntries,
  parseKnownHosts,
} from '../../lib/ssh/known-hosts.js';
import { findHostEntries, indexKnownHosts, isPlainPattern, knownKeyTypesIn, lookupHostKeyIn } from '../../lib/ssh/known-hosts-index.js';

/** A well-formed public key blob of a type: what parseKnownHosts checks (type inside the blob). */
function blob(type: string, n: number): Buffer {
  const name = Buffer.from(type, 'latin1');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(name.length);
  const body = Buffer.alloc(32);
  body.writeUInt32BE(n);
  return Buffer.concat([head, name, body]);
}

const TYPES = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa'];
const KEYS = Array.from({ length: 8 }, (_, i) => ({ type: TYPES[i % TYPES.length]!, blob: blob(TYPES[i % TYPES.length]!, i) }));
const key = (i: number) => `${KEYS[i]!.type} ${KEYS[i]!.blob.toString('base64')}`;

/** The known_hosts lines of one file, tagged with the file as known-hosts-files.ts does. */
function load(file: string, lines: string[]): KnownHostEntry[] {
  const known = parseKnownHosts(`${lines.join('\n')}\n`);
  return known.entries.map((e) => ({ ...e, file }));
}

const userFile = [
  '# plain names, several per line, mixed case',
  `web1,198.18.0.10 ${key(0)}`,
  `WEB2,Web3 ${key(1)}`,
  `web2 ${key(2)}`,
  `[198.18.0.11]:2222 ${key(1)}`,
  `198.18.0.11 ${key(0)}`,
  `[WEB1]:2200,web4 ${key(3)}`,
  `web1,WEB1,web1 ${key(4)}`, // the same name thrice on one line: the line once
  '# wildcards and negations',
  `*.lab,!bad.lab ${key(1)}`,
  `198.18.1.? ${key(2)}`,
  `[198.18.0.12]:* ${key(0)}`,
  `!web1,web1 ${key(5)}`, // a veto on a plain name: never web1
  `web5,!WEB5 ${key(5)}`,
  `!nothing ${key(6)}`, // only negative: matches nothing
  `Web?.LAB ${key(3)}`,
  '# markers',
  `@revoked web1 ${key(6)}`,
  `@revoked * ${key(7)}`,
  `@cert-authority *.lab ${key(0)}`,
  `@cert-authority web2 ${key(1)}`,
  '# hashed (lower-cased before hashing, as ssh does)',
  formatKnownHostLine('web1', 22, KEYS[2]!.type, KEYS[2]!.blob, { hash: true }).trim(),
  formatKnownHostLine('198.18.0.11', 2222, KEYS[3]!.type, KEYS[3]!.blob, { hash: true }).trim(),
  formatKnownHostLine('hashed.lab', 22, KEYS[4]!.type, KEYS[4]!.blob, { hash: true }).trim(),
  `web2 ${key(5)}`,
  `dbl.lab ${key(6)}`,
];
const globalFile = [
  `web1 ${key(7)}`,
  `@revoked web2 ${key(2)}`,
  `*.LAB ${key(5)}`,
  formatKnownHostLine('web3', 22, KEYS[0]!.type, KEYS[0]!.blob, { hash: true }).trim(),
  `web3,WEB6 ${key(3)}`,
];

const NAMES = [
  'web1',
  'WEB1',
  'Web1',
  'web2',
  'web3',
  'web4',
  'web5',
  'web6',
  'WEB6',
  'web7',
  '198.18.0.10',
  '198.18.0.11',
  '198.18.0.12',
  '198.18.1.7',
  '198.18.1.17',
  'x.lab',
  'bad.lab',
  'BAD.lab',
  'web1.lab',
  'Web9.lab',
  'hashed.lab',
  'HASHED.LAB',
  'dbl.lab',
  'nothing',
  'lab',
  '',
];
const PORTS = [22, 2222, 2200, 1];

describe('known_hosts index', () => {
  it('takes as plain only the patterns that match their own name and nothing else', () => {
    for (const p of ['web1', 'WEB1', '198.18.0.10', '[198.18.0.11]:2222', 'a.b-c_d']) assert.equal(isPlainPattern(p), true, p);
    for (const p of ['*.lab', 'web?', '!web1', '[198.18.0.12]:*', '*']) assert.equal(isPlainPattern(p), false, p);
  });

  it('finds the same lines, in the same order, as the scan of every line, one file or two', () => {
    const user = load('/u/known_hosts', userFile);
    const global = load('/etc/ssh/ssh_known_hosts', globalFile);
    const cases: [string, KnownHostEntry[][]][] = [
      ['user', [user]],
      ['global', [global]],
      ['user then global', [user, global]],
      ['global then user', [global, user]],
    ];
    let found = 0;
    for (const [what, files] of cases) {
      const indexes = files.map((f) => indexKnownHosts(f));
      const all = files.flat();
      for (const name of NAMES) {
        for (const port of PORTS) {
          const where = `${what}: ${name}:${port}`;
          const linear = matchingEntries(all, name, port);
          const indexed = findHostEntries(indexes, name, port);
          assert.equal(indexed.length, linear.length, where);
          for (const [i, e] of indexed.entries()) assert.equal(e, linear[i], `${where} #${i}`); // the very same line objects
          found += linear.length;
          assert.deepEqual(knownKeyTypesIn(indexes, name, port), knownKeyTypes(all, name, port), where);
          for (const k of [...KEYS, { blob: blob('ssh-ed25519', 99) }]) {
            assert.deepEqual(lookupHostKeyIn(indexes, name, port, k.blob), lookupHostKey(all, name, port, k.blob), where);
          }
        }
      }
    }
    assert.ok(found > 100, `the queries find lines (${found})`);
  });

  it('covers every decision: match, changed, unknown, revoked, with notes', () => {
    const indexes = [indexKnownHosts(load('/u/known_hosts', userFile))];
    const status = (name: string, port: number, k: number) => lookupHostKeyIn(indexes, name, port, KEYS[k]!.blob).status;
    assert.equal(status('WEB2', 22, 1), 'match');
    assert.equal(status('web1', 22, 3), 'changed');
    assert.equal(status('web1', 22, 6), 'revoked');
    assert.equal(status('nothing', 22, 6), 'unknown');
    assert.ok(lookupHostKeyIn(indexes, 'web2', 22, KEYS[1]!.blob).notes?.length);
  });

  it('agrees with the scan on random files and names (seeded)', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const hosts = ['a', 'B', 'ab', 'a.b', 'A.B', '198.18.0.1', '198.18.0.10'];
    const nameOf = () => {
      const h = hosts[random(hosts.length)]!;
      const port = [22, 22, 2222, 2200][random(4)]!;
      return { h, port };
    };
    const pattern = () => {
      const { h, port } = nameOf();
      const name = port === 22 ? h : `[${h}]:${port}`;
      switch (random(8)) {
        case 0:
          return `!${name}`;
        case 1:
          return name.replace(/.$/, '?');
        case 2:
          return `${name.slice(0, 1)}*`;
        default:
          return name;
      }
    };
    const line = () => {
      const k = random(KEYS.length);
      const r = random(12);
      if (r === 0) {
        const { h, port } = nameOf();
        return formatKnownHostLine(h, port, KEYS[k]!.type, KEYS[k]!.blob, { hash: true }).trim();
      }
      const marker = r === 1 ? '@revoked ' : r === 2 ? '@cert-authority ' : '';
      const patterns = Array.from({ length: 1 + random(3) }, pattern).join(',');
      return `${marker}${patterns} ${key(k)}`;
    };
    for (let round = 0; round < 50; round++) {
      const files = Array.from({ length: 1 + random(3) }, (_, f) => load(`/f${f}`, Array.from({ length: random(40) }, line)));
      const indexes = files.map((f) => indexKnownHosts(f));
      const all = files.flat();
      for (const h of [...hosts, 'c', 'A']) {
        for (const port of [22, 2222, 2200]) {
          assert.deepEqual(findHostEntries(indexes, h, port), matchingEntries(all, h, port), `round ${round}: ${h}:${port}`);
          const k = KEYS[random(KEYS.length)]!.blob;
          assert.deepEqual(lookupHostKeyIn(indexes, h, port, k), lookupHostKey(all, h, port, k), `round ${round}: ${h}:${port}`);
        }
      }
    }
  });
});
