// The dr-client script run for real, as root, inside a throwaway network
// namespace: /proc/sys/net and lo belong to the namespace, so the control
// machine's own sysctls and addresses are never touched (checked at the end).

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cluster } from '../../lib/inventory/types.js';
import { renderDrClientScript, renderDrClientVips } from '../../lib/render/dr-client.js';
import { loadCluster } from './clusters.js';

const exec = promisify(execFile);
const SYSCTLS = ['lo/arp_ignore', 'lo/arp_announce', 'all/arp_ignore', 'all/arp_announce'];
const ns = `lvsplay-test-${process.pid}`;

const hostSysctls = () => SYSCTLS.map((k) => readFileSync(`/proc/sys/net/ipv4/conf/${k}`, 'utf8').trim());

describe('lvs-play-dr-client in a network namespace', function () {
  this.timeout(30_000);
  let dir: string;
  let script: string;
  let vipsFile: string;
  let env: NodeJS.ProcessEnv;
  let hostBefore: string[];
  let nsBefore: string[];

  async function run(action: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await exec('ip', ['netns', 'exec', ns, 'sh', script, action], { env });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }
  async function loAddresses(): Promise<string[]> {
    const { stdout } = await exec('ip', ['-n', ns, '-j', 'addr', 'show', 'dev', 'lo']);
    const [lo] = JSON.parse(stdout) as Array<{ addr_info: Array<{ local: string; prefixlen: number }> }>;
    return lo.addr_info
      .map((a) => `${a.local}/${a.prefixlen}`)
      .filter((a) => !['127.0.0.1/8', '::1/128'].includes(a))
      .sort();
  }
  async function nsSysctls(): Promise<string[]> {
    const { stdout } = await exec('ip', ['netns', 'exec', ns, 'cat', ...SYSCTLS.map((k) => `/proc/sys/net/ipv4/conf/${k}`)]);
    return stdout.trim().split('\n');
  }
  const useVips = (cluster: Cluster, host: string) => writeFileSync(vipsFile, renderDrClientVips(cluster, host));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-drc-'));
    script = join(dir, 'lvs-play-dr-client');
    vipsFile = join(dir, 'dr-client.vips');
    env = { ...process.env, LVS_PLAY_DR_CLIENT_VIPS: vipsFile, LVS_PLAY_RUN_DIR: join(dir, 'run') };
    hostBefore = hostSysctls();
    writeFileSync(script, renderDrClientScript());
    await exec('ip', ['netns', 'add', ns]);
    nsBefore = await nsSysctls();
    // Otherwise "restores" below could not tell restoring from leaving alone.
    assert.notDeepEqual(nsBefore, ['1', '2', '1', '2']);
  });
  after(async () => {
    await exec('ip', ['netns', 'del', ns]).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('start sets the four ARP sysctls and puts every VIP on lo as /32', async () => {
    useVips(await loadCluster('example'), 'lvs01');
    const r = await run('start');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await nsSysctls(), ['1', '2', '1', '2']);
    assert.deepEqual(await loAddresses(), ['192.168.122.100/32', '192.168.122.110/32']);
  });

  it('a second start changes nothing and succeeds', async () => {
    const r = await run('start');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await loAddresses(), ['192.168.122.100/32', '192.168.122.110/32']);
    assert.deepEqual(await nsSysctls(), ['1', '2', '1', '2']);
  });

  it('status reports everything in place with exit 0', async () => {
    const r = await run('status');
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('ok ')).length, 6);
  });

  it('a start with a changed VIP list removes the VIP no longer listed', async () => {
    const base = await loadCluster('example');
    useVips({ ...base, vips: base.vips.slice(1) }, 'lvs01');
    const r = await run('start');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /removed 192\.168\.122\.100\/32 from lo/);
    assert.deepEqual(await loAddresses(), ['192.168.122.110/32']);
  });

  it('status exits 3 naming a VIP that is missing from lo', async () => {
    useVips(await loadCluster('example'), 'lvs01');
    const r = await run('status');
    assert.equal(r.code, 3);
    assert.match(r.stdout, /missing +192\.168\.122\.100\/32 on lo/);
  });

  it('stop removes the VIPs and restores the sysctls to their values before the first start', async () => {
    const r = await run('stop');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await loAddresses(), []);
    assert.deepEqual(await nsSysctls(), nsBefore);
    assert.equal((await run('stop')).code, 0, 'a second stop is harmless');
  });

  it('handles IPv6 VIPs as /128', async () => {
    useVips(await loadCluster('ipv6'), 'rs-1');
    assert.equal((await run('start')).code, 0);
    assert.deepEqual(await loAddresses(), ['2001:db8:10::1/128', '2001:db8:10::2/128']);
    assert.equal((await run('stop')).code, 0);
    assert.deepEqual(await loAddresses(), []);
  });

  it('refuses a VIP file line that is not an address, before changing anything', async () => {
    const marker = join(dir, 'injected');
    writeFileSync(vipsFile, `192.168.122.100\n$(touch${'${IFS}'}${marker})\n`);
    const r = await run('start');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not an IP address: \$\(touch/);
    assert.equal(existsSync(marker), false);
    assert.deepEqual(await loAddresses(), []);
    assert.deepEqual(await nsSysctls(), nsBefore);
  });

  describe('LVS-TUN: a VIP on tunl0 (issue 14)', () => {
    // This kernel has no ipip and the test must never load a module into it: modprobe is `false` here,
    // and a veth named tunl0 (this kernel has no dummy either) stands in for the one ipip makes (what the script does is the same).
    const RP = ['all/rp_filter', 'tunl0/rp_filter'];
    const tunVips = (lo: string[], tunl0: string[]) => writeFileSync(vipsFile, [...lo, ...tunl0.map((a) => `${a} tunl0`), ''].join('\n'));
    const rpFilter = async () =>
      (await exec('ip', ['netns', 'exec', ns, 'cat', ...RP.map((k) => `/proc/sys/net/ipv4/conf/${k}`)])).stdout.trim().split('\n');
    const tunl0Addresses = async () => {
      const { stdout } = await exec('ip', ['-n', ns, '-j', 'addr', 'show', 'dev', 'tunl0']);
      return (JSON.parse(stdout) as Array<{ addr_info: Array<{ local: string; prefixlen: number }> }>)[0]!.addr_info.map(
        (a) => `${a.local}/${a.prefixlen}`,
      );
    };
    let env0: NodeJS.ProcessEnv;
    before(() => {
      env0 = env;
      env = { ...env, LVS_PLAY_MODPROBE: 'false' };
    });
    after(async () => {
      env = env0;
      await exec('ip', ['-n', ns, 'link', 'del', 'tunl0']).catch(() => undefined);
    });

    it('without tunl0 and with ipip not loadable, start fails naming ipip and changes nothing', async () => {
      tunVips(['192.168.122.100'], ['192.168.122.120']);
      const r = await run('start');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /cannot load the ipip module, which LVS-TUN needs for tunl0/);
      assert.deepEqual(await loAddresses(), []);
      assert.deepEqual(await nsSysctls(), nsBefore);
    });

    it('start puts the TUN VIP on tunl0 (brought up) and turns rp_filter off there and for "all"; status agrees', async () => {
      await exec('ip', ['-n', ns, 'link', 'add', 'tunl0', 'type', 'veth', 'peer', 'name', 'tunl0-peer']);
      await exec('ip', [
        'netns',
        'exec',
        ns,
        'sh',
        '-c',
        'echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter; echo 2 > /proc/sys/net/ipv4/conf/tunl0/rp_filter',
      ]);
      const r = await run('start');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await tunl0Addresses(), ['192.168.122.120/32']);
      assert.deepEqual(await loAddresses(), ['192.168.122.100/32']);
      assert.deepEqual(await rpFilter(), ['0', '0']);
      const { stdout } = await exec('ip', ['-n', ns, '-j', 'link', 'show', 'dev', 'tunl0']);
      assert.match(stdout, /"flags":\[[^\]]*"UP"/);
      const st = await run('status');
      assert.equal(st.code, 0, st.stdout);
      assert.match(st.stdout, /^ok +192\.168\.122\.120\/32 on tunl0$/m);
      assert.match(st.stdout, /^ok +net\.ipv4\.conf\.tunl0\.rp_filter = 0$/m);
    });

    it('a VIP list without TUN takes the VIP off tunl0 and gives rp_filter its earlier values back', async () => {
      tunVips(['192.168.122.100'], []);
      const r = await run('start');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /removed 192\.168\.122\.120\/32 from tunl0/);
      assert.deepEqual(await tunl0Addresses(), []);
      assert.deepEqual(await rpFilter(), ['1', '2']);
      assert.deepEqual(await nsSysctls(), ['1', '2', '1', '2'], 'the ARP sysctls stay while a VIP is on lo');
    });

    it('stop after TUN came and went restores every sysctl to its value before the first start', async () => {
      tunVips(['192.168.122.100'], ['192.168.122.120']);
      assert.equal((await run('start')).code, 0);
      assert.equal((await run('stop')).code, 0);
      assert.deepEqual(await tunl0Addresses(), []);
      assert.deepEqual(await loAddresses(), []);
      assert.deepEqual(await rpFilter(), ['1', '2']);
      assert.deepEqual(await nsSysctls(), nsBefore);
    });

    it('refuses a device other than lo or tunl0, before changing anything', async () => {
      writeFileSync(vipsFile, '192.168.122.100 eth0\n');
      const r = await run('start');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /192\.168\.122\.100: device must be lo or tunl0, not eth0/);
      assert.deepEqual(await loAddresses(), []);
    });
  });

  it('rejects an unknown action with exit 2 and the usage', async () => {
    const r = await run('restart');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: lvs-play-dr-client \{start\|stop\|status\}/);
  });

  it("left the control machine's own ARP sysctls untouched", function () {
    // a machine already at the values start sets could not show a leak out of the namespace
    if (hostBefore.join() === '1,2,1,2') this.skip();
    assert.deepEqual(hostSysctls(), hostBefore);
  });
});
