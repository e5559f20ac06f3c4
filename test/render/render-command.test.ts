// `lvs-play render`, run as the built binary (npm test builds first).

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const bin = `${root}dist/lib/cli/main.js`;

function lvsPlay(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

const golden = (host: string, path: string) =>
  readFileSync(new URL(`../fixtures/render/golden/example/${host}${path}`, import.meta.url), 'utf8');
const example = 'inventory/example.json';

describe('lvs-play render', function () {
  this.timeout(20_000);

  it("prints a director's keepalived.conf by default, with auth_pass redacted", async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs-dr']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, golden('lvs-dr', '/etc/keepalived/keepalived.conf').replace(/auth_pass 1111/g, 'auth_pass <redacted>'));
    assert.doesNotMatch(r.stdout, /1111/);
  });

  it('prints the real file with --show-secrets', async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs-dr2', '--show-secrets']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, golden('lvs-dr2', '/etc/keepalived/keepalived.conf'));
  });

  it("prints a real server's dr-client unit by default", async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs01']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, golden('lvs01', '/etc/systemd/system/lvs-play-dr-client.service'));
  });

  it('picks a file by base name or by path', async () => {
    const byName = await lvsPlay(['render', example, '--host', 'lvs02', '--file', 'dr-client.vips']);
    const byPath = await lvsPlay(['render', example, '--host', 'lvs02', '--file', '/etc/lvs-play/dr-client.vips']);
    assert.equal(byName.stdout, golden('lvs02', '/etc/lvs-play/dr-client.vips'));
    assert.equal(byPath.stdout, byName.stdout);
  });

  it("lists a host's files with mode and flags", async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs-dr', '--list']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '0644  /etc/sysctl.d/90-lvs-play.conf',
        '0644  /etc/chrony/chrony.conf',
        '0644  /etc/modules-load.d/lvs-play.conf',
        '0640  /etc/keepalived/keepalived.conf  (secret, validated by keepalived -t)',
        '0644  /etc/default/keepalived',
        '0644  /var/lib/lvs-play/switches/README',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 for an unknown host, naming it and the valid hosts', async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs03']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /host "lvs03" is not in inventory\/example\.json/);
    assert.match(r.stderr, /hosts: lvs-dr, lvs-dr2, lvs01, lvs02/);
  });

  it('exits 1 for a file the host does not get, listing its files', async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs01', '--file', 'keepalived.conf']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /lvs01 gets no file "keepalived\.conf"/);
    assert.match(r.stderr, /chrony\.conf/);
  });

  it('exits 1 without --host', async () => {
    const r = await lvsPlay(['render', example]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--host NAME/);
  });

  it("renders for a RHEL-family host with --os-family rhel: chrony.conf and keepalived's options where that family keeps them", async () => {
    const list = await lvsPlay(['render', example, '--host', 'lvs-dr', '--list', '--os-family', 'rhel']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^0644 {2}\/etc\/chrony\.conf$/m);
    assert.match(list.stdout, /^0644 {2}\/etc\/sysconfig\/keepalived$/m);
    assert.doesNotMatch(list.stdout, /\/etc\/chrony\/|\/etc\/default\//);
    const options = await lvsPlay(['render', example, '--host', 'lvs-dr', '--file', 'keepalived', '--os-family', 'rhel']);
    assert.equal(
      options.stdout,
      readFileSync(new URL('../fixtures/render/golden/example-rhel/lvs-dr/etc/sysconfig/keepalived', import.meta.url), 'utf8'),
    );
    // without it, Debian's path
    const debian = await lvsPlay(['render', example, '--host', 'lvs-dr', '--file', 'chrony.conf']);
    assert.equal(debian.stdout, golden('lvs-dr', '/etc/chrony/chrony.conf'));
  });

  it('exits 1 for an unknown --os-family, naming the known ones', async () => {
    const r = await lvsPlay(['render', example, '--host', 'lvs-dr', '--os-family', 'suse']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--os-family "suse" is not a known OS family/);
    assert.match(r.stderr, /debian, rhel/);
  });
});
