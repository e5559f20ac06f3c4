// The lab's whole life on this machine, in order: down, up from a fresh
// state, the hosts as the issue describes them, a second up, recovery from a
// killed run, and a down that leaves nothing behind. It takes an existing lab
// down first (the lab is throwaway) and leaves it down; suites that need it
// afterwards bring it up again through useLab().

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupRoots } from '../../lib/lab/cgroups.js';
import { containerProcesses } from '../../lib/lab/container.js';
import { labDown } from '../../lib/lab/down.js';
import { readLabSpec } from '../../lib/lab/inventory.js';
import { tryRun } from '../../lib/lab/local-command.js';
import { hostNames, LAB_BRIDGE, LAB_CACHE_DIR, LAB_STATE_DIR, labFiles } from '../../lib/lab/paths.js';
import { isRunning, type ProcessId, signal } from '../../lib/lab/processes.js';
import { assertLabRoute } from '../../lib/lab/route.js';
import { labSsh } from '../../lib/lab/ssh.js';
import { readState } from '../../lib/lab/state.js';
import { type LabUpResult, labUp } from '../../lib/lab/up.js';
import { lvsPlay } from '../support/cli.js';
import { forgetLab, LAB_TIMEOUT_MS, labProgress } from '../support/lab.js';

const DEPLOY_PACKAGES = ['keepalived', 'ipvsadm', 'chrony', 'nginx-light'];

async function ssh(address: string, command: string, timeoutMs?: number): Promise<string> {
  const r = await labSsh(address, command, timeoutMs === undefined ? {} : { timeoutMs });
  if (r.code !== 0) throw new Error(`${address}: "${command}" exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const r = await fn();
  process.stderr.write(`      [lab] ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return r;
}

/** Every process of the lab now: the recorded nspawns and everything inside the containers. */
async function labProcesses(): Promise<ProcessId[]> {
  const state = await readState();
  const inside = await Promise.all(Object.keys(state.hosts).map((h) => containerProcesses(hostNames(h))));
  return [...Object.values(state.hosts).map((h) => h.nspawn), ...inside.flat()];
}

describe('lab lifecycle: lvs-play lab up / down on this machine', function () {
  this.timeout(LAB_TIMEOUT_MS);
  let spec: Awaited<ReturnType<typeof readLabSpec>>;
  let first: LabUpResult;
  const address = (name: string) => spec.hosts.find((h) => h.name === name)!.address;
  const directors = () => spec.hosts.filter((h) => h.groups.includes('directors'));

  before(async () => {
    spec = await readLabSpec();
    forgetLab();
    await timed('lab down before the lifecycle', () => labDown({ progress: labProgress }));
  });
  after(() => forgetLab());

  it('refuses a lab address while the lab is down: "lab is not up", not a timeout', async () => {
    await assert.rejects(assertLabRoute('198.18.0.30'), /lab is not up: run lvs-play lab up/);
  });

  it('refuses an address outside 198.18.0.0/15, up or down', async () => {
    await assert.rejects(assertLabRoute('192.168.122.30'), /not a lab address/);
  });

  it('brings up every host of inventory/lab.json, each answering SSH with the lab key and strict host-key checking', async () => {
    first = await timed('lab up from a fresh state', () => labUp({ progress: labProgress }));
    assert.deepEqual(
      first.hosts.map((h) => h.name),
      ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02', 'client'],
    );
    for (const h of first.hosts) {
      const [name, state, failed] = (
        await labSsh(h.address, 'hostname; systemctl is-system-running; systemctl list-units --state=failed --no-legend --plain')
      ).stdout.split('\n');
      assert.equal(name, h.name);
      if (state === 'degraded') process.stderr.write(`      [lab] ${h.name} is degraded: ${failed}\n`);
      assert.ok(state === 'running' || state === 'degraded', `${h.name}: ${state}`);
    }
  });

  it('records one distinct host key per container in the known_hosts the inventory names', async () => {
    const lines = readFileSync(labFiles.knownHosts, 'utf8').trim().split('\n');
    assert.deepEqual(lines.map((l) => l.split(' ')[0]).sort(), spec.hosts.map((h) => h.address).sort());
    assert.ok(
      lines.every((l) => / ssh-ed25519 AAAA\S+$/.test(l)),
      lines.join('\n'),
    );
    assert.equal(new Set(lines.map((l) => l.split(' ')[2])).size, lines.length, 'host keys must differ');
    const inventory = JSON.parse(readFileSync(spec.file, 'utf8'));
    assert.equal(inventory.ssh.knownHosts, labFiles.knownHosts);
    assert.equal(inventory.ssh.identityFile, labFiles.sshKey);
    assert.match(readFileSync(labFiles.vrrpPassword, 'utf8'), /^[A-Za-z0-9]{8}\n$/);
  });

  it('refuses a host whose key is not in known_hosts (strict checking is real)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lvsp-kh-'));
    try {
      const other = join(dir, 'known_hosts');
      // lvs-dr's address with lvs-dr2's key: a host key that does not match
      const line = readFileSync(labFiles.knownHosts, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${address('lvs-dr2')} `))!;
      await writeFile(other, `${line.replace(address('lvs-dr2'), address('lvs-dr'))}\n`);
      const r = await labSsh(address('lvs-dr'), 'true', { knownHosts: other });
      assert.equal(r.code, 255);
      assert.match(r.stderr, /HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts every host bare: keepalived, ipvsadm, chrony and the web server are not installed', async () => {
    for (const d of directors()) {
      const r = await labSsh(d.address, 'dpkg -s keepalived');
      assert.notEqual(r.code, 0, `${d.name}: keepalived is installed`);
    }
    for (const h of spec.hosts) {
      assert.equal(
        (await ssh(h.address, `for p in ${DEPLOY_PACKAGES.join(' ')}; do dpkg -s $p >/dev/null 2>&1 && echo $p; done; true`)).trim(),
        '',
        h.name,
      );
    }
  });

  it('gives each real server an index.html with its own name, for the web server the deploy installs', async () => {
    for (const h of spec.hosts.filter((x) => x.groups.includes('realservers'))) {
      assert.equal(await ssh(h.address, 'cat /var/www/html/index.html'), `${h.name}\n`);
    }
  });

  it('keeps the containers on the lab subnet only: eth0 with the inventory address, no default route, no name server', async () => {
    const out = await ssh(
      address('lvs-dr'),
      'ip -j -4 addr show dev eth0; echo ---; ip -j route; echo ---; grep -c nameserver /etc/resolv.conf || true',
    );
    const [addrs, routes, ns] = out.split('---\n');
    assert.equal(JSON.parse(addrs)[0].addr_info[0].local, address('lvs-dr'));
    assert.deepEqual(
      JSON.parse(routes).map((r: { dst: string }) => r.dst),
      ['198.18.0.0/24'],
    );
    assert.equal(ns.trim(), '0');
  });

  it("installs the deploy's packages from the local repository with no network", async () => {
    // a director stays bare for later deploy tests: simulate there, install for real on the client
    const sim = await ssh(address('lvs-dr'), `apt-get update -qq && apt-get install -s -y ${DEPLOY_PACKAGES.join(' ')}`);
    for (const p of DEPLOY_PACKAGES) assert.match(sim, new RegExp(`^Inst ${p} `, 'm'));
    await ssh(
      address('client'),
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${DEPLOY_PACKAGES.join(' ')} curl >/dev/null`,
      // a real install: 34-52 s measured at load 3-7, past labSsh's 60 s default at load 9-13 (a bound, not a timing)
      300_000,
    );
    assert.match(await ssh(address('client'), 'keepalived --version 2>&1 | head -1'), /Keepalived v2\./);
    assert.equal(await ssh(address('client'), 'curl -s -o /dev/null -w %{http_code} http://127.0.0.1/'), '200');
  });

  it('lets a container set its own arp_ignore (per namespace) and never grants CAP_SYS_TIME', async () => {
    const before = readFileSync('/proc/sys/net/ipv4/conf/all/arp_ignore', 'utf8').trim();
    const inside = before === '1' ? '2' : '1';
    await ssh(address('lvs01'), `echo ${inside} > /proc/sys/net/ipv4/conf/all/arp_ignore`);
    assert.equal((await ssh(address('lvs01'), 'cat /proc/sys/net/ipv4/conf/all/arp_ignore')).trim(), inside);
    assert.equal(readFileSync('/proc/sys/net/ipv4/conf/all/arp_ignore', 'utf8').trim(), before);
    for (const h of spec.hosts) {
      const bnd = BigInt(`0x${(await ssh(h.address, 'grep CapBnd /proc/1/status')).split(/\s+/)[1]}`);
      assert.equal(bnd & (1n << 25n), 0n, `${h.name} has CAP_SYS_TIME`);
      assert.notEqual(bnd & (1n << 12n), 0n, `${h.name} lacks CAP_NET_ADMIN`);
      assert.notEqual(bnd & (1n << 13n), 0n, `${h.name} lacks CAP_NET_RAW`);
    }
  });

  it('a second lab up reuses the running hosts and changes nothing', async () => {
    const again = await timed('second lab up', () => labUp({ progress: labProgress }));
    assert.deepEqual(
      again.hosts.map((h) => [h.name, h.reused, h.pid]),
      first.hosts.map((h) => [h.name, true, h.pid]),
    );
    assert.equal((await labSsh(address('client'), 'dpkg -s keepalived')).code, 0, 'the client kept what was installed');
  });

  it("another machine answering at a host's address (another SSH host key): lab up fails at once naming the host, not at its boot timeout", async () => {
    const lvs02 = address('lvs02');
    const key = '/etc/ssh/ssh_host_ed25519_key';
    // lvs02's sshd answers with a key lab up did not give it: what another machine at its address shows
    const otherKey = await ssh(
      lvs02,
      `cp -a ${key} ${key}.lvsp-orig && cp -a ${key}.pub ${key}.pub.lvsp-orig && rm -f ${key} ${key}.pub && ` +
        `ssh-keygen -q -t ed25519 -N '' -f ${key} && cat ${key}.pub && systemctl restart ssh`,
    );
    const dir = await mkdtemp(join(tmpdir(), 'lvsp-kh-'));
    const otherKnownHosts = join(dir, 'known_hosts');
    await writeFile(otherKnownHosts, `${lvs02} ${otherKey.trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
    try {
      await assert.rejects(
        timed('lab up with another host key at lvs02', () => labUp({ progress: labProgress })),
        (err: Error) => {
          assert.match(err.message, /^lvs02: another machine answers at 198\.18\.0\.20: its SSH host key is not the one lab up gave lvs02/);
          assert.doesNotMatch(err.message, /not up after/);
          return true;
        },
      );
    } finally {
      const back = await labSsh(lvs02, `mv -f ${key}.lvsp-orig ${key} && mv -f ${key}.pub.lvsp-orig ${key}.pub && systemctl restart ssh`, {
        knownHosts: otherKnownHosts,
      });
      await rm(dir, { recursive: true, force: true });
      assert.equal(back.code, 0, `putting lvs02's own key back: ${back.stderr}`);
    }
    const again = await labUp({ progress: labProgress });
    assert.ok(
      again.hosts.every((h) => h.reused),
      'with its own key back, every host is reused',
    );
  });

  it('recovers a lab whose processes were killed (a killed lab up): fresh containers, same addresses and keys', async () => {
    const victims = await labProcesses();
    assert.ok(victims.length > spec.hosts.length, 'nspawn and container processes');
    for (const p of victims) signal(p, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(victims.every((p) => !isRunning(p)));
    assert.ok(
      spec.hosts.every((h) => existsSync(`/run/netns/${hostNames(h.name).netns}`)),
      'namespaces outlive their processes',
    );
    const recovered = await timed('lab up after a kill', () => labUp({ progress: labProgress }));
    assert.ok(recovered.hosts.every((h) => !h.reused));
    for (const h of recovered.hosts) assert.equal((await ssh(h.address, 'hostname')).trim(), h.name);
    assert.notEqual((await labSsh(address('client'), 'dpkg -s keepalived')).code, 0, 'a recreated host starts bare');
  });

  it('lab down finds and removes a lab whose state file was lost', async () => {
    const procs = await labProcesses();
    assert.ok(procs.length > spec.hosts.length);
    await rm(labFiles.stateFile);
    await timed('lab down without a state file', () => labDown({ progress: labProgress }));
    await assertNothingLeft(procs);
  });

  it('lab down after a normal lab up leaves no process, namespace, link, mount or cgroup behind', async () => {
    await labUp({ progress: labProgress });
    const procs = await labProcesses();
    assert.ok(procs.length > spec.hosts.length);
    await timed('lab down', () => labDown({ progress: labProgress }));
    await assertNothingLeft(procs);
  });

  async function assertNothingLeft(procs: ProcessId[]): Promise<void> {
    assert.deepEqual(
      procs.filter(isRunning).map((p) => p.pid),
      [],
      'processes left',
    );
    const netns = existsSync('/run/netns') ? readdirSync('/run/netns') : [];
    for (const h of spec.hosts) {
      const n = hostNames(h.name);
      assert.ok(!netns.includes(n.netns), `namespace ${n.netns} left`);
      for (const root of cgroupRoots()) assert.ok(!existsSync(join(root, n.cgroup)), `cgroup ${root}/${n.cgroup} left`);
      assert.ok(!existsSync(n.dir), `${n.dir} left`);
    }
    const links = JSON.parse((await tryRun('ip', ['-j', 'link', 'show'])).stdout) as { ifname: string }[];
    const lab = links.map((l) => l.ifname).filter((n) => n === LAB_BRIDGE || spec.hosts.some((h) => hostNames(h.name).veth === n));
    assert.deepEqual(lab, [], 'links left');
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .filter(
        (l) =>
          l.includes(LAB_STATE_DIR) ||
          l.includes(LAB_CACHE_DIR) ||
          spec.hosts.some((h) => l.includes(`/run/netns/${hostNames(h.name).netns} `)),
      );
    assert.deepEqual(mounts, [], 'mounts left');
    assert.deepEqual((await readState()).hosts, {});
  }

  it('after down, lab addresses are refused and lab status exits 1', async () => {
    await assert.rejects(assertLabRoute(address('lvs01')), /lab is not up/);
    const r = await lvsPlay(['lab', 'status']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /lab is not up: run lvs-play lab up/);
    assert.match(r.stdout, /^lvs-dr\s+198\.18\.0\.30\s+stopped/m);
  });
});
