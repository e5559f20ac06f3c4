// The datapath lab's VM pieces that need no VM: kernel package and config
// checks, the initrd's module list and /init, qemu's command line, tap names
// and MACs, the guest's network unit and fstab, and the NTP responder (run
// on loopback and asked like chrony asks).

import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootFailure, bootFailureReason, KEPT_CONSOLES_PER_HOST, keepConsole, keptConsoleName } from '../../lib/lab/boot-failure.js';
import { waitBooted } from '../../lib/lab/host.js';
import { labSpecOf } from '../../lib/lab/inventory.js';
import { type HostNames, hostNames } from '../../lib/lab/paths.js';
import { processId } from '../../lib/lab/processes.js';
import type { VmRecord } from '../../lib/lab/state.js';
import type { VmBase } from '../../lib/lab/vm/base.js';
import { assertDatapathSpec } from '../../lib/lab/vm/datapath.js';
import { REPO_TAG, renderFstab, renderNetworkFile, renderNetworkUnit } from '../../lib/lab/vm/guest-files.js';
import { INITRD_FAILED, INROOT_FUNCTION, PROBE_MARK, parseShowDepends, ROOT_WAIT_S, renderInit } from '../../lib/lab/vm/initrd.js';
import { abiPackage, missingKernelOptions, REQUIRED_KERNEL_OPTIONS } from '../../lib/lab/vm/kernel.js';
import { accelArgs, KERNEL_COMMAND_LINE, qemuArgs, type VmLaunch } from '../../lib/lab/vm/qemu.js';
import { isLabTap, macAddress, tapName } from '../../lib/lab/vm/tap.js';
import { TIME_SERVER_SCRIPT } from '../../lib/lab/vm/time-server.js';
import { vmHealthy, vmSettings } from '../../lib/lab/vm/vm-host.js';
import { inventoryJson } from '../support/clusters.js';

describe('lab VMs (datapath mode), pure parts', () => {
  it('finds the versioned kernel package linux-image-amd64 depends on', () => {
    assert.equal(abiPackage('linux-image-amd64\n  Depends: linux-image-6.1.0-57-amd64\n'), 'linux-image-6.1.0-57-amd64');
    assert.throws(() => abiPackage('linux-image-amd64\n'), /cannot tell which kernel/);
  });

  it('a kernel config must have every required option built in or as a module', () => {
    const all = REQUIRED_KERNEL_OPTIONS.map((o, i) => `CONFIG_${o}=${i % 2 ? 'm' : 'y'}`).join('\n');
    assert.deepEqual(missingKernelOptions(all), []);
    assert.deepEqual(
      missingKernelOptions(
        all.replace('CONFIG_IP_VS=m', '# CONFIG_IP_VS is not set').replace('CONFIG_IP_VS=y', '# CONFIG_IP_VS is not set'),
      ),
      ['IP_VS'],
    );
  });

  it('the initrd loads modules in modprobe --show-depends order, each once', () => {
    const out =
      'insmod /lib/modules/6.1/kernel/drivers/virtio/virtio_ring.ko \ninsmod /lib/modules/6.1/kernel/drivers/virtio/virtio.ko \n' +
      'builtin crc32c\ninsmod /lib/modules/6.1/kernel/drivers/virtio/virtio_ring.ko \n';
    assert.deepEqual(parseShowDepends(out), [
      '/lib/modules/6.1/kernel/drivers/virtio/virtio_ring.ko',
      '/lib/modules/6.1/kernel/drivers/virtio/virtio.ko',
    ]);
    const init = renderInit();
    assert.match(init, /^#!\/bin\/busybox sh\n/);
    assert.match(init, /insmod "\$m"/);
    assert.match(init, new RegExp(`lvsp\\.probe.*echo "${PROBE_MARK}"; poweroff -f`));
    assert.match(init, /init=\/sbin\/init\n.*init=\*\) init="\$\{arg#init=\}"/);
    assert.match(init, /exec switch_root \/newroot "\$init"\n$/);
  });

  it('qemu: TCG or KVM, bounded memory, the tap, the disk, the repository read-only over 9p, the console in a file', () => {
    const l: VmLaunch = {
      host: 'lvs-dr',
      disk: '/h/disk.img',
      tap: 'lvsp-t-lvs-dr',
      mac: '52:54:00:12:00:1e',
      vmlinuz: '/b/vmlinuz',
      initrd: '/b/initrd.img',
      repo: '/var/cache/lvs-play/apt-repo',
      console: '/h/console.log',
      pidfile: '/h/qemu.pid',
      accel: 'tcg',
      memoryMb: 512,
      cpus: 1,
    };
    const args = qemuArgs(l).join(' ');
    assert.match(args, /-accel tcg,thread=multi -cpu max -smp 1 -m 512M/);
    assert.match(
      args,
      /-netdev tap,id=net0,ifname=lvsp-t-lvs-dr,script=no,downscript=no -device virtio-net-pci,netdev=net0,mac=52:54:00:12:00:1e/,
    );
    assert.match(
      args,
      new RegExp(
        `path=/var/cache/lvs-play/apt-repo,security_model=none,readonly=on -device virtio-9p-pci,fsdev=repo,mount_tag=${REPO_TAG}`,
      ),
    );
    assert.match(args, /-serial file:\/h\/console\.log -pidfile \/h\/qemu\.pid/);
    assert.match(args, /console=ttyS0 net\.ifnames=0 panic=-1 no_timer_check lvsp\.host=lvs-dr/);
    assert.ok(KERNEL_COMMAND_LINE.split(' ').includes('no_timer_check'), 'the timer check panics under TCG on a loaded machine');
    assert.ok(qemuArgs(l).includes('guest=lvsp-lvs-dr'));
    assert.deepEqual(accelArgs('kvm'), ['-accel', 'kvm', '-cpu', 'host']);
    assert.match(qemuArgs({ ...l, append: 'init=/bin/false' }).join(' '), /lvsp\.host=lvs-dr init=\/bin\/false -drive/);
  });

  it('VM size: 512 MB and one vCPU by default, settable within bounds', () => {
    assert.deepEqual(vmSettings({}), { memoryMb: 512, cpus: 1, append: '' });
    assert.deepEqual(vmSettings({ LVS_PLAY_LAB_VM_MEMORY_MB: '1024', LVS_PLAY_LAB_VM_CPUS: '2' }), { memoryMb: 1024, cpus: 2, append: '' });
    assert.deepEqual(vmSettings({ LVS_PLAY_LAB_VM_MEMORY_MB: '64', LVS_PLAY_LAB_VM_CPUS: 'many' }), { memoryMb: 512, cpus: 1, append: '' });
  });

  it('tap names carry the lab prefix and fit 15 characters; MACs come from the address', () => {
    assert.equal(tapName('lvs-dr2'), 'lvsp-t-lvs-dr2');
    const long = tapName('a-rather-long-director-name');
    assert.ok(long.length <= 15 && isLabTap(long), long);
    assert.ok(isLabTap('lvsp-t-lvs-dr') && !isLabTap('lvsp-v-lvs-dr') && !isLabTap('lvsp-br0'));
    assert.equal(macAddress('198.18.0.30'), '52:54:00:12:00:1e');
  });

  it('the guest: eth0 from a per-host file, the repository mounted from 9p, no fstab line for /', () => {
    assert.equal(renderNetworkFile('198.18.0.30', 24).split('\n')[1], 'ADDRESS=198.18.0.30/24');
    assert.match(
      renderNetworkUnit(),
      /EnvironmentFile=\/etc\/lvs-play\/network\nExecStart=\/sbin\/ip link set lo up\nExecStart=\/sbin\/ip address replace \$\{ADDRESS\} dev eth0/,
    );
    const fstab = renderFstab()
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(fstab, [`${REPO_TAG} /srv/lvs-play-repo 9p trans=virtio,version=9p2000.L,ro,msize=262144,nofail 0 0`]);
  });

  it('the datapath lab wants keepalived in full and some directors', () => {
    const full = inventoryJson('lab');
    full.keepalived = { mode: 'full' };
    assert.doesNotThrow(() => assertDatapathSpec(labSpecOf('/x.json', full)));
    const vrrpOnly = inventoryJson('lab');
    vrrpOnly.keepalived = { mode: 'vrrp-only' };
    assert.throws(() => assertDatapathSpec(labSpecOf('/x.json', vrrpOnly)), /keepalived\.mode is "vrrp-only"[\s\S]*/);
  });

  it("the NTP responder answers a client request: mode 4, stratum 2, the client's transmit time echoed, its own time close to ours", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['-e', TIME_SERVER_SCRIPT, '127.0.0.1', String(port), 'test-mark'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('listening')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`responder exited ${code}`)));
      });
      const sock = createSocket('udp4');
      const q = Buffer.alloc(48);
      q[0] = (4 << 3) | 3;
      q.write('ORIGINTS', 40, 'ascii');
      const reply = await new Promise<Buffer>((resolve) => {
        sock.on('message', (m) => resolve(m));
        sock.send(q, port, '127.0.0.1');
      });
      sock.close();
      assert.equal(reply.length, 48);
      assert.equal(reply[0]! & 7, 4);
      assert.equal((reply[0]! >> 3) & 7, 4);
      assert.equal(reply[0]! >> 6, 0, 'leap indicator: synchronised');
      assert.equal(reply[1], 2);
      assert.equal(reply.subarray(24, 32).toString('ascii'), 'ORIGINTS');
      const transmit = reply.readUInt32BE(40) - 2208988800 + reply.readUInt32BE(44) / 2 ** 32;
      assert.ok(Math.abs(transmit - Date.now() / 1000) < 1, `transmit time ${transmit}`);
    } finally {
      child.kill();
    }
  });
});

/** Runs a shell script with the control machine's /bin/sh (dash: POSIX, like busybox ash for what /init uses). */
function sh(script: string, args: string[] = []): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', script, 'sh', ...args], { encoding: 'utf8', timeout: 10_000 }, (err, stdout) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout });
    });
  });
}

/** Rejects with an error whose message (not its String(), which starts with the class name) matches re. */
async function rejectsWith(p: Promise<unknown>, re: RegExp): Promise<void> {
  await assert.rejects(p, (err: Error) => {
    assert.match(err.message, re);
    return true;
  });
}

/** A panicking VM's console (lines as the CI run that failed printed them). */
const PANIC_CONSOLE = `${[
  '[    0.000000] Command line: console=ttyS0 net.ifnames=0 panic=-1 lvsp.host=lvs-dr2 init=/bin/false',
  '[    5.301000] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100',
  '[    5.377499]  panic+0x118/0x2f4',
  '[    5.377731]  do_group_exit+0x2d/0x80',
  '[    5.385044] Kernel Offset: 0x2a000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)',
].join('\r\n')}\r\n`;

describe('lab VMs: the initrd never lets PID 1 exit, and a host that does not boot says why and keeps its console', function () {
  this.timeout(20_000); // shells and processes, on a machine that may be loaded
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'lvsp-vm-test-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** A host's names with its directory (console.log) under tmp. */
  async function names(host = 'lvs-dr2'): Promise<HostNames> {
    const n = { ...hostNames(host), dir: join(tmp, 'hosts', host) };
    await mkdir(n.dir, { recursive: true });
    return n;
  }

  it('/init: every failure powers off and then sleeps forever; the only exec is switch_root, last, after the checks it needs', () => {
    const init = renderInit();
    const lines = init.trimEnd().split('\n');
    // poweroff -f returns only if it failed: each one is followed by an endless sleep, never by the end of the script
    lines.forEach((l, i) => {
      if (l.includes('poweroff -f')) assert.match(l + lines[i + 1]!, /poweroff -f;?\s*(?:while :; do sleep 3600; done)/, l);
    });
    assert.deepEqual(
      lines.filter((l) => !l.startsWith('#') && /\bexit\b|set -e/.test(l)),
      [],
    );
    assert.deepEqual(
      lines.filter((l) => /^\s*exec\b/.test(l)),
      ['exec switch_root /newroot "$init"'],
    );
    assert.equal(lines.at(-1), 'exec switch_root /newroot "$init"');
    const before = (re: RegExp) => {
      const i = lines.findIndex((l) => re.test(l));
      assert.ok(i >= 0 && i < lines.length - 1, String(re));
      assert.match(lines[i]!, /\|\| fail /, lines[i]);
    };
    before(/^mount -t ext4 -o rw \/dev\/vda \/newroot/);
    before(/^grep -q '\^\/dev\/vda \/newroot ' \/proc\/mounts/); // switch_root needs a mount point
    before(/^\[ -f "\$target" \] && \[ -x "\$target" \]/); // and an executable init on it
    before(/^\[ -d \/newroot\/dev \]/);
    before(/^mount --move \/dev \/newroot\/dev/);
    // the wait for the root disk is bounded, and says so when it gives up
    assert.match(init, new RegExp(`\\[ \\$i -lt ${ROOT_WAIT_S * 10} \\] \\|\\| fail "/dev/vda did not appear within ${ROOT_WAIT_S} s`));
  });

  it("/init's fail: prints the reason after the FAILED mark, and does not return even when poweroff does", async () => {
    const functions = /^say\(\) [\s\S]*?\n(?=inroot\(\))/m.exec(renderInit())![0];
    // stubs: a poweroff that returns (as when there is no ACPI), a sleep that ends the test shell on its third call
    const r = await sh(
      `poweroff() { echo poweroff-returned; }\nn=0; sleep() { n=$((n+1)); [ $n -lt 3 ] || exit 42; }\n${functions}\nfail "the reason"; echo fail-returned`,
    );
    assert.equal(r.code, 42);
    assert.equal(r.stdout, `${INITRD_FAILED}the reason\npoweroff-returned\n`);
  });

  it("/init's inroot: follows links as the new root sees them (Debian's /sbin/init, absolute and relative), and gives up on a loop", async () => {
    const root = join(tmp, 'newroot');
    for (const d of ['usr/sbin', 'usr/lib/systemd', 'usr/bin']) await mkdir(join(root, d), { recursive: true });
    await writeFile(join(root, 'usr/lib/systemd/systemd'), '', { mode: 0o755 });
    await writeFile(join(root, 'usr/bin/false'), '', { mode: 0o755 });
    await symlink('usr/sbin', join(root, 'sbin'));
    await symlink('usr/lib', join(root, 'lib'));
    await symlink('usr/bin', join(root, 'bin'));
    await symlink('/lib/systemd/systemd', join(root, 'usr/sbin/init')); // absolute: must not resolve on this machine
    await symlink('/loop-b', join(root, 'loop-a'));
    await symlink('loop-a', join(root, 'loop-b'));
    const inroot = async (path: string) => sh(`${INROOT_FUNCTION}\ninroot "$1" "$2"`, [root, path]);
    assert.deepEqual(await inroot('/sbin/init'), { code: 0, stdout: `${root}/usr/lib/systemd/systemd\n` });
    assert.deepEqual(await inroot('/bin/false'), { code: 0, stdout: `${root}/usr/bin/false\n` });
    assert.deepEqual(await inroot('/usr/sbin/../bin/./false'), { code: 0, stdout: `${root}/usr/bin/false\n` });
    assert.deepEqual(await inroot('/sbin/no-such-init'), { code: 0, stdout: `${root}/usr/sbin/no-such-init\n` });
    assert.equal((await inroot('/loop-a')).code, 1);
  });

  it("the reason for a failed boot: the initrd's FAILED line, else the kernel's panic line, else none", () => {
    assert.equal(bootFailureReason(PANIC_CONSOLE), 'Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100');
    assert.equal(
      bootFailureReason(
        "[    0.076000] Kernel panic - not syncing: IO-APIC + timer doesn't work!  Boot with apic=debug and send a report.\n",
      ),
      "Kernel panic - not syncing: IO-APIC + timer doesn't work!  Boot with apic=debug and send a report.",
    );
    assert.equal(
      bootFailureReason(
        `[ 9.2] EXT4-fs (vda): mounted\r\n${INITRD_FAILED}/sbin/x is not an executable file on /dev/vda\r\n[ 11.3] reboot: Power down\r\n`,
      ),
      `${INITRD_FAILED}/sbin/x is not an executable file on /dev/vda`,
    );
    assert.equal(bootFailureReason('[  OK  ] Reached target \x1b[0;1;39mMulti-User System\x1b[0m.\n'), null);
    assert.equal(bootFailureReason(''), null);
  });

  it("a failed host's console is copied to the log directory as <host>-console-<UTC time>.log, the newest per host kept", async () => {
    const n = await names();
    const logs = join(tmp, 'log');
    assert.equal(await keepConsole(n, new Date(), logs), null, 'no console, nothing kept');
    await writeFile(join(n.dir, 'console.log'), PANIC_CONSOLE);
    assert.equal(keptConsoleName('lvs-dr2', new Date('2026-12-01T21:44:55.123Z')), 'lvs-dr2-console-20261201T214455Z.log');
    await mkdir(logs, { recursive: true });
    await writeFile(join(logs, 'lvs-dr-console-20200101T000000Z.log'), 'another host');
    await writeFile(join(logs, 'notes.txt'), 'not a console');
    const kept: string[] = [];
    for (let i = 0; i < KEPT_CONSOLES_PER_HOST + 2; i++)
      kept.push((await keepConsole(n, new Date(Date.UTC(2026, 11, 1, 10, 0, i)), logs))!);
    assert.equal(readFileSync(kept.at(-1)!, 'utf8'), PANIC_CONSOLE);
    const left = readdirSync(logs).sort();
    assert.deepEqual(
      left,
      [...kept.slice(2).map((k) => k.slice(logs.length + 1)), 'lvs-dr-console-20200101T000000Z.log', 'notes.txt'].sort(),
    );
  });

  it("the error names the host, what happened and why, where the console is kept, and its last lines; a VM's qemu log when the console is empty", async () => {
    const n = await names();
    const logs = join(tmp, 'log');
    await writeFile(join(n.dir, 'console.log'), PANIC_CONSOLE);
    const err = await bootFailure(n, 'the VM stopped while booting', null, logs);
    const lines = err.message.split('\n');
    assert.equal(
      lines[0],
      'lvs-dr2: the VM stopped while booting (Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100)',
    );
    assert.match(lines[1]!, new RegExp(`^console kept in ${logs}/lvs-dr2-console-\\d{8}T\\d{6}Z\\.log$`));
    assert.equal(readFileSync(lines[1]!.slice('console kept in '.length), 'utf8'), PANIC_CONSOLE);
    assert.equal(lines[2], 'last lines of the console:');
    assert.match(lines.at(-1)!, /^\[ {4}5\.385044\] Kernel Offset: /);
    assert.ok(!err.message.includes('\r'));
    assert.equal(err.hint, `the console stays in ${logs} after lab down`);

    const m = await names('lvs-dr');
    await writeFile(join(m.dir, 'console.log'), '');
    const qemu = await bootFailure(
      m,
      'the VM stopped while booting',
      { file: '/h/qemu.log', text: 'qemu-system-x86_64: could not open kernel file\n' },
      logs,
    );
    assert.equal(
      qemu.message.split('\n')[0],
      'lvs-dr: the VM stopped while booting (/h/qemu.log: qemu-system-x86_64: could not open kernel file)',
    );
  });

  it('waitBooted: a host whose process ends fails at once, with the reason and its console kept', async () => {
    const n = await names();
    const logs = join(tmp, 'log');
    await writeFile(join(n.dir, 'console.log'), PANIC_CONSOLE);
    const child = spawn('sleep', ['0.5']);
    const proc = processId(child.pid!)!;
    const t0 = Date.now();
    // 192.0.2.1 is outside the lab: the SSH probe is refused before anything is sent
    await rejectsWith(
      waitBooted(n, '192.0.2.1', proc, { timeoutMs: 60_000, what: 'VM', logDir: logs }),
      /^lvs-dr2: the VM stopped while booting \(Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100\)\nconsole kept in /,
    );
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(readdirSync(logs).length, 1);
  });

  it('waitBooted: a VM whose initrd printed its failure fails at once, though its qemu still runs', async () => {
    const n = await names();
    const logs = join(tmp, 'log');
    await writeFile(join(n.dir, 'console.log'), '[    4.2] Run /init as init process\n');
    const child = spawn('sleep', ['60']);
    try {
      const proc = processId(child.pid!)!;
      setTimeout(
        () => void appendFile(join(n.dir, 'console.log'), `${INITRD_FAILED}/dev/vda did not appear within 120 s (block devices: )\n`),
        300,
      );
      const t0 = Date.now();
      await rejectsWith(
        waitBooted(n, '192.0.2.1', proc, { timeoutMs: 60_000, what: 'VM', logDir: logs }),
        /^lvs-dr2: the VM's initrd failed \(lvs-play initrd: FAILED: \/dev\/vda did not appear within 120 s \(block devices: \)\)\n/,
      );
      assert.ok(Date.now() - t0 < 10_000);
    } finally {
      child.kill();
    }
  });

  it('a running VM is not reused by a lab up with another LVS_PLAY_LAB_VM_APPEND (e.g. one booted with init=/bin/false)', async () => {
    const host = labSpecOf('/x.json', inventoryJson('lab')).hosts.find((h) => h.name === 'lvs-dr2')!;
    const base = { dir: '/var/cache/lvs-play/vm-x' } as VmBase;
    const rec: VmRecord = {
      name: 'lvs-dr2',
      address: host.address,
      base: base.dir,
      qemu: processId(process.pid)!,
      accel: 'tcg',
      tap: 'lvsp-t-none',
      append: 'init=/bin/false',
      startedAt: '',
    };
    assert.equal(await vmHealthy(rec, host, base, {}), false);
    assert.equal(await vmHealthy({ ...rec, append: undefined }, host, base, { LVS_PLAY_LAB_VM_APPEND: 'init=/bin/false' }), false);
    assert.equal(await vmHealthy(rec, host, base, { LVS_PLAY_LAB_VM_APPEND: 'init=/bin/false' }), false, 'no such tap: not healthy either');
    assert.ok(existsSync(`/proc/${process.pid}`));
  });
});
