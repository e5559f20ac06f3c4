// Hostile inventories (issue 12, item 6): every one is refused with a clear
// error and never crashes, hangs or prints what it holds raw. Real files,
// FIFOs and devices; nothing under test is mocked.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryError, UserError } from '../../lib/errors.js';
import { jsonErrorOffset, scanJson } from '../../lib/inventory/json-position.js';
import { loadInventory, parseJson } from '../../lib/inventory/load.js';
import { selectHosts } from '../../lib/inventory/select.js';
import { formatProblems, validateInventory } from '../../lib/inventory/validate.js';
import { hostPackages } from '../../lib/tasks/packages.js';
import { example, exampleFile } from './fixtures.js';

/** A UserError with exactly this message (and hint, when given). */
function userError(message: string, hint?: string) {
  return (e: unknown) => {
    assert.ok(e instanceof UserError, `not a UserError: ${(e as Error)?.stack}`);
    assert.equal(e.message, message);
    if (hint !== undefined) assert.equal(e.hint, hint);
    return true;
  };
}

/** example.json's text with time.servers replaced by `servers` (raw JSON). */
function exampleWithServers(servers: string): string {
  return JSON.stringify(example(), null, 2).replace(/"servers": \[[^\]]*\]/, `"servers": ${servers}`);
}

describe('hostile inventories: JSON text', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('deep nesting with a syntax error: "nested deeper than 64 levels" at its place, no RangeError', () => {
    assert.throws(
      () => parseJson(`${'['.repeat(200_000)}1,,`, 'deep.json'),
      userError(
        'inventory deep.json is nested deeper than 64 levels at line 1, column 65',
        'an inventory needs about 8 levels: is this the right file?',
      ),
    );
    assert.throws(
      () => parseJson('{"a":'.repeat(100_000), 'deep.json'),
      userError('inventory deep.json is nested deeper than 64 levels at line 1, column 321'),
    );
  });

  it("a deep object under time.servers (twice, which made ajv's uniqueItems overflow): refused before validation", async () => {
    const deep = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const file = write('deep-servers.json', exampleWithServers(`[${deep}, ${deep}]`));
    await assert.rejects(loadInventory(file), userError(`inventory ${file} is nested deeper than 64 levels at line 120, column 322`));
  });

  it('64 levels are read, 65 are refused', () => {
    assert.deepEqual(scanJson('['.repeat(64) + ']'.repeat(64)).error, null);
    assert.deepEqual(scanJson('['.repeat(65) + ']'.repeat(65)).error, {
      offset: 64,
      reason: 'nested deeper than 64 levels',
      tooDeep: true,
    });
  });

  it('the scanner itself keeps no stack: 100,000 levels without a depth cap', () => {
    assert.equal(jsonErrorOffset('['.repeat(100_000) + ']'.repeat(100_000)), null);
    assert.equal(jsonErrorOffset(`${'['.repeat(100_000)},`), 100_000);
  });

  it('a syntax error names what it found, escaped, never a slice of the input', () => {
    assert.throws(
      () => parseJson('{"name": "\\u001b[31mred" ,, }', 'x.json'),
      userError('inventory x.json is not valid JSON at line 1, column 27: expected a key in double quotes, found ","'),
    );
    assert.throws(
      () => parseJson('{"a": 1}\x1b[2J', 'x.json'),
      userError('inventory x.json is not valid JSON at line 1, column 9: unexpected "\\x1b" after the end of the JSON document'),
    );
    assert.throws(
      () => parseJson('{"a": "x\ny"}', 'x.json'),
      userError(
        'inventory x.json is not valid JSON at line 1, column 9: a control character ("\\n") inside a string; write it as an escape such as \\n',
      ),
    );
  });

  it('a key given twice in one object: one problem per repeat, at its JSON pointer, with both lines', async () => {
    const text = [
      '{',
      '  "name": "seed",',
      '  "vips": [',
      '    { "address": "192.0.2.1",',
      '      "address": "192.0.2.2", "a\\u0064dress": "192.0.2.3" }',
      '  ],',
      '  "name": "other"',
      '}',
    ].join('\n');
    const file = write('dup.json', text);
    await assert.rejects(loadInventory(file), (e: unknown) => {
      assert.ok(e instanceof InventoryError);
      assert.deepEqual(e.problems, [
        { path: '/vips/0/address', message: 'duplicate key "address" (line 5; first on line 4); keep one' },
        { path: '/vips/0/address', message: 'duplicate key "address" (line 5; first on line 4); keep one' },
        { path: '/name', message: 'duplicate key "name" (line 7; first on line 2); keep one' },
      ]);
      assert.equal(e.message.split('\n')[0], `${file}: 3 problems`);
      return true;
    });
    assert.throws(
      () => parseJson('{"a": {"b": 1, "b": 2}}', 'y.json'),
      (e: InventoryError) => {
        assert.equal(formatProblems(e.problems), '/a/b: duplicate key "b" (line 1); keep one');
        return true;
      },
    );
  });

  it('the JSON pointer of a repeated key escapes "/" and "~", and its quoted name escapes control characters', () => {
    const scan = scanJson('{"x/y~": {"k\\u001b": 1, "k\\u001b": 2}}');
    assert.deepEqual(
      scan.duplicates.map((d) => d.path),
      ['/x~1y~0/k\x1b'],
    );
    assert.throws(
      () => parseJson('{"k\\u001b": 1, "k\\u001b": 2}', 'z.json'),
      (e: InventoryError) => {
        assert.equal(e.message, 'z.json: 1 problem\n/k\\x1b: duplicate key "k\\x1b" (line 1); keep one');
        return true;
      },
    );
  });
});

describe('hostile inventories: files', function () {
  this.timeout(10_000); // a FIFO read would block forever: the timeout is the failure
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-hostile-files-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO as the inventory is refused at once (open is non-blocking, then fstat)', async () => {
    const fifo = join(dir, 'inventory.json');
    execFileSync('mkfifo', [fifo]);
    try {
      await assert.rejects(
        loadInventory(fifo),
        userError(
          `inventory ${fifo} is a FIFO (named pipe), not a regular file`,
          'give the path of an inventory JSON file (a regular file), e.g. inventory/example.json',
        ),
      );
    } finally {
      rmSync(fifo, { force: true });
    }
  });

  it('a directory, a character device and a file over 1 MiB are refused, saying what they are', async () => {
    await assert.rejects(loadInventory(dir), userError(`inventory ${dir} is a directory, not a regular file`));
    await assert.rejects(loadInventory('/dev/zero'), userError('inventory /dev/zero is a character device, not a regular file'));
    const big = join(dir, 'big.json');
    writeFileSync(big, ' '.repeat(1024 * 1024 + 1));
    await assert.rejects(
      loadInventory(big),
      userError(
        `inventory ${big} is larger than 1 MiB (1 MiB); an inventory is a few KiB`,
        'give the inventory JSON file itself (at most 1 MiB)',
      ),
    );
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, ' '.repeat(3 * 1024 * 1024));
    await assert.rejects(loadInventory(huge), userError(`inventory ${huge} is larger than 1 MiB (3 MiB); an inventory is a few KiB`));
  });

  it('a FIFO, a directory or a file over 4 KiB as passwordFile is a problem at its path, at once', async () => {
    const inv = example();
    const fifo = join(dir, 'vrrp.fifo');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, string][] = [
      [
        fifo,
        `password file ${fifo} is a FIFO (named pipe), not a regular file; create it with the VRRP password on one line, or use password or passwordEnv`,
      ],
      [
        dir,
        `password file ${dir} is a directory, not a regular file; create it with the VRRP password on one line, or use password or passwordEnv`,
      ],
      [
        join(dir, 'long-pass'),
        `password file ${join(dir, 'long-pass')} is larger than 4 KiB (4.9 KiB); create it (at most 4 KiB) with the VRRP password on one line, or use password or passwordEnv`,
      ],
    ];
    writeFileSync(join(dir, 'long-pass'), 'x'.repeat(5000));
    try {
      for (const [path, message] of cases) {
        inv.vrrp.authentication = { type: 'PASS', passwordFile: path };
        const file = join(dir, 'pw.json');
        writeFileSync(file, JSON.stringify(inv));
        await assert.rejects(loadInventory(file), (e: InventoryError) => {
          assert.ok(e instanceof InventoryError);
          assert.deepEqual(e.problems, [{ path: '/vrrp/authentication/passwordFile', message }]);
          return true;
        });
      }
    } finally {
      rmSync(fifo, { force: true });
    }
  });
});

describe('hostile inventories: names and addresses', () => {
  let cluster: Awaited<ReturnType<typeof loadInventory>>['cluster'];
  before(async () => {
    ({ cluster } = await loadInventory(exampleFile));
  });

  it('--limit constructor, __proto__, toString, hasOwnProperty: unknown names like any other', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.throws(
        () => selectHosts(cluster, name),
        userError(
          `--limit: "${name}" is neither a host nor a group of cluster seed`,
          'hosts: lvs-dr, lvs-dr2, lvs01, lvs02; groups: directors, realservers',
        ),
      );
    }
  });

  it('--limit that names nothing ("", ",", " , ") is an error, not an empty selection', () => {
    for (const limit of ['', ',', ' , ', ',,,']) {
      assert.throws(
        () => selectHosts(cluster, limit),
        userError(
          `--limit "${limit}" names no host or group`,
          'give host or group names separated by commas, e.g. --limit directors or --limit lvs01,lvs02; leave --limit out for every host',
        ),
      );
    }
    assert.throws(
      () => selectHosts(cluster, 'lvs01,\x1b[2J'),
      userError('--limit: "\\x1b[2J" is neither a host nor a group of cluster seed'),
    );
  });

  it('a group named "constructor" (with no packages of its own) validates, resolves, and its hosts get their packages (deploy\'s packages task)', async () => {
    const inv = example();
    inv.groups.constructor = ['lvs01'];
    inv.groups.tostring = ['lvs02'];
    inv.packages.tostring = ['nginx'];
    assert.deepEqual(validateInventory(inv), []);
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-ctor-'));
    try {
      const file = join(dir, 'ctor.json');
      writeFileSync(file, JSON.stringify(inv));
      const { cluster: c } = await loadInventory(file);
      const host = (name: string) => c.hosts.find((h) => h.name === name)!;
      assert.deepEqual(host('lvs01').groups, ['constructor', 'realservers']);
      assert.deepEqual(hostPackages(c, host('lvs01')), ['httpd']);
      assert.deepEqual(hostPackages(c, host('lvs02')), ['httpd', 'nginx']);
      assert.deepEqual(
        selectHosts(c, 'constructor').map((h) => h.name),
        ['lvs01'],
      );
      assert.deepEqual(
        selectHosts(c, 'tostring').map((h) => h.name),
        ['lvs02'],
      );
      assert.equal(c.packages.constructor, undefined);
      assert.equal(c.sysctl.constructor, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('packages or sysctl for a group "constructor" that does not exist is a problem', () => {
    const inv = example();
    inv.packages.constructor = ['nginx'];
    inv.sysctl = { constructor: { 'net.core.somaxconn': 1024 } };
    assert.deepEqual(
      validateInventory(inv).map((p) => `${p.path}: ${p.message}`),
      [
        '/packages/constructor: group "constructor" does not exist; use one of: directors, realservers',
        '/sysctl/constructor: group "constructor" does not exist; use one of: directors, realservers',
      ],
    );
  });

  it("an IPv4-mapped IPv6 address equal to another host's IPv4 address is the same host", () => {
    const inv = example();
    inv.hosts[3].address = '::ffff:192.168.122.30';
    assert.ok(
      validateInventory(inv).some(
        (p) =>
          p.path === '/hosts/3/address' &&
          p.message ===
            '::ffff:192.168.122.30 (that is 192.168.122.30) is already the address of lvs-dr (/hosts/0); every host needs its own address',
      ),
    );
    inv.hosts[3].address = '::FFFF:C0A8:7A1E';
    assert.ok(
      validateInventory(inv).some(
        (p) =>
          p.path === '/hosts/3/address' &&
          p.message.startsWith('::FFFF:C0A8:7A1E (that is 192.168.122.30) is already the address of lvs-dr'),
      ),
    );
    const vip = example();
    vip.vips[0].address = '::ffff:192.168.122.40';
    assert.ok(
      validateInventory(vip).some(
        (p) =>
          p.path === '/vips/0/address' &&
          p.message === '::ffff:192.168.122.40 is the address of host lvs-dr2; a VIP must be an extra address no host owns',
      ),
    );
  });

  it('control characters in keys and values never reach a message raw: each problem stays one line', async () => {
    const inv = example();
    inv.hosts[2].name = 'evil\x1b[31m\n/vips/0/address: forged\r\u009b\u202e';
    inv.groups['x\ny\x1b[2J'] = ['lvs01'];
    const problems = validateInventory(inv);
    const text = formatProblems(problems);
    assert.equal(text.split('\n').length, problems.length);
    assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    assert.ok(
      text.split('\n').every((l) => l.startsWith('/')),
      text,
    );
    assert.ok(text.includes('got "evil\\x1b[31m\\n/vips/0/address: forged\\r\\x9b\\u202e"'), text);
    assert.ok(text.includes('/groups/x\\ny\\x1b[2J: key "x\\ny\\x1b[2J" is not a group name'), text);
    const e = new InventoryError('in\nventory.json', problems);
    assert.equal(e.message.split('\n').length, problems.length + 1);
    assert.equal(e.message.split('\n')[0], `in\\nventory.json: ${problems.length} problems`);
  });
});
