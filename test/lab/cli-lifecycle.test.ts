// `lvs-play lab down`, `lab status` and `lab up` as a user runs them (the
// built binary, `npx tsc -p tsconfig.json` first): exit codes, what they
// print, and what exists on this machine afterwards, seen with the system's
// own tools: network namespaces in /run/netns, links and addresses from
// `ip -j`, systemd-nspawn processes found in /proc by the lab's machine names.
// test/lab/lifecycle.test.ts covers the same life through the library.
// A lab found up is left up with inventory/lab.json deployed; one found down
// is taken down at the end of the run.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { lvsPlay } from '../support/cli.js';
import { forgetLab, forgetLabHosts, LAB_TIMEOUT_MS } from '../support/lab.js';

const HOSTS = [
  ['lvs-dr', '198.18.0.30'],
  ['lvs-dr2', '198.18.0.40'],
  ['lvs01', '198.18.0.10'],
  ['lvs02', '198.18.0.20'],
  ['client', '198.18.0.50'],
] as const;
const NAMES = HOSTS.map(([n]) => n);
const STATE = '/var/lib/lvs-play/lab/state.json';
const HOSTS_DIR = '/var/lib/lvs-play/lab/hosts';

/** Every systemd-nspawn on this machine whose --machine is one of the lab's names: host -> PIDs. */
function nspawns(): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!/(^|\/)systemd-nspawn$/.test(argv[0] ?? '')) continue;
    const machine = argv.find((a) => a.startsWith('--machine=lvsp-'))?.slice('--machine=lvsp-'.length);
    if (machine) found.set(machine, [...(found.get(machine) ?? []), Number(entry)]);
  }
  return found;
}

// by the lab's own names only: other suites make lvsp-sshtest-* namespaces and lvsp-tN links of their own
const LAB_NETNS = NAMES.map((n) => `lvsp-${n}`);
/** The process that had this PID and start time (field 22 of /proc/PID/stat) still runs: not gone, not a zombie, not a reused PID. */
function alive(pid: number, start: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] !== 'Z' && Number(fields[19]) === start;
  } catch {
    return false;
  }
}

const netns = () =>
  existsSync('/run/netns')
    ? readdirSync('/run/netns')
        .filter((n) => LAB_NETNS.includes(n))
        .sort()
    : [];
interface Link {
  ifname: string;
  master?: string;
  operstate: string;
  addr_info?: { family: string; local: string; prefixlen: number }[];
}
const links = (): Link[] => JSON.parse(execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8' })) as Link[];
const labLinks = () =>
  links()
    .map((l) => l.ifname)
    .filter((n) => n === 'lvsp-br0' || n.startsWith('lvsp-v-') || n.startsWith('lvsp-t-'))
    .sort();
const state = () =>
  JSON.parse(readFileSync(STATE, 'utf8')) as {
    hosts: Record<string, { nspawn: { pid: number; start: number } }>;
    vms: Record<string, unknown>;
  };
const row = (name: string, address: string, rest: string) => new RegExp(`^${name}\\s+${address.replace(/\./g, '\\.')}\\s+${rest}`, 'm');

describe('lvs-play lab down / status / up through the built CLI', function () {
  this.timeout(LAB_TIMEOUT_MS);
  let wasUp = false;

  before(async () => {
    wasUp = (await lvsPlay(['lab', 'status'])).code === 0;
    // found down: the run's last hook takes it down again; found up: it is left up and deployed
    if (!wasUp) forgetLab();
    // from whatever it was (down, half up, directors as VMs): every host a running container
    const up = await lvsPlay(['lab', 'up']);
    assert.equal(up.code, 0, up.stdout + up.stderr);
  });

  after(async () => {
    // the hosts other suites were given are gone (new PIDs, bare hosts)
    forgetLabHosts();
    if (!wasUp) return;
    // found up: left up, as inventory/lab.json says
    const up = await lvsPlay(['lab', 'up']);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    const d = await lvsPlay(['deploy', 'inventory/lab.json']);
    assert.equal(d.code, 0, d.stdout + d.stderr);
  });

  it('lab down on a running lab exits 0, names every host it removed, and leaves no nspawn, namespace, lab link or host directory', async () => {
    const before = nspawns();
    assert.deepEqual([...before.keys()].sort(), [...NAMES].sort(), 'the lab runs one nspawn per host before');
    const recorded = Object.values(state().hosts).map((h) => h.nspawn);
    assert.deepEqual(recorded.map((p) => p.pid).sort(), [...before.values()].flat().sort(), 'the state file records those nspawns');
    const r = await lvsPlay(['lab', 'down']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const last = r.stdout.trimEnd().split('\n').at(-1)!;
    const removed = /^lab is down \(removed (.+)\)$/.exec(last);
    assert.ok(removed, r.stdout);
    assert.deepEqual(removed[1]!.split(' ').sort(), [...NAMES].sort());
    assert.match(r.stdout, /^-> stopping /m);
    assert.deepEqual([...nspawns().keys()], [], 'no systemd-nspawn of a lab machine left');
    for (const p of recorded) assert.ok(!alive(p.pid, p.start), `nspawn ${p.pid} still runs`);
    assert.deepEqual(netns(), [], 'no network namespace of a lab host left');
    assert.deepEqual(labLinks(), [], 'no lab link left (bridge, veths, taps)');
    assert.ok(!existsSync(HOSTS_DIR) || readdirSync(HOSTS_DIR).length === 0, 'no per-host directory left');
    assert.deepEqual(state().hosts, {});
  });

  it('lab status on a lab that is down exits 1: every host stopped, the bridge absent, "lab is not up"', async () => {
    const r = await lvsPlay(['lab', 'status']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^bridge: lvsp-br0 absent$/m);
    for (const [name, address] of HOSTS) assert.match(r.stdout, row(name, address, 'stopped\\s+ssh -\\s+-\\s+container$'));
    assert.match(r.stdout, /^lab is not up: run lvs-play lab up$/m);
    const json = JSON.parse((await lvsPlay(['lab', 'status', '--json'])).stdout) as { up: boolean; hosts: { pid: number | null }[] };
    assert.equal(json.up, false);
    assert.ok(json.hosts.every((h) => h.pid === null));
  });

  it('lab down with nothing running exits 0 and says so', async () => {
    const r = await lvsPlay(['lab', 'down']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), 'lab is down (nothing was running)');
    assert.doesNotMatch(r.stdout, /stopping/);
  });

  it('lab up from nothing exits 0, lists every host running, and makes one nspawn, namespace and bridge port per host', async () => {
    const r = await lvsPlay(['lab', 'up']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    process.stderr.write(`      [lab] ${r.stdout.split('\n').find((l) => l.startsWith('lab is up')) ?? r.stdout}\n`);
    assert.match(r.stdout, /^lab is up: 5 hosts \(0 already running\) in \d+\.\d s$/m);
    for (const [name, address] of HOSTS)
      assert.match(r.stdout, new RegExp(`^  ${name}\\s+${address.replace(/\./g, '\\.')}\\s+(running|degraded)$`, 'm'));
    // the last line says how to get a shell on the first host (through lab ssh, which checks the route first)
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), 'a shell on a host: lvs-play lab ssh lvs-dr');

    const s = state();
    const running = nspawns();
    for (const name of NAMES)
      assert.deepEqual(running.get(name), [s.hosts[name]!.nspawn.pid], `${name}: one nspawn, the one the state file records`);
    assert.deepEqual(netns(), [...LAB_NETNS].sort());
    const all = links();
    const bridge = all.find((l) => l.ifname === 'lvsp-br0');
    assert.ok(bridge, 'the bridge lvsp-br0 exists');
    assert.deepEqual(
      bridge.addr_info?.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`),
      ['198.18.0.1/24'],
    );
    assert.deepEqual(
      all
        .filter((l) => l.master === 'lvsp-br0')
        .map((l) => l.ifname)
        .sort(),
      NAMES.map((n) => `lvsp-v-${n}`).sort(),
    );
    // each host is itself, over SSH with the lab's key and strict host-key checking
    for (const [name, address] of HOSTS) {
      const out = execFileSync(
        'ssh',
        [
          '-i',
          '/var/lib/lvs-play/lab/ssh/id_ed25519',
          '-o',
          'UserKnownHostsFile=/var/lib/lvs-play/lab/ssh/known_hosts',
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          'BatchMode=yes',
          '-o',
          'ConnectTimeout=10',
          `root@${address}`,
          'hostname',
        ],
        { encoding: 'utf8' },
      );
      assert.equal(out.trim(), name);
    }
  });

  it('lab status on the lab up exits 0: each host running with the PID the state file records, ssh ok, "lab is up"', async () => {
    const r = await lvsPlay(['lab', 'status']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^bridge: lvsp-br0 198\.18\.0\.1\/24$/m);
    const s = state();
    for (const [name, address] of HOSTS)
      assert.match(
        r.stdout,
        row(name, address, `running \\(pid ${s.hosts[name]!.nspawn.pid}\\)\\s+ssh ok\\s+(running|degraded)\\s+container$`),
      );
    assert.match(r.stdout, /^lab is up$/m);
  });

  it('a second lab up exits 0, reuses all five hosts and starts no new nspawn', async () => {
    const before = nspawns();
    const r = await lvsPlay(['lab', 'up']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^lab is up: 5 hosts \(5 already running\) in \d+\.\d s$/m);
    assert.deepEqual(nspawns(), before);
  });
});
