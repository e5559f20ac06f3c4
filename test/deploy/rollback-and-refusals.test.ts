// A failure in the middle of a host's run leaves that host byte-for-byte as
// it was (and the others complete); host-key, reachability and key problems
// end with clear errors naming the host.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../lib/inventory/load.js';
import type { Cluster, Host, Inventory } from '../../lib/inventory/types.js';
import type { RunReport } from '../../lib/run/report.js';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { assertDocument } from '../support/json-documents.js';
import { useLab } from '../support/lab.js';

const INVENTORY = 'inventory/lab.json';

/** Everything a deploy may touch on a director, as one comparable text. */
const SNAPSHOT = [
  'for f in /etc/keepalived/keepalived.conf /etc/default/keepalived /etc/sysctl.d/90-lvs-play.conf /etc/chrony/chrony.conf /etc/lvs-play-test-never-written; do',
  '  if [ -e "$f" ]; then echo "$f $(stat -c %a:%U:%G "$f") $(sha256sum < "$f")"; else echo "$f absent"; fi; done',
  'ls -A /etc/keepalived /etc/sysctl.d',
  'cat /proc/sys/net/ipv4/ip_forward',
  'for u in keepalived chrony; do echo "$u $(systemctl is-enabled $u) $(systemctl is-active $u)"; done',
  'ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l',
].join('\n');

describe('rollback and refusals on the lab (issue 4)', function () {
  this.timeout(15 * 60_000);
  let cluster: Cluster;
  let dir: string;
  const host = (name: string): Host => cluster.hosts.find((h) => h.name === name)!;
  const labInventory = (): Inventory => JSON.parse(readFileSync(`${repoRoot}${INVENTORY}`, 'utf8')) as Inventory;
  const writeInventory = (name: string, inv: Inventory) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(inv));
    return p;
  };

  const lab = useLab();

  before(async () => {
    cluster = (await loadInventory(`${repoRoot}${INVENTORY}`)).cluster;
    dir = mkdtempSync(join(tmpdir(), 'lvsp-deploy-'));
    const first = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    // leave the lab as the inventory says for the tests after these
    await lvsPlay(['deploy', INVENTORY]);
  });

  it('rolls a failed host back byte-for-byte while the other hosts complete', async () => {
    const inv = labInventory();
    inv.vrrp!.advertInterval = 2;
    inv.sysctl = { directors: { 'net.ipv4.ip_forward': '1' } };
    const file = writeInventory('changed.json', inv);
    const before = await lab.run('lvs-dr', SNAPSHOT);
    const r = await lvsPlay(['deploy', file, '--json', '--playbook', 'test/fixtures/playbooks/fail-on-lvs-dr.mjs']);
    assert.equal(r.code, 1, r.stderr);
    const report = assertDocument('run', JSON.parse(r.stdout) as RunReport);
    const dr = report.hosts.find((h) => h.host === 'lvs-dr')!;
    assert.equal(dr.status, 'failed');
    assert.match(dr.error ?? '', /inject-failure/);
    // the sysctl and keepalived changes were made, then undone
    assert.ok(
      (dr.rolledBack ?? []).some((u) => u.includes('restore /etc/keepalived/keepalived.conf')),
      JSON.stringify(dr.rolledBack),
    );
    assert.ok(
      (dr.rolledBack ?? []).some((u) => u.includes('net.ipv4.ip_forward')),
      JSON.stringify(dr.rolledBack),
    );
    assert.equal(await lab.run('lvs-dr', SNAPSHOT), before);
    assert.equal(report.hosts.find((h) => h.host === 'lvs-dr2')!.status, 'changed');
    for (const rs of ['lvs01', 'lvs02']) assert.equal(report.hosts.find((h) => h.host === rs)!.status, 'ok');
  });

  it('leaves a failed host as the failure left it with --no-rollback', async () => {
    const inv = labInventory();
    inv.sysctl = { directors: { 'net.ipv4.ip_forward': '1' } };
    const file = writeInventory('no-rollback.json', inv);
    const r = await lvsPlay([
      'deploy',
      file,
      '--json',
      '--no-rollback',
      '--limit',
      'lvs-dr',
      '--playbook',
      'test/fixtures/playbooks/fail-on-lvs-dr.mjs',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const dr = assertDocument('run', JSON.parse(r.stdout) as RunReport).hosts[0];
    assert.equal(dr.status, 'failed');
    assert.equal(dr.rolledBack, undefined);
    assert.equal((await lab.run('lvs-dr', 'cat /proc/sys/net/ipv4/ip_forward')).trim(), '1');
    // back as the inventory says (a sysctl the inventory no longer names keeps its value: reset it by hand)
    assert.equal((await lvsPlay(['deploy', INVENTORY, '--limit', 'lvs-dr'])).code, 0);
    await lab.run('lvs-dr', 'sysctl -q -w net.ipv4.ip_forward=0');
  });

  it('starts no more hosts once --max-fail hosts failed', async () => {
    const inv = labInventory();
    inv.hosts.unshift({ name: 'ghost', address: '198.18.0.99' });
    inv.groups.realservers.push('ghost');
    const r = await lvsPlay(['check', writeInventory('max-fail.json', inv), '--json', '--forks', '1', '--max-fail', '1']);
    assert.equal(r.code, 1);
    const statuses = assertDocument('run', JSON.parse(r.stdout) as RunReport).hosts.map((h) => `${h.host}:${h.status}`);
    assert.deepEqual(statuses, ['ghost:unreachable', 'lvs-dr:skipped', 'lvs-dr2:skipped', 'lvs01:skipped', 'lvs02:skipped']);
  });

  it('refuses an unknown host key, naming the host and the fingerprint', async () => {
    const known = join(dir, 'known_hosts.partial');
    writeFileSync(
      known,
      readFileSync(host('lvs01').ssh.knownHosts, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith(`${host('lvs01').address} `))
        .join('\n'),
    );
    const inv = labInventory();
    inv.ssh!.knownHosts = known;
    const r = await lvsPlay(['check', writeInventory('unknown-key.json', inv), '--limit', 'lvs01']);
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /lvs01.*unknown host key.*SHA256:/s);
    assert.doesNotMatch(readFileSync(known, 'utf8'), new RegExp(`${host('lvs01').address.replace(/\./g, '\\.')} `));
  });

  it('refuses a changed host key, printing both fingerprints', async () => {
    const known = join(dir, 'known_hosts.changed');
    const other = join(dir, 'other_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const fake = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const lines = readFileSync(host('lvs02').ssh.knownHosts, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith(`${host('lvs02').address} `));
    writeFileSync(known, `${[...lines, `${host('lvs02').address} ${fake}`].join('\n')}\n`);
    const inv = labInventory();
    inv.ssh!.knownHosts = known;
    const r = await lvsPlay(['check', writeInventory('changed-key.json', inv), '--limit', 'lvs02']);
    assert.equal(r.code, 1);
    const out = r.stdout + r.stderr;
    assert.match(out, /lvs02/);
    assert.equal((out.match(/SHA256:[A-Za-z0-9+/]{43}/g) ?? []).length >= 2, true, out);
  });

  it('reports an unreachable host by name and goes on with the others', async () => {
    const inv = labInventory();
    inv.hosts.push({ name: 'ghost', address: '198.18.0.99' });
    inv.groups.realservers.push('ghost');
    const r = await lvsPlay(['check', writeInventory('ghost.json', inv), '--json']);
    assert.equal(r.code, 1);
    const report = assertDocument('run', JSON.parse(r.stdout) as RunReport);
    const ghost = report.hosts.find((h) => h.host === 'ghost')!;
    assert.equal(ghost.status, 'unreachable');
    assert.match(ghost.error ?? '', /ghost/);
    // the others were checked (in sync, or drifted because of the ghost's missing weight: not unreachable)
    assert.ok(report.hosts.filter((h) => h.host !== 'ghost').every((h) => h.status !== 'unreachable'));
  });

  it('says which host refused a wrong key', async () => {
    const key = join(dir, 'wrong_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const inv = labInventory();
    inv.ssh!.identityFile = key;
    const r = await lvsPlay(['check', writeInventory('wrong-key.json', inv), '--limit', 'lvs-dr']);
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /lvs-dr.*authentication failed/s);
  });
});
