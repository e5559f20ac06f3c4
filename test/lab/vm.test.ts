// The datapath lab's VM pieces that need no VM: kernel package and config
// checks, the initrd's module list and /init, qemu's command line, tap names
// and MACs, the guest's network unit and fstab, and the NTP responder (run
// on loopback and asked like chrony asks).

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { abiPackage, missingKernelOptions, REQUIRED_KERNEL_OPTIONS } from '../../lib/lab/vm/kernel.js';
import { PROBE_MARK, parseShowDepends, renderInit } from '../../lib/lab/vm/initrd.js';
import { accelArgs, qemuArgs, type VmLaunch } from '../../lib/lab/vm/qemu.js';
import { isLabTap, macAddress, tapName } from '../../lib/lab/vm/tap.js';
import { REPO_TAG, renderFstab, renderNetworkFile, renderNetworkUnit } from '../../lib/lab/vm/guest-files.js';
import { TIME_SERVER_SCRIPT } from '../../lib/lab/vm/time-server.js';
import { assertDatapathSpec } from '../../lib/lab/vm/datapath.js';
import { vmSettings } from '../../lib/lab/vm/vm-host.js';
import { labSpecOf } from '../../lib/lab/inventory.js';
import { inventoryJson } from '../support/clusters.js';

describe('lab VMs (datapath mode), pure parts', () => {
  it('finds the versioned kernel package linux-image-amd64 depends on', () => {
    assert.equal(abiPackage('linux-image-amd64\n  Depends: linux-image-6.1.0-57-amd64\n'), 'linux-image-6.1.0-57-amd64');
    assert.throws(() => abiPackage('linux-image-amd64\n'), /cannot tell which kernel/);
  });

  it('a kernel config must have every required option built in or as a module', () => {
    const all = REQUIRED_KERNEL_OPTIONS.map((o, i) => `CONFIG_${o}=${i % 2 ? 'm' : 'y'}`).join('\n');
    assert.deepEqual(missingKernelOptions(all), []);
    assert.deepEqual(missingKernelOptions(all.replace('CONFIG_IP_VS=m', '# CONFIG_IP_VS is not set').replace('CONFIG_IP_VS=y', '# CONFIG_IP_VS is not set')), ['IP_VS']);
  });

  it('the initrd loads modules in modprobe --show-depends order, each once', () => {
    const out = 'insmod /lib/modules/6.1/kernel/drivers/virtio/virtio_ring.ko \ninsmod /lib/modules/6.1/kernel/drivers/virtio/virtio.ko \n' +
      'builtin crc32c\ninsmod /lib/modules/6.1/kernel/drivers/virtio/virtio_ring.ko \n';
    assert.deepEqual(parseShowDepends(out), ['/lib/modules/6.1/kernel/drivers/virtio/virtio_ring.ko', '/lib/modules/6.1/kernel/drivers/virtio/virtio.ko']);
    const init = renderInit();
    assert.match(init, /^#!\/bin\/busybox sh\n/);
    assert.match(init, /insmod "\$m"/);
    assert.match(init, new RegExp(`lvsp\\.probe.*echo "${PROBE_MARK}"; poweroff -f`));
    assert.match(init, /init=\/sbin\/init\n.*init=\*\) init="\$\{arg#init=\}"/);
    assert.match(init, /exec switch_root \/newroot "\$init"\n$/);
  });

  it('qemu: TCG or KVM, bounded memory, the tap, the disk, the repository read-only over 9p, the console in a file', () => {
    const l: VmLaunch = {
      host: 'lvs-dr', disk: '/h/disk.img', tap: 'lvsp-t-lvs-dr', mac: '52:54:00:12:00:1e', vmlinuz: '/b/vmlinuz', initrd: '/b/initrd.img',
      repo: '/var/cache/lvs-play/apt-repo', console: '/h/console.log', pidfile: '/h/qemu.pid', accel: 'tcg', memoryMb: 512, cpus: 1,
    };
    const args = qemuArgs(l).join(' ');
    assert.match(args, /-accel tcg,thread=multi -cpu max -smp 1 -m 512M/);
    assert.match(args, /-netdev tap,id=net0,ifname=lvsp-t-lvs-dr,script=no,downscript=no -device virtio-net-pci,netdev=net0,mac=52:54:00:12:00:1e/);
    assert.match(args, new RegExp(`path=/var/cache/lvs-play/apt-repo,security_model=none,readonly=on -device virtio-9p-pci,fsdev=repo,mount_tag=${REPO_TAG}`));
    assert.match(args, /-serial file:\/h\/console\.log -pidfile \/h\/qemu\.pid/);
    assert.match(args, /console=ttyS0 net\.ifnames=0/);
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
    assert.match(renderNetworkUnit(), /EnvironmentFile=\/etc\/lvs-play\/network\nExecStart=\/sbin\/ip link set lo up\nExecStart=\/sbin\/ip address replace \$\{ADDRESS\} dev eth0/);
    const fstab = renderFstab().split('\n').filter((l) => l && !l.startsWith('#'));
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

  it('the NTP responder answers a client request: mode 4, stratum 2, the client\'s transmit time echoed, its own time close to ours', async function () {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['-e', TIME_SERVER_SCRIPT, '127.0.0.1', String(port), 'test-mark'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('listening')) resolve(); });
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
