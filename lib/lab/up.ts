// `lvs-play lab up`: brings the inventory's hosts up as booted containers,
// reusing what already runs and rebuilding what a killed run left half-made.
// With `datapath`, the directors are qemu VMs on Debian's kernel instead
// (lib/lab/vm/), so keepalived can run in full with a real IPVS table.

import { UserError } from '../errors.js';
import { planNetwork } from './addressing.js';
import { setUpAliases } from './alias-sshd.js';
import { type AliasPlan, planAliases } from './aliases.js';
import { ensureAptRepo, repoPackages } from './apt-repo.js';
import { anotherMachineAnswers, createHost, probeHost, tearDownHost, waitBooted } from './host.js';
import { writeHostMarker } from './host-marker.js';
import { type LabHost, readLabSpec } from './inventory.js';
import { isMountPoint } from './mounts.js';
import { ensureBridge, forgetNeighbours, labNetns, vethAttached } from './network.js';
import { hostNames, LAB_BRIDGE, labFiles } from './paths.js';
import { assertCanRunLab, ensurePrerequisites } from './prerequisites.js';
import { isRunning } from './processes.js';
import { type Progress, silentProgress } from './progress.js';
import { ensureRootfs, pruneRootfs } from './rootfs.js';
import { ensureHostKey, ensureLabKeyPair, ensureVrrpPassword, writeKnownHosts } from './ssh-keys.js';
import { type HostRecord, type LabState, readState, withLabLock, writeState } from './state.js';
import { knownLabHosts } from './sweep.js';
import { chooseAccel } from './vm/accel.js';
import { ensureVmBase, pruneVmBases, type VmBase, vmBaseDir } from './vm/base.js';
import { assertDatapathSpec, defaultDatapathInventory, vmHosts } from './vm/datapath.js';
import { ensureVmPrerequisites } from './vm/prerequisites.js';
import { findTimeServer, startTimeServer, stopTimeServer } from './vm/time-server.js';
import { createVmHost, stopVm, vmHealthy } from './vm/vm-host.js';

export interface LabUpOptions {
  inventory?: string; // default: the package's inventory/lab.json (inventory/lab-datapath.json with datapath)
  datapath?: boolean; // directors as qemu VMs with Debian's kernel (IP_VS)
  /** past this many hosts, real servers are aliases of real server containers (aliases.ts) */
  maxContainers?: number;
  progress?: Progress;
}

/**
 * A VM boots in 15-30 s under TCG on an idle machine; on a loaded one (CI,
 * load 10-20 on 2 cores) two VMs booting at once took 225 s once, so 5
 * minutes was too close. A VM that fails to boot is seen at once (its qemu
 * ends, or its initrd prints its failure), so this bounds only a VM that hangs.
 */
export const VM_BOOT_TIMEOUT_MS = 600_000;

export interface LabUpHost {
  name: string;
  address: string;
  pid: number; // systemd-nspawn, or qemu for a VM
  kind: 'container' | 'vm';
  accel: 'kvm' | 'tcg' | null; // VMs only
  reused: boolean; // was already running
  state: string; // running | degraded
  failedUnits: string[];
}

/** A real server answered by another container's alias address and sshd (aliases.ts). */
export interface LabUpAlias {
  name: string;
  address: string;
  container: string;
}

export interface LabUpResult {
  inventory: string;
  bridge: { name: string; address: string };
  knownHosts: string;
  identityFile: string;
  hosts: LabUpHost[];
  aliases: LabUpAlias[];
}

export async function labUp(opts: LabUpOptions = {}): Promise<LabUpResult> {
  const progress = opts.progress ?? silentProgress;
  assertCanRunLab();
  const datapath = opts.datapath === true;
  const fullSpec = await readLabSpec(opts.inventory ?? (datapath ? defaultDatapathInventory() : undefined));
  if (datapath) assertDatapathSpec(fullSpec);
  else if (fullSpec.tunnelHosts.length) {
    // a container shares the control machine's kernel: loading ipip for tunl0 would change the control machine
    throw new UserError(
      `${fullSpec.file}: ${fullSpec.tunnelHosts.join(', ')} hold LVS-TUN VIPs, which need the ipip module (tunl0); the lab's containers share this machine's kernel, which the lab never changes`,
      { hint: 'lab up --datapath runs them as VMs with a kernel of their own' },
    );
  }
  const vms = vmHosts(fullSpec, datapath);
  // aliases share the lab's subnet: the bridge's route must cover them too
  const net = planNetwork(
    fullSpec.hosts.map((h) => h.address),
    fullSpec.vips,
  );
  const plan = planAliases(fullSpec.hosts, opts.maxContainers);
  // from here on, the hosts that are containers (or VMs)
  const spec = { ...fullSpec, hosts: plan.containers };
  await ensurePrerequisites(progress);
  if (datapath) await ensureVmPrerequisites(progress);

  return withLabLock(async () => {
    const state = await readState();
    const keys = await ensureLabKeyPair();
    await ensureVrrpPassword();
    const rootfs = await ensureRootfs(progress);
    const repo = await ensureAptRepo(rootfs, repoPackages(spec.packages), progress);
    const base = datapath ? await ensureVmBase(rootfs, progress) : null;

    const wanted = new Set(spec.hosts.map((h) => h.name));
    const strays = knownLabHosts(state).filter((n) => !wanted.has(n.host));
    if (strays.length) {
      await progress.step(`removing lab hosts not in ${spec.file}: ${strays.map((n) => n.host).join(' ')}`, async () => {
        await Promise.all(strays.map((n) => tearDownHost(n, state.hosts[n.host]?.nspawn ?? null, state.vms[n.host]?.qemu ?? null)));
        for (const n of strays) {
          delete state.hosts[n.host];
          delete state.vms[n.host];
        }
        await writeState(state);
      });
    }

    await ensureBridge(net);
    state.bridge = { name: LAB_BRIDGE, cidr: `${net.bridgeAddress}/${net.prefix}` };
    state.inventory = spec.file;
    await writeState(state);

    const hostKeys = new Map<string, { privateKey: string; publicKey: string }>();
    for (const h of spec.hosts) hostKeys.set(h.name, await ensureHostKey(hostNames(h.name).hostKeyDir, h.name));
    await writeKnownHosts([
      ...spec.hosts.map((h) => ({ address: h.address, publicKey: hostKeys.get(h.name)!.publicKey })),
      // an alias answers with its container's sshd host key
      ...[...plan.aliases].flatMap(([carrier, hosts]) =>
        hosts.map((h) => ({ address: h.address, publicKey: hostKeys.get(carrier)!.publicKey })),
      ),
    ]);

    const reused = new Set<string>();
    for (const h of spec.hosts) {
      const ok = vms.has(h.name)
        ? !state.hosts[h.name] && (await vmHealthy(state.vms[h.name], h, base!))
        : !state.vms[h.name] && (await healthy(state.hosts[h.name], h, rootfs));
      if (ok) reused.add(h.name);
    }
    const fresh = spec.hosts.filter((h) => !reused.has(h.name));
    const switched = fresh.filter((h) => (vms.has(h.name) ? state.hosts[h.name] : state.vms[h.name]));
    if (switched.length) progress.note(`now ${datapath ? 'VMs' : 'containers'}: ${switched.map((h) => h.name).join(' ')}`);
    if (fresh.length) {
      await progress.step(`starting ${fresh.map((h) => `${h.name}${vms.has(h.name) ? ' (VM)' : ''}`).join(' ')}`, async () => {
        // leftovers of a killed run first (in parallel: each may wait for a container to stop)
        await Promise.all(
          fresh.map((h) => tearDownHost(hostNames(h.name), state.hosts[h.name]?.nspawn ?? null, state.vms[h.name]?.qemu ?? null)),
        );
        for (const h of fresh) {
          delete state.hosts[h.name];
          delete state.vms[h.name];
        }
        await writeState(state);
        const accel = fresh.some((h) => vms.has(h.name)) ? await chooseAccel(base!.vmlinuz, base!.initrd) : null;
        if (accel) state.datapath = { accel: accel.accel, reason: accel.reason, kernelRelease: base!.kernelRelease };
        // one after the other: quick, and `ip netns add` must not race creating /run/netns
        for (const h of fresh) {
          const names = hostNames(h.name);
          const hostSpec = {
            names,
            host: h,
            allHosts: spec.hosts,
            rootfs,
            repo,
            authorizedKey: keys.publicKey,
            hostKeyFile: hostKeys.get(h.name)!.privateKey,
          };
          if (vms.has(h.name)) {
            state.vms[h.name] = await createVmHost(hostSpec, base!, net, accel!.accel);
          } else {
            const made = await createHost(hostSpec, net);
            state.createdNetnsDir ||= made.createdNetnsDir;
            state.hosts[h.name] = { name: h.name, address: h.address, rootfs, nspawn: made.nspawn, startedAt: new Date().toISOString() };
          }
          await writeState(state);
        }
        // the control side may still have the address on the MAC of the host's previous self (a VM, a container)
        await forgetNeighbours(fresh.map((h) => h.address));
        if (accel) progress.note(`VMs run with ${accel.accel.toUpperCase()} (${accel.reason})`);
      });
    }
    if (reused.size) progress.note(`already running: ${[...reused].join(' ')}`);
    // every container, reused ones too (a lab brought up before the mark existed gets it now)
    for (const h of spec.hosts) if (!vms.has(h.name)) await writeHostMarker(hostNames(h.name).root, h.address);
    await ensureTimeSource(state, vms.size > 0, net.bridgeAddress, base);

    const booted = await progress.step(`waiting for ${spec.hosts.length} hosts to boot and answer SSH`, async () => {
      // every host to the end, failed or not: a VM still booting (or still failing) must not outlive this run
      const settled = await Promise.allSettled(
        spec.hosts.map(async (h): Promise<LabUpHost> => {
          const names = hostNames(h.name);
          const vm = state.vms[h.name];
          const proc = vm ? vm.qemu : state.hosts[h.name].nspawn;
          const probe = vm
            ? await waitBooted(names, h.address, proc, { timeoutMs: VM_BOOT_TIMEOUT_MS, what: 'VM' })
            : await waitBooted(names, h.address, proc);
          return {
            name: h.name,
            address: h.address,
            pid: proc.pid,
            kind: vm ? 'vm' : 'container',
            accel: vm?.accel ?? null,
            reused: reused.has(h.name),
            state: probe.state!,
            failedUnits: probe.failedUnits,
          };
        }),
      );
      const failed = spec.hosts.filter((_, i) => settled[i]!.status === 'rejected');
      if (failed.length === 0) return settled.map((r) => (r as PromiseFulfilledResult<LabUpHost>).value);
      // a VM that did not boot is stopped (its console is kept): the next lab up makes it afresh instead of reusing it
      const stops = await Promise.allSettled(
        failed.filter((h) => state.vms[h.name]).map((h) => stopVm(hostNames(h.name), state.vms[h.name]!.qemu)),
      );
      const errors = [...settled, ...stops]
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as Error);
      if (errors.length === 1) throw errors[0];
      throw new UserError(errors.map((e) => e.message).join('\n\n'), { hint: errors.map((e) => (e as UserError).hint).find(Boolean) });
    });
    for (const b of booted) {
      if (b.state !== 'running') progress.note(`${b.name}: ${b.state}, failed units: ${b.failedUnits.join(' ') || 'none listed'}`);
    }
    const aliases = await bringUpAliases(plan, state, progress);
    await pruneRootfs([rootfs]);
    await pruneVmBases([vmBaseDir(rootfs)]); // the current root's VM base stays, for the next --datapath
    return {
      inventory: spec.file,
      bridge: { name: LAB_BRIDGE, address: `${net.bridgeAddress}/${net.prefix}` },
      knownHosts: labFiles.knownHosts,
      identityFile: labFiles.sshKey,
      hosts: booted,
      aliases,
    };
  });
}

/**
 * Sets up every container's aliases, and removes them from containers a
 * previous lab up gave aliases this one does not want; then waits until
 * each alias answers SSH with the lab's key and strict host-key checking.
 */
async function bringUpAliases(plan: AliasPlan, state: LabState, progress: Progress): Promise<LabUpAlias[]> {
  const before = new Set(Object.values(state.aliases ?? {}).map((a) => a.container));
  const carriers = plan.containers.filter((h) => (plan.aliases.get(h.name)?.length ?? 0) > 0 || before.has(h.name));
  if (carriers.length === 0) return [];
  const wanted = plan.containers.flatMap((c) =>
    (plan.aliases.get(c.name) ?? []).map((h) => ({ name: h.name, address: h.address, container: c.name })),
  );
  const what = wanted.length
    ? `${wanted.length} real servers as aliases of ${plan.aliases.size} containers`
    : 'removing the aliases of the previous lab';
  await progress.step(what, async () => {
    // old and new recorded before any container changes: a run killed halfway leaves a record
    // naming every container that may carry aliases, so the next lab up cleans them all
    state.aliases = { ...state.aliases, ...Object.fromEntries(wanted.map((a) => [a.name, a])) };
    await writeState(state);
    await forgetNeighbours(wanted.map((a) => a.address)); // an address that was a container's before
    await Promise.all(
      carriers.map((c) =>
        setUpAliases(
          c,
          (plan.aliases.get(c.name) ?? []).map((h) => h.address),
        ),
      ),
    );
    // an alias's sshd binds within milliseconds of its unit starting; a few tries cover a loaded machine.
    // One container's aliases one after the other: hundreds of ssh clients at once would only queue for the cores.
    await Promise.all(
      carriers.map(async (c) => {
        for (const a of wanted.filter((w) => w.container === c.name)) await waitAnswers(a);
      }),
    );
    state.aliases = Object.fromEntries(wanted.map((a) => [a.name, a]));
    await writeState(state);
  });
  return wanted;
}

async function waitAnswers(a: LabUpAlias): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const probe = await probeHost(a.address);
    if (probe.ssh) return;
    const impostor = anotherMachineAnswers(a.name, a.address, probe);
    if (impostor) throw impostor;
    last = probe.error ?? '';
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new UserError(`alias ${a.name} (${a.address} on container ${a.container}) does not answer SSH: ${last}`, {
    hint: `look at it with: lvs-play lab ssh ${a.container} -- systemctl status 'lvs-play-lab-alias-*'`,
  });
}

/** The NTP responder on the bridge address while VMs run (they set their own clocks); none otherwise. */
async function ensureTimeSource(state: LabState, wanted: boolean, address: string, base: VmBase | null): Promise<void> {
  const running = findTimeServer(state.timeServer);
  if (wanted && !running) state.timeServer = await startTimeServer(address);
  else if (wanted) state.timeServer = running;
  else if (running || state.timeServer) {
    await stopTimeServer(state.timeServer);
    state.timeServer = null;
  }
  if (!base) state.datapath = null;
  await writeState(state);
}

/** A recorded host that runs, as this inventory wants it, on the current root. */
async function healthy(rec: HostRecord | undefined, host: LabHost, rootfs: string): Promise<boolean> {
  if (!rec) return false;
  const names = hostNames(host.name);
  return (
    rec.address === host.address &&
    rec.rootfs === rootfs &&
    isRunning(rec.nspawn) &&
    labNetns().includes(names.netns) &&
    isMountPoint(names.root) &&
    (await vethAttached(names))
  );
}
