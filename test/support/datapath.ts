// The datapath lab for mocha suites (test/datapath/): the directors as VMs
// with IP_VS (`lvs-play lab up --datapath`, the built CLI as a user runs it:
// exit 0 and every director reported as a VM, or the bring-up fails with its
// output), the seed's cluster deployed from
// inventory/lab-datapath.json (keepalived in full), verify clean, and the
// client given extra source addresses. Brought up once per run and shared by
// every datapath suite; the lab is taken down at the end of the run (by the
// root hook of test/support/lab.ts), since this run changed its shape.

import { type IpvsVirtualService, parseIpvsadmList } from '../../lib/facts/ipvs.js';
import type { RunResult } from '../../lib/lab/local-command.js';
import { labSsh } from '../../lib/lab/ssh.js';
import { labStatus } from '../../lib/lab/status.js';
import { type CliResult, lvsPlay } from './cli.js';
import { addSourcesCommand } from './client-traffic.js';
import { forgetLab, LAB_TIMEOUT_MS } from './lab.js';
import { waitFor } from './wait.js';

export const DATAPATH_INVENTORY = 'inventory/lab-datapath.json';
export const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
export const REAL_SERVERS = ['lvs01', 'lvs02'];
export const VIPS = ['198.18.0.100', '198.18.0.110'];
/** IPVS's TCP (established) timeout on the datapath lab's directors, set at bring-up (Linux default: 900 s);
 * above the longest a test keeps a held connection idle (drain and rollout waits: under a minute) */
export const LAB_IPVS_TCP_TIMEOUT_S = 120;
/** inventory/lab-datapath.json's advert_int */
export const ADVERT_INT_S = 3;

/** A host of the datapath lab, as `lab status --json` lists it. */
export interface DatapathHost {
  name: string;
  address: string;
  kind: 'container' | 'vm';
}

export interface DatapathLab {
  readonly hosts: DatapathHost[];
  address(name: string): string;
  ssh(name: string, command: string): Promise<RunResult>;
  run(name: string, command: string): Promise<string>;
  /** the director's IPVS table, from `ipvsadm -Ln` */
  ipvs(director: string): Promise<IpvsVirtualService[]>;
  /** weight of a real server (by address) in a VIP's service on a director; null when absent */
  weight(director: string, vip: string, realServer: string): Promise<number | null>;
}

let pending: Promise<DatapathHost[]> | null = null;
let labUpOutput: CliResult | null = null;

/** What the last `lvs-play lab up --datapath` of this run printed and returned. */
export function datapathLabUpOutput(): CliResult {
  if (!labUpOutput) throw new Error('the datapath lab was not brought up by this run');
  return labUpOutput;
}

/** Registers a before() hook that brings the datapath lab up and deployed (once per run). */
export function useDatapathLab(): DatapathLab {
  let hosts: DatapathHost[] | null = null;
  before(async function () {
    this.timeout(LAB_TIMEOUT_MS + 10 * 60_000);
    hosts = await ensureDatapathLab();
  });
  const lab: DatapathLab = {
    get hosts() {
      if (!hosts) throw new Error('the datapath lab is not up yet: use it inside tests');
      return hosts;
    },
    address(name) {
      const h = lab.hosts.find((x) => x.name === name);
      if (!h) throw new Error(`no lab host ${name}`);
      return h.address;
    },
    ssh: (name, command) => labSsh(lab.address(name), command),
    async run(name, command) {
      const r = await lab.ssh(name, command);
      if (r.code !== 0) throw new Error(`${name}: "${command}" exited ${r.code}: ${r.stderr.trim()}`);
      return r.stdout;
    },
    async ipvs(director) {
      return parseIpvsadmList(await lab.run(director, 'ipvsadm -Ln'));
    },
    async weight(director, vip, realServer) {
      const service = (await lab.ipvs(director)).find((s) => s.address === vip && s.port === 80);
      return service?.realServers.find((r) => r.address === realServer)?.weight ?? null;
    },
  };
  return lab;
}

export async function ensureDatapathLab(): Promise<DatapathHost[]> {
  if (pending) {
    const hosts = await pending.catch(() => null);
    const s = hosts ? await labStatus() : null;
    if (hosts && s?.up && s.datapath) return hosts;
    pending = null;
  }
  pending = (async () => {
    // the shape changes (directors become VMs): take the lab down at the end of the run
    forgetLab();
    const t0 = Date.now();
    const up = await lvsPlay(['lab', 'up', '--datapath']);
    labUpOutput = up;
    const t1 = Date.now();
    const said = `lab up --datapath exited ${up.code}:\n${up.stdout}\n${up.stderr}`;
    if (up.code !== 0) throw new Error(said);
    for (const d of DIRECTORS) {
      if (!new RegExp(`^  ${d}\\s+\\S+\\s+(running|degraded) \\(VM, (kvm|tcg)\\)$`, 'm').test(up.stdout))
        throw new Error(`${d} is not reported as a VM: ${said}`);
    }
    const status = JSON.parse((await lvsPlay(['lab', 'status', '--json'])).stdout) as { up: boolean; hosts: DatapathHost[] };
    if (!status.up) throw new Error(`lab status says the lab is not up after ${said}`);
    const hosts = status.hosts.map(({ name, address, kind }) => ({ name, address, kind }));
    const d = await lvsPlay(['deploy', DATAPATH_INVENTORY]);
    if (d.code !== 0) throw new Error(`deploy ${DATAPATH_INVENTORY} exited ${d.code}:\n${d.stdout}\n${d.stderr}`);
    const t2 = Date.now();
    // keepalived just started: the VIPs come up after VRRP's election (advert_int 3)
    await verifyPasses(DATAPATH_INVENTORY);
    // A connection a failover cuts in the middle stays ESTABLISHED in the table of the director that lost
    // the VIP for IPVS's TCP timeout (900 s), and drain --wait rightly counts it as active. On the lab's
    // own directors a short timeout keeps one suite's cut connections from lasting into the next suite.
    for (const d of hosts.filter((h) => DIRECTORS.includes(h.name))) {
      const t = await labSsh(d.address, `ipvsadm --set ${LAB_IPVS_TCP_TIMEOUT_S} 0 0`);
      if (t.code !== 0) throw new Error(`${d.name}: ipvsadm --set failed: ${t.stderr}`);
    }
    const client = hosts.find((h) => h.name === 'client')!;
    const r = await labSsh(client.address, addSourcesCommand());
    if (r.code !== 0) throw new Error(`client: adding source addresses failed: ${r.stderr}`);
    process.stderr.write(`      [datapath] lab up ${s(t1 - t0)}, deploy ${s(t2 - t1)}, VRRP settled ${s(Date.now() - t2)}\n`);
    return hosts;
  })();
  return pending;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Waits (90 s at most) until `lvs-play verify FILE` exits 0, e.g. after a deploy restarted keepalived and VRRP is
 * electing; returns what the passing verify printed, or fails with what the last one printed. */
export async function verifyPasses(file: string): Promise<string> {
  let last = '';
  await waitFor(
    `verify ${file} to pass`,
    async () => {
      const v = await lvsPlay(['verify', file]);
      last = v.stdout + v.stderr;
      return v.code === 0;
    },
    90_000,
    2000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${last}`);
  });
  return last;
}

/** For a suite that changes the lab's shape itself: the next useDatapathLab() brings it up and deploys again. */
export function forgetDatapathLab(): void {
  pending = null;
}
