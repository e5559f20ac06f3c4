// Issue 10, item 1, proven from outside the repository: the package is packed
// (`npm pack`, dist/ as `npm test` built it), installed into a fresh project
// with TypeScript, and an operator's playbook written there
// (test/fixtures/outside-project/playbook.ts: an nftables table admitting
// VRRP only from the other directors, and prometheus-node-exporter) is
// typechecked against the shipped .d.ts and run with the installed CLI
// (npx lvs-play) against the lab: check, deploy, check, verify, then a
// failing change that rolls back. The hosts are cleaned afterwards, so the
// lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, repoRoot, runProcess } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';

const FIXTURE = join(repoRoot, 'test/fixtures/outside-project/playbook.ts');
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const REALSERVERS = ['lvs01', 'lvs02'];
const CLEANUP = [
  'systemctl disable --now lvs-play-vrrp.service prometheus-node-exporter.service 2>/dev/null || true',
  'rm -rf /etc/lvs-play-vrrp /etc/systemd/system/lvs-play-vrrp.service',
  'systemctl daemon-reload',
  'if command -v nft >/dev/null; then nft delete table inet lvs_play_vrrp 2>/dev/null || true; fi',
  // only what is installed: a fresh host has no package lists, and apt-get purge of an unknown name fails
  'installed=$(for p in prometheus-node-exporter prometheus-node-exporter-collectors nftables; do ' +
    'dpkg-query -W -f=\'${Status}\' "$p" 2>/dev/null | grep -q "ok installed" && echo "$p"; done; true)',
  'if [ -n "$installed" ]; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $installed >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -q >/dev/null; fi',
].join(' && ');

function devVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies[name]!;
}

describe('a playbook written outside the repository, against the packed package (issue 10)', function () {
  this.timeout(30 * 60_000);
  let project: string;
  const inProject = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => runProcess(argv, { cwd: project, env });
  const lvsPlay = (args: string[], env: NodeJS.ProcessEnv = {}) => inProject(['npx', '--no-install', 'lvs-play', ...args], env);

  before(async function () {
    this.timeout(10 * 60_000);
    project = mkdtempSync(join(tmpdir(), 'lvsp-outside-'));
    const pack = await runProcess(['npm', 'pack', '--ignore-scripts', '--json', '--pack-destination', project]);
    assert.equal(pack.code, 0, pack.stderr);
    const [{ filename, files }] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    const shipped = files.map((f) => f.path);
    assert.ok(shipped.includes('dist/lib/index.d.ts') && shipped.includes('dist/lib/index.js'), 'the types and the entry are shipped');
    assert.ok(!shipped.some((p) => p.startsWith('dist/test/')), 'the tests are not shipped');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'site-playbooks', private: true, type: 'module' }, null, 2));
    const install = await inProject([
      'npm',
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      join(project, filename),
      `typescript@${devVersion('typescript')}`,
      `@types/node@${devVersion('@types/node')}`,
    ]);
    assert.equal(install.code, 0, install.stdout + install.stderr);
    copyFileSync(FIXTURE, join(project, 'playbook.ts'));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
          },
          include: ['*.ts'],
        },
        null,
        2,
      ),
    );
  });
  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('typechecks against the shipped types (tsc --noEmit); a misspelt step kind is a type error there', async () => {
    const ok = await inProject(['npx', '--no-install', 'tsc', '--noEmit', '-p', '.']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    writeFileSync(
      join(project, 'broken.ts'),
      [
        "import { defineTask } from 'lvs-play';",
        "export const t = defineTask({ name: 'typo', facts: () => [], diff: () => [{ summary: 'x', steps: [{ kind: 'wirte', path: '/x' }] }] });",
        '',
      ].join('\n'),
    );
    const broken = await inProject(['npx', '--no-install', 'tsc', '--noEmit', '-p', '.']);
    rmSync(join(project, 'broken.ts'));
    assert.notEqual(broken.code, 0, broken.stdout);
    assert.match(broken.stdout, /broken\.ts\(2,\d+\): error TS\d+: .*"wirte"/);
  });

  describe('run with the installed CLI against the lab', () => {
    const lab = useLab();
    let inventory: string;
    const hostsRun = (names: string[], command: string) => Promise.all(names.map((h) => lab.run(h, command)));

    before(async () => {
      inventory = writeLabVariant(project, 'lab.json', () => {});
      await hostsRun([...DIRECTORS, ...REALSERVERS], CLEANUP); // from a clean slate, whatever an earlier run left
    });
    after(async () => {
      await hostsRun([...DIRECTORS, ...REALSERVERS], CLEANUP);
    });

    it('check predicts the chain (2), deploy converges (0), check is in sync (0), verify passes (0)', async () => {
      const before = await lvsPlay(['check', inventory, '--playbook', 'playbook.ts']);
      assert.equal(before.code, 2, before.stdout + before.stderr);
      for (const d of DIRECTORS) {
        assert.match(before.stdout, new RegExp(`${d}.*vrrp-firewall[\\s\\S]*not installed: nftables`));
      }
      assert.match(before.stdout, /lvs-play-vrrp\.service not running/);
      assert.match(before.stdout, /not installed: prometheus-node-exporter/);

      const deploy = await lvsPlay(['deploy', inventory, '--playbook', 'playbook.ts']);
      assert.equal(deploy.code, 0, deploy.stdout + deploy.stderr);
      const after = await lvsPlay(['check', inventory, '--playbook', 'playbook.ts']);
      assert.equal(after.code, 0, after.stdout + after.stderr);

      // what the tasks did, read on the hosts themselves
      const tables = await hostsRun(DIRECTORS, 'nft list table inet lvs_play_vrrp');
      assert.match(tables[0]!, /ip protocol (vrrp|112) ip saddr (\{ )?198\.18\.0\.40( \})? accept/);
      assert.match(tables[1]!, /ip protocol (vrrp|112) ip saddr (\{ )?198\.18\.0\.30( \})? accept/);
      for (const out of await hostsRun([...DIRECTORS, ...REALSERVERS], 'systemctl is-active prometheus-node-exporter.service'))
        assert.equal(out.trim(), 'active');
      const verify = await lvsPlay(['verify', inventory]);
      assert.equal(verify.code, 0, verify.stdout + verify.stderr); // with VRRP filtered, each VIP still has one holder
    });

    it('a change that fails part-way is rolled back: the file it had already replaced is back, byte for byte', async () => {
      const peersBefore = await hostsRun(DIRECTORS, 'cat /etc/lvs-play-vrrp/peers; sha256sum /etc/lvs-play-vrrp/vrrp.nft');
      const failed = await lvsPlay(['deploy', inventory, '--playbook', 'playbook.ts'], { LVSP_BREAK_RULES: '1' });
      assert.equal(failed.code, 1, failed.stdout + failed.stderr);
      const said = failed.stdout + failed.stderr;
      console.log(
        `      the failing deploy said:\n${said
          .split('\n')
          .filter((l) => /vrrp\.nft|rolled back|restore/.test(l))
          .map((l) => `        ${l}`)
          .join('\n')}`,
      );
      assert.match(said, /\/etc\/lvs-play-vrrp\/vrrp\.nft/);
      assert.match(said, /restore \/etc\/lvs-play-vrrp\/peers/);
      assert.deepEqual(await hostsRun(DIRECTORS, 'cat /etc/lvs-play-vrrp/peers; sha256sum /etc/lvs-play-vrrp/vrrp.nft'), peersBefore);
      const check = await lvsPlay(['check', inventory, '--playbook', 'playbook.ts']);
      assert.equal(check.code, 0, check.stdout + check.stderr);
    });
  });
});
