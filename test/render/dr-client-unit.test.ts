// The dr-client unit, checked by systemd's own parser: systemd-analyze verify
// in a scratch root holding the unit, its script and a copy of the system's
// units (for multi-user.target and friends). Anything it prints is a problem.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DR_CLIENT_PATHS } from '../../lib/render/dr-client.js';
import { hostFiles, type RenderedFile } from '../../lib/render/host-files.js';
import { loadCluster } from './clusters.js';

const exec = promisify(execFile);

describe('lvs-play-dr-client.service', function () {
  this.timeout(30_000);
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'lvsplay-unit-'));
    mkdirSync(join(root, 'usr/lib/systemd'), { recursive: true });
    cpSync('/usr/lib/systemd/system', join(root, 'usr/lib/systemd/system'), { recursive: true });
  });
  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  let files: readonly RenderedFile[];
  before(async () => {
    files = hostFiles(await loadCluster('example'), 'lvs01');
  });

  async function verify(unitText: string): Promise<string> {
    for (const f of files) {
      const path = join(root, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.path === DR_CLIENT_PATHS.unit ? unitText : f.content);
      chmodSync(path, f.mode);
    }
    const { stdout, stderr } = await exec('systemd-analyze', ['verify', `--root=${root}`, join(root, DR_CLIENT_PATHS.unit)]);
    return stdout + stderr;
  }

  const unit = () => files.find((f) => f.path === DR_CLIENT_PATHS.unit)!.content;

  it('passes systemd-analyze verify with no output', async () => {
    assert.equal(await verify(unit()), '');
  });

  it('is a oneshot that stays active, reloads by starting again, and is wanted by multi-user.target', () => {
    const u = unit();
    for (const line of [
      'Type=oneshot',
      'RemainAfterExit=yes',
      `ExecStart=${DR_CLIENT_PATHS.script} start`,
      `ExecReload=${DR_CLIENT_PATHS.script} start`,
      `ExecStop=${DR_CLIENT_PATHS.script} stop`,
      'WantedBy=multi-user.target',
    ]) {
      assert.ok(u.split('\n').includes(line), line);
    }
  });

  it('would report a broken unit, so the check above means something', async () => {
    assert.match(await verify(unit().replace('Type=oneshot', 'Type=oneshoot')), /Failed to parse service type/);
  });
});
