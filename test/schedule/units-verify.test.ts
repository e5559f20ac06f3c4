// The generated units checked by systemd's own parser: systemd-analyze verify
// on files in a temporary directory (no --root: it would look for node inside
// the root; nothing is installed or started). Anything it prints is a problem.
// The ExecStart= binary must exist for verify to pass, so these units run the
// node that runs the tests, once from a directory whose name needs quoting.
// (Quotes and backslashes systemd refuses in an executable's path at all:
// lib/schedule/entry.ts refuses them first.)

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RenderedUnits, renderUnits } from '../../lib/schedule/units.js';
import { unitVariants } from './unit-variants.js';

interface Verified {
  code: number;
  output: string;
}

function systemdVerify(dir: string, files: string[]): Promise<Verified> {
  return new Promise((resolve, reject) => {
    execFile('systemd-analyze', ['verify', '--man=no', ...files], { cwd: dir }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') reject(err);
      else resolve({ code: err ? Number((err as { code?: number }).code) : 0, output: stdout + stderr });
    });
  });
}

describe('schedule units pass systemd-analyze verify', function () {
  this.timeout(30_000);
  let dir = '';
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-schedule-verify-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function verify(units: RenderedUnits, edit: (text: string) => string = (t) => t): Promise<Verified> {
    const sub = join(dir, String(n++));
    mkdirSync(sub);
    const files = [units.service, units.timer].map((u) => {
      writeFileSync(join(sub, u.name), edit(u.content));
      return join(sub, u.name);
    });
    return systemdVerify(sub, files);
  }

  for (const [variant, options] of Object.entries(unitVariants(process.execPath))) {
    it(`${variant}: exit 0, nothing printed`, async () => {
      assert.deepEqual(await verify(renderUnits(options)), { code: 0, output: '' });
    });
  }

  it("ExecStart= survives systemd's unquoting: node under a path with a space and a %", async () => {
    const odd = join(dir, 'node bin 100%');
    mkdirSync(odd);
    symlinkSync(process.execPath, join(odd, 'node'));
    const options = unitVariants(join(odd, 'node')).oddPaths;
    assert.deepEqual(await verify(renderUnits(options)), { code: 0, output: '' });
    // the same line joined naively does not name an executable: the check above can fail
    const naive = await verify(renderUnits(options), (t) => t.replace(/^ExecStart=.*$/m, `ExecStart=${options.command.join(' ')}`));
    assert.notEqual(naive.code, 0);
    assert.match(naive.output, /is not executable/);
  });

  it('would report a broken unit, so the checks above mean something', async () => {
    const units = renderUnits(unitVariants(process.execPath).every15m);
    const badService = await verify(units, (t) => t.replace('Type=oneshot', 'Type=oneshoot'));
    assert.match(badService.output, /Failed to parse service type/);
    const badTimer = await verify(units, (t) => t.replace(/OnUnitActiveSec=.*/, 'OnUnitActiveSec=15 fortnights'));
    assert.match(badTimer.output, /Failed to parse timer value/);
  });
});
