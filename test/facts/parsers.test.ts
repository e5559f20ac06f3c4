import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIpJsonAddr } from '../../lib/facts/addresses.js';
import { capabilitiesFact } from '../../lib/facts/capabilities.js';
import { parseOsRelease } from '../../lib/facts/os-release.js';
import { packagesFact } from '../../lib/facts/packages.js';
import { recordedSysctlsFact } from '../../lib/facts/recorded-sysctls.js';
import { parseServiceShow } from '../../lib/facts/service.js';
import { SYSCTL_ORIGINALS_PATH } from '../../lib/render/sysctl-originals.js';

describe('facts/parsers', () => {
  it('detects the package manager from os-release', () => {
    assert.equal(parseOsRelease('ID=debian\nVERSION_ID="12"\n').packageManager, 'apt');
    assert.equal(parseOsRelease('ID=ubuntu\nID_LIKE=debian\n').packageManager, 'apt');
    assert.equal(parseOsRelease('ID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\n').packageManager, 'dnf');
    assert.equal(parseOsRelease('ID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\n').packageManager, 'yum');
    assert.equal(parseOsRelease('ID=alpine\n').packageManager, null);
  });

  it('reads systemctl show: missing unit, enabled and running, skipped by a condition', () => {
    assert.deepEqual(parseServiceShow('x.service', 'LoadState=not-found\nUnitFileState=\nActiveState=inactive\nConditionResult=no\n'), {
      unit: 'x.service',
      exists: false,
      enabled: false,
      active: false,
      conditionFailed: true,
    });
    assert.deepEqual(parseServiceShow('k.service', 'LoadState=loaded\nUnitFileState=enabled\nActiveState=active\nConditionResult=yes\n'), {
      unit: 'k.service',
      exists: true,
      enabled: true,
      active: true,
      conditionFailed: false,
    });
  });

  it('reads dpkg-query lines, absent packages and apt lists', () => {
    const fact = packagesFact(['keepalived', 'ipvsadm']);
    const v = fact.parse({ code: 0, stdout: 'ipvsadm - -\nkeepalived ii  1:2.2.7-1+b2\nlists no\n' });
    assert.deepEqual(v, { installed: { ipvsadm: null, keepalived: '1:2.2.7-1+b2' }, aptListsPresent: false });
  });

  it('reads two packages facts with one dpkg-query: each gets its own packages and the lists line', () => {
    const chrony = packagesFact(['chrony']);
    const web = packagesFact(['nginx-light', 'libc6']);
    const t = chrony.together!;
    assert.equal(t.key, web.together!.key);
    const command = t.command([t.item, web.together!.item]);
    assert.equal(command.match(/dpkg-query/g)?.length, 2, 'command -v, then one query');
    assert.match(command, / chrony libc6 nginx-light 2>/);
    // what dpkg-query -W prints: a multi-arch name, a known package not installed, a held one
    const stdout = 'chrony ii  4.3-2+deb12u1\nlibc6:amd64 ii  2.36-9\nnginx-light hi  1.22.1-9\nlists yes\n';
    const [a, b] = t.split(stdout, [t.item, web.together!.item]) ?? [];
    assert.deepEqual(chrony.parse({ code: 0, stdout: a! }), { installed: { chrony: '4.3-2+deb12u1' }, aptListsPresent: true });
    assert.deepEqual(web.parse({ code: 1, stdout: b! }), {
      installed: { libc6: '2.36-9', 'nginx-light': null },
      aptListsPresent: true,
    });
    assert.doesNotMatch(packagesFact([]).command, /dpkg-query|rpm/, 'no names: no query (dpkg-query -W alone lists every package)');
  });

  it('tells whether CAP_SYS_TIME is in the bounding set', () => {
    assert.equal(capabilitiesFact.parse({ code: 0, stdout: 'CapBnd:\t000001ffffffffff\n' }).canSetClock, true);
    // a systemd-nspawn container's set: no bit 25
    assert.equal(capabilitiesFact.parse({ code: 0, stdout: 'CapBnd:\t00000000fdecbfff\n' }).canSetClock, false);
  });

  it('reads ip -j addr', () => {
    const text = JSON.stringify([
      {
        ifname: 'lo',
        addr_info: [
          { local: '127.0.0.1', prefixlen: 8, label: 'lo' },
          { local: '198.18.0.100', prefixlen: 32 },
        ],
      },
    ]);
    assert.deepEqual(
      parseIpJsonAddr(text).map((a) => `${a.address}/${a.prefix}`),
      ['127.0.0.1/8', '198.18.0.100/32'],
    );
  });
});

describe('recorded-sysctls fact, run in a real sh', () => {
  it('reads the running value of every key in the record, null for a key this kernel lacks, and skips a line that is no key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-originals-'));
    const marker = join(dir, 'pwned');
    try {
      const record = join(dir, 'sysctl-originals.conf');
      writeFileSync(record, `# header\nnet.ipv4.tcp_fin_timeout=60\nnet.lvs_play.no_such_key=1\n$(touch ${marker})=1\n`);
      const command = recordedSysctlsFact.command.replace(SYSCTL_ORIGINALS_PATH, record);
      assert.notEqual(command, recordedSysctlsFact.command);
      const stdout = execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
      const values = recordedSysctlsFact.parse({ stdout, code: 0 });
      assert.deepEqual(values, {
        'net.ipv4.tcp_fin_timeout': readFileSync('/proc/sys/net/ipv4/tcp_fin_timeout', 'utf8').trim(),
        'net.lvs_play.no_such_key': null,
      });
      assert.equal(existsSync(marker), false);
      // no record at all: nothing
      assert.deepEqual(
        recordedSysctlsFact.parse({
          stdout: execFileSync('/bin/sh', ['-c', recordedSysctlsFact.command.replace(SYSCTL_ORIGINALS_PATH, join(dir, 'none'))], {
            encoding: 'utf8',
          }),
          code: 0,
        }),
        {},
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
