// A real, throwaway OpenSSH server for tests, in a network namespace of its
// own: nothing listens on the control machine's network. Needs root, iproute2
// and openssh-server (+ sudo for the sudo users) installed but not running.
//
//   root namespace  lvsp-tX 198.19.X.1/24 ── veth ── eth0 198.19.X.2/24  [netns lvsp-sshtest-PID-X: sshd]
//   with { behind: front }:   front netns  vX 198.19.Y.1/24 ── veth ── eth0 198.19.Y.2/24  [netns ...-Y: sshd]
//                             (no route from the control machine: reachable only through the front sshd)
//
// Addresses come from 198.19.200-254.0/24 (inside the lab range 198.18.0.0/15),
// skipping any prefix already routed on the machine, so two test runs or the
// lab do not collide. sshd runs in a private mount namespace where its own
// passwd/group/shadow/sudoers and /run are bind-mounted: test users exist only
// there, and the control machine's files are never changed.
// Teardown is by PID (the sshd and whatever else runs in its namespace) and by
// namespace name.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../lib/inventory/types.js';
import { run } from '../../lib/lab/local-command.js';
import { generateKey, type TestKey } from './keys.js';

export interface SshdUser {
  name: string;
  uid: number;
  sudo: 'nopasswd' | 'password';
}

/** users every test sshd has besides root */
export const TEST_USERS: SshdUser[] = [
  { name: 'lvsp', uid: 64100, sudo: 'nopasswd' },
  { name: 'lvsp-pw', uid: 64101, sudo: 'password' },
];

export interface SshdOptions {
  ports?: number[]; // default [22]
  behind?: TestSshd; // attach to this sshd's namespace instead of the control machine
  config?: string[]; // extra sshd_config lines, e.g. "MaxStartups 3"
}

export interface TestSshd {
  netns: string;
  device: string | null; // the control-side veth, to allow in the lab route check; null when behind
  address: string; // where sshd listens
  gateway: string; // the other end of its link
  unusedAddress: string; // on the link, no one there: connecting fails with EHOSTUNREACH
  droppedAddress: string; // routed into the namespace and silently dropped: connecting times out
  ports: number[];
  dir: string; // the fixture's own files
  hostKey: TestKey;
  clientKey: TestKey; // authorized for root and every test user
  pid: number;
  /** "ADDRESS TYPE KEY" ([ADDRESS]:PORT off 22) */
  knownHostsLine(port?: number): string;
  /** a Host for this sshd: root, port 22, clientKey, a known_hosts file in dir holding its key */
  host(overrides?: { name?: string; ssh?: Partial<Host['ssh']> }): Host;
  /** authorize one more public key line for every user */
  authorize(publicLine: string): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<{ netns: string; device: string | null; pid: number }>();
const takenOctets = new Set<number>();

export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  const ports = options.ports ?? [22];
  const dir = await mkdtemp(join(tmpdir(), 'lvsp-sshd-'));
  const octet = await freeOctet();
  const prefix = `198.19.${octet}`;
  const netns = `lvsp-sshtest-${process.pid}-${octet}`;
  const device = options.behind ? null : `lvsp-t${octet}`;
  const record = { netns, device, pid: 0 };
  running.add(record);
  try {
    await ip('netns', 'add', netns);
    await ip('-n', netns, 'link', 'set', 'lo', 'up');
    if (options.behind) {
      const front = options.behind.netns;
      await ip('-n', front, 'link', 'add', `v${octet}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns);
      await ip('-n', front, 'addr', 'add', `${prefix}.1/24`, 'dev', `v${octet}`);
      await ip('-n', front, 'link', 'set', `v${octet}`, 'up');
    } else {
      await ip('link', 'add', device!, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns);
      await ip('addr', 'add', `${prefix}.1/24`, 'dev', device!);
      await ip('link', 'set', device!, 'up');
      // into the namespace, which does not forward: packets vanish, no error comes back
      await ip('route', 'add', `${prefix}.5/32`, 'via', `${prefix}.2`, 'dev', device!);
    }
    await ip('-n', netns, 'addr', 'add', `${prefix}.2/24`, 'dev', 'eth0');
    await ip('-n', netns, 'link', 'set', 'eth0', 'up');

    const [hostKey, clientKey] = await Promise.all([generateKey(dir, 'ssh_host_ed25519_key'), generateKey(dir, 'client_key')]);
    await writeAccounts(dir, [clientKey.publicLine]);
    const config = [
      ...ports.map((p) => `ListenAddress ${prefix}.2:${p}`),
      `HostKey ${hostKey.privateFile}`,
      'PidFile none',
      `AuthorizedKeysFile ${dir}/authorized_keys/%u`,
      'StrictModes no',
      'MaxSessions 10',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'LogLevel VERBOSE',
      ...(options.config ?? []),
    ];
    await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`);

    const child = spawnSshd(netns, dir);
    record.pid = child.pid!;
    await listening(child, ports.length);

    const knownHostsFile = join(dir, 'known_hosts');
    const line = (port = 22) => `${port === 22 ? `${prefix}.2` : `[${prefix}.2]:${port}`} ${hostKey.publicLine}`;
    await writeFile(
      knownHostsFile,
      `${line(22)}\n${ports
        .filter((p) => p !== 22)
        .map((p) => `${line(p)}\n`)
        .join('')}`,
    );
    return {
      netns,
      device,
      address: `${prefix}.2`,
      gateway: `${prefix}.1`,
      unusedAddress: `${prefix}.3`,
      droppedAddress: `${prefix}.5`,
      ports,
      dir,
      hostKey,
      clientKey,
      pid: child.pid!,
      knownHostsLine: line,
      host: (o = {}) => ({
        name: o.name ?? `sshd-${octet}`,
        address: `${prefix}.2`,
        groups: [],
        ssh: { user: 'root', port: ports[0]!, identityFile: clientKey.privateFile, knownHosts: knownHostsFile, ...o.ssh },
      }),
      authorize: async (publicLine) => {
        for (const u of ['root', ...TEST_USERS.map((t) => t.name)]) {
          const f = join(dir, 'authorized_keys', u);
          await writeFile(f, `${(await readFile(f, 'utf8')) + publicLine}\n`);
        }
      },
      stop: () => stop(record, dir, child),
    };
  } catch (err) {
    await stop(record, dir, null);
    throw err;
  }
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

/** A 198.19.X.0/24 no route on this machine uses yet (nor this process). */
async function freeOctet(): Promise<number> {
  const stdout = await run('ip', ['-j', 'route', 'show', 'table', 'all']);
  const used = new Set(
    (JSON.parse(stdout) as { dst?: string }[])
      .map((r) => /^198\.19\.(\d+)\./.exec(r.dst ?? '')?.[1])
      .filter((x): x is string => x !== undefined)
      .map(Number),
  );
  for (let i = 0; i < 55; i++) {
    const octet = 200 + ((process.pid + i) % 55);
    if (!used.has(octet) && !takenOctets.has(octet)) {
      takenOctets.add(octet);
      return octet;
    }
  }
  throw new Error('no free 198.19.200-254.0/24 for a test sshd');
}

/** passwd/group/shadow/sudoers for sshd's private mount namespace, and each user's authorized_keys. */
async function writeAccounts(dir: string, keys: string[]): Promise<void> {
  await mkdir(join(dir, 'etc'));
  await mkdir(join(dir, 'run'), { mode: 0o755 });
  await mkdir(join(dir, 'authorized_keys'));
  // root logs in to a home and shell of the fixture's own: sshd runs the
  // command through the login shell, and bash would read the machine's
  // /root/.bashrc (here it runs `pyenv rehash`, which waits up to a minute on
  // a lock another session holds or left behind)
  const passwd = (await readFile('/etc/passwd', 'utf8')).replace(
    /^root:([^:]*):0:0:([^:]*):[^:]*:[^:\n]*$/m,
    `root:$1:0:0:$2:${dir}/home/root:/bin/sh`,
  );
  const group = await readFile('/etc/group', 'utf8');
  const extraPasswd = TEST_USERS.map((u) => `${u.name}:x:${u.uid}:${u.uid}:lvs-play test:${dir}/home/${u.name}:/bin/sh\n`).join('');
  const extraGroup = TEST_USERS.map((u) => `${u.name}:x:${u.uid}:\n`).join('');
  const names = (passwd + extraPasswd)
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(':')[0]);
  // "*": no password, not locked (sshd without PAM refuses "!" accounts)
  await writeFile(join(dir, 'etc', 'passwd'), passwd + extraPasswd);
  await writeFile(join(dir, 'etc', 'group'), group + extraGroup);
  await writeFile(join(dir, 'etc', 'shadow'), names.map((n) => `${n}:*:19000:0:99999:7:::\n`).join(''), { mode: 0o640 });
  const sudoers = [
    'Defaults env_reset',
    'Defaults !fqdn',
    'Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
    'root ALL=(ALL:ALL) ALL',
    ...TEST_USERS.map((u) => `${u.name} ALL=(ALL:ALL) ${u.sudo === 'nopasswd' ? 'NOPASSWD: ' : ''}ALL`),
  ];
  await writeFile(join(dir, 'etc', 'sudoers'), `${sudoers.join('\n')}\n`);
  await chmod(join(dir, 'etc', 'sudoers'), 0o440);
  for (const u of ['root', ...TEST_USERS.map((t) => t.name)]) {
    await writeFile(join(dir, 'authorized_keys', u), `${keys.join('\n')}\n`);
  }
  await mkdir(join(dir, 'home', 'root'), { recursive: true });
  for (const u of TEST_USERS) {
    await mkdir(join(dir, 'home', u.name), { recursive: true });
    await run('chown', [`${u.uid}:${u.uid}`, join(dir, 'home', u.name)]);
  }
  // the test users must be able to reach their home folders
  await chmod(dir, 0o755);
}

function spawnSshd(netns: string, dir: string): ChildProcess {
  const e = (p: string) => `'${p.replaceAll("'", `'\\''`)}'`;
  const script = [
    'set -e',
    ...['passwd', 'group', 'shadow', 'sudoers'].map((f) => `mount --bind ${e(join(dir, 'etc', f))} /etc/${f}`),
    `mount --bind ${e(join(dir, 'run'))} /run`,
    'mkdir -m 0755 /run/sshd',
    `/usr/sbin/sshd -t -f ${e(join(dir, 'sshd_config'))}`,
    `exec /usr/sbin/sshd -D -e -f ${e(join(dir, 'sshd_config'))}`,
  ].join('\n');
  // ip netns exec, unshare and sh all exec: the child's PID is sshd's
  return spawn('ip', ['netns', 'exec', netns, 'unshare', '--mount', '--propagation', 'private', '/bin/sh', '-c', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Wait for sshd's "Server listening on" lines (one per port). */
function listening(child: ChildProcess, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not start listening within 10 s:\n${log}`)), 10_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      log += d;
      if ((log.match(/Server listening on/g) ?? []).length >= count) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited (${code}) before listening:\n${log}`));
    });
  });
}

async function stop(record: { netns: string; device: string | null; pid: number }, dir: string, child: ChildProcess | null): Promise<void> {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  stopSync(record);
  running.delete(record);
  await rm(dir, { recursive: true, force: true });
}

/** Kill what still runs in the namespace (sshd's session children, by PID), then delete it. */
function stopSync(record: { netns: string; device: string | null; pid: number }): void {
  try {
    const pids = execFileSync('ip', ['netns', 'pids', record.netns], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  } catch {
    /* no such namespace */
  }
  if (record.device) {
    try {
      execFileSync('ip', ['link', 'del', record.device], { stdio: 'ignore' });
    } catch {
      /* gone with the namespace */
    }
  }
  try {
    execFileSync('ip', ['netns', 'del', record.netns], { stdio: 'ignore' });
  } catch {
    /* already deleted */
  }
}

// mocha --exit ends the process without after() hooks when a test hangs: still tear down
process.once('exit', () => {
  for (const record of running) {
    if (record.pid) {
      try {
        process.kill(record.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    stopSync(record);
  }
});
