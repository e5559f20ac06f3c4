// Which lab hosts exist on this machine, from the traces they leave: the
// state file, per-host directories (made first, removed last) and cgroups.
// Recovery and `lab down` work from this list, so a lost or stale state file
// still leaves nothing behind. Network namespaces are not a trace on their
// own: other tools (and lvs-play's own ssh tests) also use the lvsp- prefix.

import { existsSync, readdirSync } from 'node:fs';
import { labCgroups } from './cgroups.js';
import { type HostNames, hostNames, LAB_PREFIX, labFiles } from './paths.js';
import type { LabState } from './state.js';

export function knownLabHosts(state: LabState, extra: string[] = []): HostNames[] {
  const names = new Set<string>([...Object.keys(state.hosts), ...Object.keys(state.vms), ...extra]);
  for (const n of labCgroups()) names.add(n.slice(LAB_PREFIX.length));
  if (existsSync(labFiles.hostsDir)) for (const d of readdirSync(labFiles.hostsDir)) names.add(d);
  const out: HostNames[] = [];
  for (const n of names) {
    try {
      out.push(hostNames(n));
    } catch {
      /* not a name the lab could have made */
    }
  }
  return out;
}
