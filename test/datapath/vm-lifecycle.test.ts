// Issue 7, the lab side: a killed VM is noticed and brought back alone
// (bare, same host key, ip_vs available); `lab up` without --datapath turns
// the directors back into containers; `lab down` leaves nothing of the VMs
// behind: no qemu, no tap, no disk image, no time server. Runs last among
// the datapath suites (it takes the lab down).

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { labDown } from '../../lib/lab/down.js';
import { tryRun } from '../../lib/lab/local-command.js';
import { labLinks, labNetns } from '../../lib/lab/network.js';
import { hostNames, isLabVeth, LAB_BRIDGE, LAB_CACHE_DIR, LAB_LOG_DIR, labFiles } from '../../lib/lab/paths.js';
import { isRunning, type ProcessId, signal } from '../../lib/lab/processes.js';
import { readState } from '../../lib/lab/state.js';
import { labUp } from '../../lib/lab/up.js';
import { isLabTap } from '../../lib/lab/vm/tap.js';
import { lvsPlay } from '../support/cli.js';
import { DIRECTORS, forgetDatapathLab, REAL_SERVERS, useDatapathLab } from '../support/datapath.js';
import { forgetLab, labProgress } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const LAB_HOSTS = [...DIRECTORS, ...REAL_SERVERS, 'client'];

/** qemu processes of the lab on this machine (by their -name), whatever the state file says */
async function labQemus(): Promise<string[]> {
  const r = await tryRun('ps', ['-eo', 'pid=,args=']);
  return r.stdout
    .split('\n')
    .filter((l) => /qemu-system-x86_64 .*-name guest=lvsp-/.test(l))
    .map((l) => l.trim());
}

describe('datapath lab: VMs recovered, turned back into containers, and removed without a trace', function () {
  this.timeout(15 * 60_000);
  const lab = useDatapathLab();
  after(() => {
    forgetDatapathLab();
    forgetLab();
  });

  it('refuses --datapath with an inventory whose keepalived runs VRRP-only, and --datapath on anything but up', async () => {
    const r = await lvsPlay(['lab', 'up', '--datapath', 'inventory/lab.json']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /keepalived\.mode is "vrrp-only"; the datapath lab exists to run keepalived in full/);
    const s = await lvsPlay(['lab', 'status', '--datapath']);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /--datapath is an option of lab up/);
  });

  it('a killed VM: status exits 1 naming it; lab up --datapath boots only that one again, bare, with its host key and ip_vs', async () => {
    const before = await readState();
    const victim = before.vms['lvs-dr2']!.qemu;
    signal(victim, 'SIGKILL');
    await waitFor('the killed qemu to be gone', async () => !isRunning(victim), 10_000, 100);
    const s = await lvsPlay(['lab', 'status']);
    assert.equal(s.code, 1, s.stdout);
    assert.match(s.stdout, /^lvs-dr2\s+198\.18\.0\.40\s+stopped\s+ssh -\s+-\s+vm \(/m);
    const t0 = Date.now();
    const up = await labUp({ datapath: true, progress: labProgress });
    process.stderr.write(`      [datapath] one VM brought back in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    assert.deepEqual(
      up.hosts.filter((h) => !h.reused).map((h) => h.name),
      ['lvs-dr2'],
    );
    assert.notEqual(up.hosts.find((h) => h.name === 'lvs-dr2')!.pid, victim.pid);
    // strict host-key checking against the lab's known_hosts: the same host key as before
    const out = await lab.run(
      'lvs-dr2',
      'hostname; dpkg -s keepalived >/dev/null 2>&1 && echo keepalived || echo bare; modprobe ip_vs && grep -c "^ip_vs " /proc/modules; uname -r',
    );
    const [name, bare, ipvs, release] = out.trim().split('\n');
    assert.deepEqual([name, bare, ipvs], ['lvs-dr2', 'bare', '1']);
    assert.match(release!, /-amd64$/);
    assert.ok(existsSync(join(labFiles.hostsDir, 'lvs-dr2', 'console.log')));
  });

  it('lab up without --datapath turns the directors back into containers: no qemu, tap or time server left', async () => {
    const state = await readState();
    const qemus = Object.values(state.vms).map((v) => v.qemu);
    const timeServer = state.timeServer;
    const up = await labUp({ progress: labProgress });
    assert.deepEqual(
      up.hosts.filter((h) => h.kind === 'vm').map((h) => h.name),
      [],
    );
    assert.ok(qemus.every((q) => !isRunning(q)) && (!timeServer || !isRunning(timeServer)));
    assert.deepEqual(await labQemus(), []);
    assert.deepEqual((await labLinks()).filter(isLabTap), []); // (lvsp-t<N> test devices of the ssh suites are not taps)
    const now = await readState();
    assert.deepEqual(now.vms, {});
    assert.equal(now.timeServer, null);
    for (const d of DIRECTORS) assert.equal(existsSync(join(labFiles.hostsDir, d, 'disk.img')), false);
  });

  it('a VM that does not come up: lab up waits for every host, fails naming each with the reason, keeps each console past lab down, and leaves no VM booting', async () => {
    process.env.LVS_PLAY_LAB_VM_APPEND = 'init=/bin/false'; // the kernel panics when its init exits; qemu ends (-no-reboot)
    const kept: string[] = [];
    try {
      await assert.rejects(labUp({ datapath: true, progress: labProgress }), (err: Error) => {
        // both directors fail the same way; lab up reports both, each with the kernel's panic line
        for (const d of DIRECTORS) {
          const at = new RegExp(
            `(?:^|\\n\\n)${d}: the VM stopped while booting \\(Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100\\)\\n` +
              `console kept in (${LAB_LOG_DIR}/${d}-console-\\d{8}T\\d{6}Z\\.log)\\nlast lines of the console:\\n`,
          ).exec(err.message);
          assert.ok(at, `${d} in:\n${err.message}`);
          kept.push(at[1]!);
        }
        // the end of a kernel panic: its backtrace, then the kernel offset line
        assert.match(err.message, /\[\s*\d+\.\d+\] Kernel Offset: /);
        return true;
      });
    } finally {
      delete process.env.LVS_PLAY_LAB_VM_APPEND;
    }
    // lab up returned only once both had failed, and stopped what was left of them: nothing boots on
    assert.deepEqual(await labQemus(), []);
    await labDown({ progress: labProgress });
    for (const k of kept) assert.match(readFileSync(k, 'utf8'), /Command line: .* init=\/bin\/false[\s\S]*Attempted to kill init!/, k);
    for (const k of kept) await rm(k);
  });

  it('a VM whose init is missing: the initrd says so and powers off (no kernel panic), and lab up reports that line', async () => {
    process.env.LVS_PLAY_LAB_VM_APPEND = 'init=/sbin/lvsp-no-such-init';
    let kept: string[] = [];
    try {
      await assert.rejects(labUp({ datapath: true, progress: labProgress }), (err: Error) => {
        assert.match(
          err.message,
          /^lvs-dr2?: the VM(?: stopped while booting|'s initrd failed) \(lvs-play initrd: FAILED: \/sbin\/lvsp-no-such-init is not an executable file on \/dev\/vda\)\nconsole kept in /,
        );
        kept = [...err.message.matchAll(/^console kept in (\S+)$/gm)].map((m) => m[1]!);
        return true;
      });
    } finally {
      delete process.env.LVS_PLAY_LAB_VM_APPEND;
    }
    assert.deepEqual(await labQemus(), []);
    assert.ok(kept.length >= 1);
    for (const k of kept) {
      const text = readFileSync(k, 'utf8');
      assert.doesNotMatch(text, /Kernel panic/, k);
      assert.match(text, /lvs-play initrd: FAILED: \/sbin\/lvsp-no-such-init is not an executable file on \/dev\/vda/, k);
      await rm(k);
    }
  });

  it('lab down after lab up --datapath, even with the state file lost, leaves no qemu, tap, disk image, time server, bridge or namespace; the VM base stays cached', async () => {
    await labUp({ datapath: true, progress: labProgress });
    const state = await readState();
    const procs: ProcessId[] = [...Object.values(state.vms).map((v) => v.qemu), state.timeServer!];
    assert.equal(procs.length, DIRECTORS.length + 1);
    assert.ok(procs.every(isRunning));
    await rm(labFiles.stateFile); // down finds the VMs by their pidfiles and the taps by name
    // through the CLI, as a user takes it down
    const down = await lvsPlay(['lab', 'down']);
    assert.equal(down.code, 0, down.stdout + down.stderr);
    assert.match(down.stdout, /^lab is down/m);
    assert.ok(
      procs.every((p) => !isRunning(p)),
      'every recorded VM and the time server stopped',
    );
    assert.deepEqual(await labQemus(), []);
    // the lab's own links and namespaces (the ssh suites' lvsp-t<N> devices and lvsp-sshtest-* namespaces are not the lab's)
    assert.deepEqual(
      (await labLinks()).filter((l) => l === LAB_BRIDGE || isLabTap(l) || isLabVeth(l)),
      [],
      'no tap, veth or bridge of the lab',
    );
    assert.deepEqual(
      labNetns().filter((n) => LAB_HOSTS.some((h) => hostNames(h).netns === n)),
      [],
    );
    assert.ok(
      !existsSync(labFiles.hostsDir) || readdirSync(labFiles.hostsDir).length === 0,
      'no per-host directory (disk images, consoles)',
    );
    const udp = await tryRun('ss', ['-Hulnp', 'sport = :123']);
    assert.doesNotMatch(udp.stdout, /198\.18\./, 'nothing listens on the lab bridge address any more');
    const now = await readState();
    assert.deepEqual([now.vms, now.timeServer, now.datapath], [{}, null, null]);
    assert.ok(
      readdirSync(LAB_CACHE_DIR).some((n) => /^vm-[0-9a-f]+$/.test(n)),
      'the VM base stays in the cache',
    );
    const status = await lvsPlay(['lab', 'status']);
    assert.equal(status.code, 1, status.stdout);
    assert.match(status.stdout, /^lab is not up: run lvs-play lab up$/m);
  });
});
