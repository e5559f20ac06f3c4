// `lvs-play lab down`: removes every container, VM, process, namespace,
// link, mount and cgroup the lab made, found from its state file and by the
// lab's names, and nothing else. Keys, host keys and caches stay for the next `up`.

import { existsSync, readdirSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { tearDownHost } from './host.js';
import { readLabSpec } from './inventory.js';
import { unmountUnder } from './mounts.js';
import { deleteLink, labLinks, NETNS_DIR, removeBridge } from './network.js';
import { isLabVeth, LAB_CACHE_DIR, labFiles } from './paths.js';
import { assertCanRunLab } from './prerequisites.js';
import { type Progress, silentProgress } from './progress.js';
import { EMPTY_STATE, readState, withLabLock, writeState } from './state.js';
import { knownLabHosts } from './sweep.js';
import { isLabTap } from './vm/tap.js';
import { stopTimeServer } from './vm/time-server.js';

export interface LabDownOptions {
  inventory?: string; // optional: its host names are swept too
  progress?: Progress;
}

export interface LabDownResult {
  removedHosts: string[];
}

export async function labDown(opts: LabDownOptions = {}): Promise<LabDownResult> {
  const progress = opts.progress ?? silentProgress;
  assertCanRunLab();
  const extra = opts.inventory ? (await readLabSpec(opts.inventory)).hosts.map((h) => h.name) : [];
  return withLabLock(async () => {
    const state = await readState();
    const hosts = knownLabHosts(state, extra);
    if (hosts.length) {
      await progress.step(`stopping ${hosts.map((n) => n.host).join(' ')}`, () =>
        Promise.all(hosts.map((n) => tearDownHost(n, state.hosts[n.host]?.nspawn ?? null, state.vms[n.host]?.qemu ?? null))),
      );
    }
    await stopTimeServer(state.timeServer);
    await progress.step('removing the lab network', async () => {
      await removeBridge();
      for (const link of (await labLinks()).filter((l) => isLabVeth(l) || isLabTap(l))) await deleteLink(link); // strays of a lost state file
      await unmountUnder(labFiles.hostsDir);
      await unmountUnder(LAB_CACHE_DIR); // e.g. a debootstrap cut short
      if (state.createdNetnsDir && existsSync(NETNS_DIR) && readdirSync(NETNS_DIR).length === 0) {
        await unmountUnder(NETNS_DIR);
        await rmdir(NETNS_DIR);
      }
    });
    await writeState(structuredClone(EMPTY_STATE));
    return { removedHosts: hosts.map((n) => n.host) };
  });
}
