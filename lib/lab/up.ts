// `lvs-play lab up`: brings the inventory's hosts up as booted containers,
// reusing what already runs and rebuilding what a killed run left half-made.

import { planNetwork } from './addressing.js';
import { ensureAptRepo, repoPackages } from './apt-repo.js';
import { createHost, tearDownHost, waitBooted } from './host.js';
import { readLabSpec, type LabHost } from './inventory.js';
import { isMountPoint } from './mounts.js';
import { ensureBridge, labNetns, vethAttached } from './network.js';
import { LAB_BRIDGE, hostNames, labFiles } from './paths.js';
import { ensurePrerequisites, assertCanRunLab } from './prerequisites.js';
import { isRunning } from './processes.js';
import { silentProgress, type Progress } from './progress.js';
import { ensureRootfs, pruneRootfs } from './rootfs.js';
import { ensureHostKey, ensureLabKeyPair, ensureVrrpPassword, writeKnownHosts } from './ssh-keys.js';
import { readState, withLabLock, writeState, type HostRecord } from './state.js';
import { knownLabHosts } from './sweep.js';

export interface LabUpOptions {
  inventory?: string;     // default: the package's inventory/lab.json
  progress?: Progress;
}

export interface LabUpHost {
  name: string;
  address: string;
  pid: number;            // systemd-nspawn
  reused: boolean;        // was already running
  state: string;          // running | degraded
  failedUnits: string[];
}

export interface LabUpResult {
  inventory: string;
  bridge: { name: string; address: string };
  knownHosts: string;
  identityFile: string;
  hosts: LabUpHost[];
}

export async function labUp(opts: LabUpOptions = {}): Promise<LabUpResult> {
  const progress = opts.progress ?? silentProgress;
  assertCanRunLab();
  const spec = await readLabSpec(opts.inventory);
  const net = planNetwork(spec.hosts.map((h) => h.address), spec.vips);
  await ensurePrerequisites(progress);

  return withLabLock(async () => {
    const state = await readState();
    const keys = await ensureLabKeyPair();
    await ensureVrrpPassword();
    const rootfs = await ensureRootfs(progress);
    const repo = await ensureAptRepo(rootfs, repoPackages(spec.packages), progress);

    const wanted = new Set(spec.hosts.map((h) => h.name));
    const strays = knownLabHosts(state).filter((n) => !wanted.has(n.host));
    if (strays.length) {
      await progress.step(`removing lab hosts not in ${spec.file}: ${strays.map((n) => n.host).join(' ')}`, async () => {
        await Promise.all(strays.map((n) => tearDownHost(n, state.hosts[n.host]?.nspawn ?? null)));
        for (const n of strays) delete state.hosts[n.host];
        await writeState(state);
      });
    }

    await ensureBridge(net);
    state.bridge = { name: LAB_BRIDGE, cidr: `${net.bridgeAddress}/${net.prefix}` };
    state.inventory = spec.file;
    await writeState(state);

    const hostKeys = new Map<string, { privateKey: string; publicKey: string }>();
    for (const h of spec.hosts) hostKeys.set(h.name, await ensureHostKey(hostNames(h.name).hostKeyDir, h.name));
    await writeKnownHosts(spec.hosts.map((h) => ({ address: h.address, publicKey: hostKeys.get(h.name)!.publicKey })));

    const reused = new Set<string>();
    for (const h of spec.hosts) if (await healthy(state.hosts[h.name], h, rootfs)) reused.add(h.name);
    const fresh = spec.hosts.filter((h) => !reused.has(h.name));
    if (fresh.length) {
      await progress.step(`starting ${fresh.map((h) => h.name).join(' ')}`, async () => {
        // leftovers of a killed run first (in parallel: each may wait for a container to stop)
        await Promise.all(fresh.map((h) => tearDownHost(hostNames(h.name), state.hosts[h.name]?.nspawn ?? null)));
        for (const h of fresh) delete state.hosts[h.name];
        await writeState(state);
        // one after the other: quick, and `ip netns add` must not race creating /run/netns
        for (const h of fresh) {
          const names = hostNames(h.name);
          const made = await createHost({
            names, host: h, allHosts: spec.hosts, rootfs, repo,
            authorizedKey: keys.publicKey, hostKeyFile: hostKeys.get(h.name)!.privateKey,
          }, net);
          state.createdNetnsDir ||= made.createdNetnsDir;
          state.hosts[h.name] = { name: h.name, address: h.address, rootfs, nspawn: made.nspawn, startedAt: new Date().toISOString() };
          await writeState(state);
        }
      });
    }
    if (reused.size) progress.note(`already running: ${[...reused].join(' ')}`);

    const booted = await progress.step(`waiting for ${spec.hosts.length} hosts to boot and answer SSH`, () =>
      Promise.all(spec.hosts.map(async (h): Promise<LabUpHost> => {
        const rec = state.hosts[h.name];
        const probe = await waitBooted(hostNames(h.name), h.address, rec.nspawn);
        return { name: h.name, address: h.address, pid: rec.nspawn.pid, reused: reused.has(h.name), state: probe.state!, failedUnits: probe.failedUnits };
      })));
    for (const b of booted) {
      if (b.state !== 'running') progress.note(`${b.name}: ${b.state}, failed units: ${b.failedUnits.join(' ') || 'none listed'}`);
    }
    await pruneRootfs([rootfs]);
    return {
      inventory: spec.file,
      bridge: { name: LAB_BRIDGE, address: `${net.bridgeAddress}/${net.prefix}` },
      knownHosts: labFiles.knownHosts,
      identityFile: labFiles.sshKey,
      hosts: booted,
    };
  });
}

/** A recorded host that runs, as this inventory wants it, on the current root. */
async function healthy(rec: HostRecord | undefined, host: LabHost, rootfs: string): Promise<boolean> {
  if (!rec) return false;
  const names = hostNames(host.name);
  return rec.address === host.address && rec.rootfs === rootfs && isRunning(rec.nspawn) &&
    labNetns().includes(names.netns) && isMountPoint(names.root) && await vethAttached(names);
}
