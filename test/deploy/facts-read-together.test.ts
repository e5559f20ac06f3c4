// Facts read together (lib/facts/batch.ts, ReadTogether) on a real host:
// one systemctl show for several units and one dpkg-query for several
// packages facts must give every fact exactly what reading it alone gives,
// including a unit name systemd refuses, which fails the shared systemctl;
// and one stat for a host's files, including one whose read fails.

import { strict as assert } from 'node:assert';
import { batchFacts } from '../../lib/facts/batch.js';
import type { Fact, FactValues } from '../../lib/facts/fact.js';
import { fileFact } from '../../lib/facts/file.js';
import { packagesFact } from '../../lib/facts/packages.js';
import { serviceFact } from '../../lib/facts/service.js';
import { sysctlFact } from '../../lib/facts/sysctl.js';
import { useLab } from '../support/lab.js';

const HOST = 'lvs01';

describe('facts read together on a lab host give what each fact read alone gives', function () {
  this.timeout(5 * 60_000);
  const lab = useLab();

  /** The batch run on the host as check runs it: `sh -s`, the script on stdin. */
  async function read(facts: Fact<unknown>[]): Promise<FactValues> {
    const batch = batchFacts(facts);
    assert.ok(!batch.script.includes('LVSP_BATCH_END'));
    return batch.parse(await lab.run(HOST, `sh -s <<'LVSP_BATCH_END'\n${batch.script}LVSP_BATCH_END\n`));
  }

  async function eachAlone(facts: Fact<unknown>[]): Promise<unknown[]> {
    return Promise.all(facts.map(async (f) => (await read([f])).get(f)));
  }

  it('units by one systemctl show, packages by one dpkg-query, next to a sysctl fact', async () => {
    const units = ['ssh.service', 'systemd-journald.service', 'lvsp-test-none.service'].map(serviceFact);
    const packages = [packagesFact(['openssh-server']), packagesFact(['libc6', 'lvsp-test-none']), packagesFact(['dash'])];
    const sysctl = sysctlFact(['net.ipv4.ip_local_port_range', 'kernel.hostname', 'net.lvsp.none']);
    const facts: Fact<unknown>[] = [units[0]!, packages[0]!, units[1]!, sysctl, packages[1]!, units[2]!, packages[2]!];

    const batch = batchFacts(facts);
    assert.equal(batch.script.match(/systemctl show/g)?.length, 2, 'one shared command, its fallback the other');
    assert.equal(batch.script.match(/dpkg-query -W/g)?.length, 1);
    const together = await read(facts);
    assert.deepEqual(
      facts.map((f) => together.get(f)),
      await eachAlone(facts),
    );

    // what they read is the host's
    assert.deepEqual([together.get(units[0]!).exists, together.get(units[0]!).active], [true, true]);
    assert.equal(together.get(units[2]!).exists, false);
    assert.match(together.get(packages[1]!).installed.libc6 ?? '', /^\d/, 'libc6 is multi-arch: dpkg names it libc6:amd64');
    assert.equal(together.get(packages[1]!).installed['lvsp-test-none'], null);
    assert.match(together.get(sysctl)['net.ipv4.ip_local_port_range'] ?? '', /^\d+ \d+$/);
    assert.equal(together.get(sysctl)['kernel.hostname'], (await lab.run(HOST, 'hostname')).trim());
    assert.equal(together.get(sysctl)['net.lvsp.none'], null);
  });

  it('a unit name systemd refuses fails the shared systemctl: each unit is then asked alone, and only that one reads as absent', async () => {
    const units = ['ssh.service', 'bad name!', 'systemd-journald.service'].map(serviceFact);
    assert.equal((await lab.ssh(HOST, `systemctl show -p LoadState ssh.service 'bad name!'`)).code, 1, 'systemd refuses the name');
    const together = await read(units);
    assert.deepEqual(
      units.map((f) => together.get(f)),
      await eachAlone(units),
    );
    assert.equal(together.get(units[0]!).active, true);
    assert.equal(together.get(units[1]!).exists, false);
  });

  it('files by one stat: as each read alone, and a file whose read fails is named while the others are read', async () => {
    const paths = ['/etc/hostname', '/etc/ssh/sshd_config', '/etc/lvsp-test-none', '/etc/ssh', '/etc/os-release'];
    const files = paths.map(fileFact);
    assert.equal(batchFacts(files).script.match(/stat -c/g)?.length, 2, 'one shared stat, its fallback the other');
    const together = await read(files);
    assert.deepEqual(
      files.map((f) => together.get(f)),
      await eachAlone(files),
    );
    assert.equal(together.get(files[0]!).content.trim(), (await lab.run(HOST, 'cat /etc/hostname')).trim());
    assert.deepEqual(
      files.map((f) => together.get(f).exists),
      [true, true, false, false, true], // /etc/os-release is a symlink: read, with the link's own mode
    );
    // /proc/self/mem passes `test -f` and stat, and its read fails (EIO at offset 0)
    await assert.rejects(read([...files, fileFact('/proc/self/mem')]), /cannot read \/proc\/self\/mem \(exit 1\)/);
  });
});
