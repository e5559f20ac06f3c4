// `lvs-play lab status`: per host whether its container runs, whether it
// answers SSH with the lab's key and strict host-key checking, and its
// systemd state (with failed units); plus whether the kernel has IP_VS, and
// for a datapath lab which hosts are VMs, with which accelerator and kernel.

import { existsSync } from 'node:fs';
import { probeHost } from './host.js';
import { readLabSpec } from './inventory.js';
import { type IpvsSupport, ipvsSupport } from './ipvs.js';
import { labLinks } from './network.js';
import { LAB_BRIDGE, labFiles } from './paths.js';
import { assertCanRunLab } from './prerequisites.js';
import { isRunning } from './processes.js';
import { labInventoryOf, readState } from './state.js';
import { findTimeServer } from './vm/time-server.js';

export interface LabHostStatus {
  name: string;
  address: string;
  groups: string[];
  pid: number | null; // systemd-nspawn (qemu for a VM), when running
  /** alias: a real server answered by another container's alias address (aliasOf names it) */
  kind: 'container' | 'vm' | 'alias';
  aliasOf?: string;
  accel: 'kvm' | 'tcg' | null; // VMs only
  ssh: boolean;
  state: string | null; // systemctl is-system-running
  failedUnits: string[];
  error: string | null;
}

export interface LabStatus {
  inventory: string;
  up: boolean; // every host runs, answers SSH and is running or degraded
  bridge: { name: string; present: boolean; address: string | null };
  hosts: LabHostStatus[];
  ipvs: IpvsSupport;
  /** set when directors run as VMs (lab up --datapath) */
  datapath: { accel: 'kvm' | 'tcg'; reason: string; kernelRelease: string; timeServer: number | null } | null;
}

export async function labStatus(opts: { inventory?: string } = {}): Promise<LabStatus> {
  assertCanRunLab();
  const state = await readState();
  // by default the inventory the lab was brought up with (lab.json or lab-datapath.json)
  const spec = await readLabSpec(labInventoryOf(opts.inventory, state));
  const present = (await labLinks()).includes(LAB_BRIDGE);
  const canSsh = existsSync(labFiles.sshKey) && existsSync(labFiles.knownHosts);
  const hosts = await Promise.all(
    spec.hosts.map(async (h): Promise<LabHostStatus> => {
      const vm = state.vms[h.name];
      const alias = state.aliases?.[h.name];
      const carrier = alias && alias.address === h.address ? state.hosts[alias.container] : undefined;
      const rec = vm
        ? { address: vm.address, proc: vm.qemu }
        : state.hosts[h.name]
          ? { address: state.hosts[h.name].address, proc: state.hosts[h.name].nspawn }
          : carrier
            ? { address: h.address, proc: carrier.nspawn }
            : null;
      const pid = rec && rec.address === h.address && isRunning(rec.proc) ? rec.proc.pid : null;
      const probe = pid !== null && canSsh ? await probeHost(h.address) : null;
      return {
        name: h.name,
        address: h.address,
        groups: h.groups,
        pid,
        kind: vm ? 'vm' : carrier ? 'alias' : 'container',
        ...(carrier ? { aliasOf: alias!.container } : {}),
        accel: vm?.accel ?? null,
        ssh: probe?.ssh ?? false,
        state: probe?.state ?? null,
        failedUnits: probe?.failedUnits ?? [],
        error: pid === null ? `${vm ? 'VM' : carrier ? `container ${alias!.container}` : 'container'} not running` : (probe?.error ?? null),
      };
    }),
  );
  const datapath =
    state.datapath && Object.keys(state.vms).length
      ? { ...state.datapath, timeServer: findTimeServer(state.timeServer)?.pid ?? null }
      : null;
  return {
    inventory: spec.file,
    // the VMs' time server too: without it a deploy cannot synchronise their clocks
    up:
      hosts.every((h) => h.pid !== null && h.ssh && (h.state === 'running' || h.state === 'degraded')) &&
      (datapath === null || datapath.timeServer !== null),
    bridge: { name: LAB_BRIDGE, present, address: present ? (state.bridge?.cidr ?? null) : null },
    hosts,
    ipvs: ipvsSupport(),
    datapath,
  };
}

export function formatLabStatus(s: LabStatus): string {
  const rows = s.hosts.map((h) => [
    h.name,
    h.address,
    h.pid === null ? 'stopped' : `running (pid ${h.pid})`,
    h.ssh ? 'ssh ok' : 'ssh -',
    h.state ?? '-',
    h.kind === 'vm' ? `vm (${h.accel ?? '?'})` : h.kind === 'alias' ? `alias of ${h.aliasOf}` : 'container',
  ]);
  const head = ['HOST', 'ADDRESS', 'PROCESS', 'SSH', 'STATE', 'KIND'];
  const widths = head.map((_, i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [
    `lab: ${s.inventory}`,
    `bridge: ${s.bridge.name} ${s.bridge.present ? (s.bridge.address ?? 'present') : 'absent'}`,
    '',
    line(head),
    ...rows.map(line),
    '',
  ];
  for (const h of s.hosts) {
    if (h.state === 'degraded') out.push(`${h.name}: degraded, failed units: ${h.failedUnits.join(' ') || 'none listed'}`);
    else if (h.pid !== null && h.error) out.push(`${h.name}: ${h.error}`);
  }
  if (!s.datapath) out.push(s.ipvs.line);
  else {
    const d = s.datapath;
    out.push(
      s.ipvs.available ? s.ipvs.line : `IP_VS: absent in the containers' kernel ${s.ipvs.kernel}; the directors run their own`,
      `datapath: directors are qemu VMs with ${d.accel.toUpperCase()} (${d.reason}), Debian kernel ${d.kernelRelease} with ip_vs`,
      `time server for the VMs: ${d.timeServer === null ? 'not running' : `pid ${d.timeServer}`} on ${s.bridge.address?.split('/')[0] ?? 'the bridge'}:123`,
    );
  }
  out.push(s.up ? 'lab is up' : 'lab is not up: run lvs-play lab up');
  return out.join('\n');
}
