// `lvs-play recover`: undo, by hand, what interrupted runs left: each host's
// journals of runs that no longer hold its lock (rolled back from the host's
// own records, newest step first), then the switches the control machine's
// record says a run left set (drains undone, handovers given back). deploy
// and rollout do the same first on their own hosts; recover does only this.

import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import { WriteSession } from '../lock/write-session.js';
import { assertNotRunning, clearRecordedHandovers, undrainRecorded } from '../rollout/recover.js';
import { describeRecord, keptDrain, readRecord, type SwitchRecordData } from '../rollout/switch-record.js';
import { Switchboard } from '../rollout/switchboard.js';
import { finishOnInterrupt } from '../run/finish-on-interrupt.js';
import { gatherFacts } from '../run/gather.js';
import type { JournalRun } from '../run/host-journal.js';
import { describeInterrupted, type InterruptedRunReport, interruptedReport, rollBackInterrupted } from '../run/interrupted.js';
import { hostRunsFact } from '../run/journals-fact.js';
import { secretsRedactor } from '../run/redactor.js';
import { ConnectionPool } from '../ssh/pool.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import type { Transport } from '../ssh/transport.js';

export interface RecoverOptions {
  cluster: Cluster;
  inventoryFile: string;
  hosts: Host[];
  /** report only: take no lock, change nothing */
  check: boolean;
  acceptNewHostKeys: boolean;
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
  command: string;
  log(line: string): void;
}

export interface HostRecovery {
  host: string;
  error?: string;
  runs: InterruptedRunReport[];
}

export interface RecoverReport {
  cluster: string;
  runId?: string;
  hosts: HostRecovery[];
  switches: string[];
}

/** Exit code: --check 0 nothing left / 2 something left; else 0 all undone / 1 something could not be undone or read. */
export async function recover(o: RecoverOptions): Promise<{ code: number; report: RecoverReport }> {
  const redact = secretsRedactor(o.cluster);
  const record = await readRecord(o.cluster.name);
  // a drain by hand (lvs-play drain) is the operator's, not something a run left: not listed, not undone
  const realServers = o.cluster.groups[REALSERVERS] ?? [];
  const switches = record
    ? describeRecord({ ...record, drains: record.drains.filter((d) => !keptDrain(d, realServers)) }, realServers)
    : [];
  if (o.check) {
    const pool = new ConnectionPool(o.cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys, routeGuard: o.routeGuard });
    try {
      // the report says what was found, never the journal's own records
      const hosts: HostRecovery[] = (await Promise.all(o.hosts.map((h) => readRuns(h, () => pool.get(h), null)))).map(
        ({ host, error, runs }) => (error === undefined ? { host, runs } : { host, error, runs }),
      );
      for (const h of hosts) logHost(o, h, 'found', redact);
      for (const s of switches) o.log(`switch record: ${s}`);
      const left = hosts.some((h) => h.runs.length) || switches.length > 0;
      return { code: hosts.some((h) => h.error) ? 1 : left ? 2 : 0, report: { cluster: o.cluster.name, hosts, switches } };
    } finally {
      await pool.closeAll();
    }
  }

  if (record) assertNotRunning(record, o.cluster.name);
  const off = finishOnInterrupt(o.log, 'recover');
  try {
    return await undoLeft(o, record, switches, redact);
  } finally {
    off();
  }
}

async function undoLeft(
  o: RecoverOptions,
  record: SwitchRecordData | null,
  switches: string[],
  redact: (s: string) => string,
): Promise<{ code: number; report: RecoverReport }> {
  const directors = o.cluster.groups[DIRECTORS] ?? [];
  const lockHosts = o.cluster.hosts.filter((h) => o.hosts.includes(h) || (record !== null && directors.includes(h.name)));
  const session = await WriteSession.open({
    cluster: o.cluster,
    command: o.command,
    acceptNewHostKeys: o.acceptNewHostKeys,
    routeGuard: o.routeGuard,
    hosts: lockHosts,
  });
  try {
    const connect = (h: Host) => session.connect(h);
    const hosts = await Promise.all(
      o.hosts.map(async (h): Promise<HostRecovery> => {
        const found = await readRuns(h, () => connect(h), session.runId);
        if (found.error || found.leftovers.length === 0) return { host: found.host, error: found.error, runs: [] };
        try {
          return { host: h.name, runs: await rollBackInterrupted(await connect(h), found.leftovers) };
        } catch (err) {
          return { host: h.name, error: (err as Error).message, runs: found.leftovers.map(interruptedReport) };
        }
      }),
    );
    for (const h of hosts) logHost(o, h, 'recovered', redact);
    if (record) {
      const board = await Switchboard.open({
        cluster: o.cluster,
        inventoryFile: o.inventoryFile,
        runId: session.runId,
        command: o.command,
        connect,
      });
      await undrainRecorded(board, o.cluster, o.log);
      if (board.record.handovers.length) await clearRecordedHandovers(board, { cluster: o.cluster, connect, redact }, o.log);
    }
    const failed = hosts.some((h) => h.error || h.runs.some((r) => r.rolledBack?.failed.length));
    return { code: failed ? 1 : 0, report: { cluster: o.cluster.name, runId: session.runId, hosts, switches } };
  } finally {
    await session.close();
  }
}

async function readRuns(
  h: Host,
  connect: () => Promise<Transport>,
  ownRunId: string | null,
): Promise<HostRecovery & { leftovers: JournalRun[] }> {
  try {
    const runs = (await gatherFacts(await connect(), [hostRunsFact])).get(hostRunsFact);
    const leftovers = runs.interrupted.filter((r) => r.runId !== ownRunId);
    return { host: h.name, runs: leftovers.map(interruptedReport), leftovers };
  } catch (err) {
    return { host: h.name, error: (err as Error).message, runs: [], leftovers: [] };
  }
}

function logHost(o: RecoverOptions, h: HostRecovery, mode: 'found' | 'recovered', redact: (s: string) => string): void {
  if (h.error) {
    o.log(redact(`${h.host}: cannot be read: ${h.error}`));
    return;
  }
  if (h.runs.length === 0) {
    o.log(`${h.host}: no interrupted run`);
    return;
  }
  for (const r of h.runs)
    o.log(redact(`${h.host}: ${describeInterrupted(r, r.rolledBack ? 'recovered' : mode === 'found' ? 'found' : 'recovered')}`));
}
