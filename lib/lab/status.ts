// `lvs-play lab status`: per host whether its container runs, whether it
// answers SSH with the lab's key and strict host-key checking, and its
// systemd state (with failed units); plus whether the kernel has IP_VS.

import { existsSync } from 'node:fs';
import { probeHost } from './host.js';
import { readLabSpec } from './inventory.js';
import { ipvsSupport, type IpvsSupport } from './ipvs.js';
import { labLinks } from './network.js';
import { LAB_BRIDGE, labFiles } from './paths.js';
import { assertCanRunLab } from './prerequisites.js';
import { isRunning } from './processes.js';
import { readState } from './state.js';

export interface LabHostStatus {
  name: string;
  address: string;
  groups: string[];
  pid: number | null;          // systemd-nspawn, when running
  ssh: boolean;
  state: string | null;        // systemctl is-system-running
  failedUnits: string[];
  error: string | null;
}

export interface LabStatus {
  inventory: string;
  up: boolean;                 // every host runs, answers SSH and is running or degraded
  bridge: { name: string; present: boolean; address: string | null };
  hosts: LabHostStatus[];
  ipvs: IpvsSupport;
}

export async function labStatus(opts: { inventory?: string } = {}): Promise<LabStatus> {
  assertCanRunLab();
  const spec = await readLabSpec(opts.inventory);
  const state = await readState();
  const present = (await labLinks()).includes(LAB_BRIDGE);
  const canSsh = existsSync(labFiles.sshKey) && existsSync(labFiles.knownHosts);
  const hosts = await Promise.all(spec.hosts.map(async (h): Promise<LabHostStatus> => {
    const rec = state.hosts[h.name];
    const pid = rec && rec.address === h.address && isRunning(rec.nspawn) ? rec.nspawn.pid : null;
    const probe = pid !== null && canSsh ? await probeHost(h.address) : null;
    return {
      name: h.name, address: h.address, groups: h.groups, pid,
      ssh: probe?.ssh ?? false, state: probe?.state ?? null, failedUnits: probe?.failedUnits ?? [],
      error: pid === null ? 'container not running' : probe?.error ?? null,
    };
  }));
  return {
    inventory: spec.file,
    up: hosts.every((h) => h.pid !== null && h.ssh && (h.state === 'running' || h.state === 'degraded')),
    bridge: { name: LAB_BRIDGE, present, address: present ? state.bridge?.cidr ?? null : null },
    hosts,
    ipvs: ipvsSupport(),
  };
}

export function formatLabStatus(s: LabStatus): string {
  const rows = s.hosts.map((h) => [
    h.name, h.address, h.pid === null ? 'stopped' : `running (pid ${h.pid})`,
    h.ssh ? 'ssh ok' : 'ssh -', h.state ?? '-',
  ]);
  const head = ['HOST', 'ADDRESS', 'CONTAINER', 'SSH', 'STATE'];
  const widths = head.map((_, i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [
    `lab: ${s.inventory}`,
    `bridge: ${s.bridge.name} ${s.bridge.present ? s.bridge.address ?? 'present' : 'absent'}`,
    '', line(head), ...rows.map(line), '',
  ];
  for (const h of s.hosts) {
    if (h.state === 'degraded') out.push(`${h.name}: degraded, failed units: ${h.failedUnits.join(' ') || 'none listed'}`);
    else if (h.pid !== null && h.error) out.push(`${h.name}: ${h.error}`);
  }
  out.push(s.ipvs.line, s.up ? 'lab is up' : 'lab is not up: run lvs-play lab up');
  return out.join('\n');
}
