import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryError, UserError } from '../../lib/errors.js';
import { loadInventory } from '../../lib/inventory/load.js';
import { selectHosts } from '../../lib/inventory/select.js';
import { example, exampleFile } from './fixtures.js';

describe('loadInventory', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvs-play-inv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };

  it('loads the example into a Cluster, with the absolute file name', async () => {
    const { cluster, inventory, file } = await loadInventory(exampleFile);
    assert.equal(file, exampleFile);
    assert.equal(inventory.name, 'seed');
    assert.deepEqual(
      cluster.vips.map((v) => v.master),
      ['lvs-dr', 'lvs-dr2'],
    );
  });

  it('says so when the file does not exist', async () => {
    await assert.rejects(loadInventory(join(dir, 'missing.json')), (e: UserError) => {
      assert.ok(e instanceof UserError && !(e instanceof InventoryError));
      assert.match(e.message, /missing\.json does not exist/);
      return true;
    });
  });

  it('points at the line and column of a JSON syntax error', async () => {
    const file = write('bad.json', '{\n  "name": "x",\n  "hosts": [,]\n}\n');
    await assert.rejects(loadInventory(file), (e: UserError) => {
      assert.match(e.message, /bad\.json is not valid JSON at line 3, column 13/);
      return true;
    });
    const cut = write('cut.json', '{\n  "name": "x"');
    await assert.rejects(loadInventory(cut), /cut\.json is not valid JSON at line 2, column 14 \(the file ends too early\)/);
  });

  it('throws every schema and rule problem at once, each with its path', async () => {
    const inv = example();
    inv.vips[1].routerId = 300;
    inv.vips[0].address = '192.168.122.30';
    const file = write('two.json', inv);
    await assert.rejects(loadInventory(file), (e: InventoryError) => {
      assert.ok(e instanceof InventoryError);
      assert.deepEqual(
        e.problems.map((p) => p.path),
        ['/vips/0/address', '/vips/1/routerId'],
      );
      assert.match(e.message, /two\.json: 2 problems\n\/vips\/0\/address: 192\.168\.122\.30 is the address of host lvs-dr/);
      return true;
    });
  });

  it('reads the password from a file next to the inventory, and from the environment', async () => {
    const inv = example();
    inv.vrrp.authentication = { type: 'PASS', passwordFile: 'vrrp-pass' };
    write('vrrp-pass', 'Fi1ePw\n');
    const fromFile = await loadInventory(write('file-pw.json', inv));
    assert.equal(fromFile.cluster.vrrp.auth?.password.reveal(), 'Fi1ePw');

    inv.vrrp.authentication = { type: 'PASS', passwordEnv: 'LVS_TEST_VRRP' };
    const fromEnv = await loadInventory(write('env-pw.json', inv), { env: { LVS_TEST_VRRP: 'EnvPw' } });
    assert.equal(fromEnv.cluster.vrrp.auth?.password.reveal(), 'EnvPw');
  });

  it('reports an unreadable password source at its path, never the value', async () => {
    const inv = example();
    inv.vrrp.authentication = { type: 'PASS', passwordFile: 'no-such-pass' };
    await assert.rejects(loadInventory(write('nofile.json', inv)), (e: InventoryError) => {
      assert.deepEqual(
        e.problems.map((p) => p.path),
        ['/vrrp/authentication/passwordFile'],
      );
      assert.match(e.problems[0].message, /no-such-pass does not exist/);
      return true;
    });
    inv.vrrp.authentication = { type: 'PASS', passwordEnv: 'LVS_TEST_VRRP' };
    await assert.rejects(
      loadInventory(write('noenv.json', inv), { env: {} }),
      /\/vrrp\/authentication\/passwordEnv: environment variable LVS_TEST_VRRP is not set/,
    );
    await assert.rejects(loadInventory(write('longenv.json', inv), { env: { LVS_TEST_VRRP: 'Secr3tTooLong' } }), (e: InventoryError) => {
      assert.match(e.message, /13 characters long/);
      assert.doesNotMatch(e.message, /Secr3tTooLong/);
      return true;
    });
  });
});

describe('selectHosts (--limit)', () => {
  let cluster: Awaited<ReturnType<typeof loadInventory>>['cluster'];
  before(async () => {
    ({ cluster } = await loadInventory(exampleFile));
  });
  const names = (limit?: string) => selectHosts(cluster, limit).map((h) => h.name);

  it('gives every host without a limit', () => assert.deepEqual(names(), ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02']));
  it('takes host and group names, in inventory order, without duplicates', () => {
    assert.deepEqual(names('realservers'), ['lvs01', 'lvs02']);
    assert.deepEqual(names('lvs02,lvs-dr'), ['lvs-dr', 'lvs02']);
    assert.deepEqual(names('directors, lvs-dr'), ['lvs-dr', 'lvs-dr2']);
  });
  it('refuses an unknown name, listing what exists', () => {
    assert.throws(
      () => names('lvs01,webz'),
      (e: UserError) => {
        assert.ok(e instanceof UserError);
        assert.match(e.message, /"webz" is neither a host nor a group of cluster seed/);
        assert.match(e.hint ?? '', /hosts: lvs-dr, lvs-dr2, lvs01, lvs02; groups: directors, realservers/);
        return true;
      },
    );
  });
});
