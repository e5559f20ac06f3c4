// `lvs-play validate` through the built binary (npm run build first; npm test does).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { example, exampleFile } from './fixtures.js';

const run = promisify(execFile);
const bin = new URL('../../dist/lib/cli/main.js', import.meta.url).pathname;

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}
async function lvsPlay(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('lvs-play validate', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvs-play-validate-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with a one-line summary for the example', async () => {
    const r = await lvsPlay(['validate', exampleFile]);
    assert.deepEqual(r, { code: 0, stdout: 'ok: seed, 4 hosts, 2 VIPs, 2 services\n', stderr: '' });
  });

  it('exits 1 with a header and every problem on stderr, one per line, each starting with its path', async () => {
    const inv = example();
    inv.vrrp.authentication.password = 'Hush8chr';
    inv.vips[1].routerId = 300;
    inv.vips[0].address = '192.168.122.30';
    inv.hosts[2].name = 'a;rm -rf /';
    inv.vips[0].interface = 'eth0$(id)';
    inv.vips[1].services[0].healthCheck.path = '/`reboot`';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(inv));
    const r = await lvsPlay(['validate', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const [header, ...lines] = r.stderr.trimEnd().split('\n');
    assert.equal(header, `error: ${file}: 8 problems`);
    assert.deepEqual(
      lines.map((l) => l.slice(0, l.indexOf(': '))),
      [
        '/groups/realservers/0', // "lvs01" no longer exists
        '/hosts/2/name',
        '/vips/0/address',
        '/vips/0/interface',
        '/vips/0/services/0/realServers/0/host',
        '/vips/1/routerId',
        '/vips/1/services/0/healthCheck/path',
        '/vips/1/services/0/realServers/0/host',
      ],
    );
    assert.ok(lines.includes('/vips/1/routerId: must be an integer from 1 to 255, got 300'));
    assert.doesNotMatch(r.stderr, /Hush8chr/);
  });

  it('reads the password from the environment, and reports it at its path when unset', async () => {
    const inv = example();
    inv.vrrp.authentication = { type: 'PASS', passwordEnv: 'LVS_PLAY_TEST_PASS' };
    const file = join(dir, 'env.json');
    writeFileSync(file, JSON.stringify(inv));
    const ok = await lvsPlay(['validate', file], { ...process.env, LVS_PLAY_TEST_PASS: 'Envy1234' });
    assert.equal(ok.code, 0);
    const env = { ...process.env };
    delete env.LVS_PLAY_TEST_PASS;
    const missing = await lvsPlay(['validate', file], env);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^error: .*env\.json: 1 problem\n\/vrrp\/authentication\/passwordEnv: environment variable LVS_PLAY_TEST_PASS is not set/,
    );
  });

  it('exits 1 with a clear message for a file that is missing or not JSON', async () => {
    const missing = await lvsPlay(['validate', join(dir, 'nope.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: inventory .*nope\.json does not exist\n/);
    const file = join(dir, 'syntax.json');
    writeFileSync(file, '{\n  "name": "x",\n}\n');
    const syntax = await lvsPlay(['validate', file]);
    assert.equal(syntax.code, 1);
    assert.match(syntax.stderr, /is not valid JSON at line 3, column 1/);
  });

  it('needs exactly one INVENTORY', async () => {
    const r = await lvsPlay(['validate']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: missing INVENTORY\nhint: lvs-play validate inventory/example.json\n');
    const two = await lvsPlay(['validate', exampleFile, exampleFile]);
    assert.equal(two.code, 1);
    assert.equal(two.stderr, `error: validate: unexpected argument "${exampleFile}"\nhint: lvs-play validate --help\n`);
  });
});
