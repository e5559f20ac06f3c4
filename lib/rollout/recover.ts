// What `deploy` (and a rollout) does about switches an earlier run left set
// (its record, switch-record.ts): drained real servers are undrained first
// (they were left out of the pool by a run that never finished); handovers
// are undone once the directors are converged, so a director that was left
// half-changed takes its VIPs back only with the inventory's config.

import type { Cluster, Host } from '../inventory/types.js';
import type { Transport } from '../ssh/transport.js';
import { homeOn, vipProbe, type DirectorsAccess } from './director-checks.js';
import { DIRECTORS } from '../inventory/defaults.js';
import { Switchboard } from './switchboard.js';
import { UserError } from '../errors.js';
import { loadInventory } from '../inventory/load.js';
import { secretsRedactor } from '../run/redactor.js';
import { newRunId } from '../run/runner.js';
import { ConnectionPool } from '../ssh/pool.js';
import { readRecord, type SwitchRecordData } from './switch-record.js';
import { waitUntil } from './wait-until.js';

export async function undrainRecorded(board: Switchboard, log: (line: string) => void): Promise<void> {
  for (const d of board.record.drains) {
    log(`${d.realServer}: undraining on ${d.directors.join(', ')} (recorded as drained since ${d.since} by a run that did not finish)`);
    await board.undrain([d.realServer], d.directors);
  }
}

export async function clearRecordedHandovers(board: Switchboard, access: { cluster: Cluster; connect(h: Host): Promise<Transport>; redact(s: string): string }, log: (line: string) => void): Promise<void> {
  const directors = (access.cluster.groups[DIRECTORS] ?? []).map((d) => access.cluster.hosts.find((h) => h.name === d)!).filter(Boolean);
  const a: DirectorsAccess = { ...access, directors };
  for (const h of board.record.handovers) {
    log(`${h.director}: its handover switch was left "${h.level}" since ${h.since}: handing its VIPs back`);
    await board.handover(h.director, 'normal');
    await waitUntil({ what: `for ${h.director} to take back its VIPs`, timeoutMs: 60_000, log: (l) => log(`  ${l}`) }, vipProbe(a, homeOn(access.cluster, h.director)));
  }
}

/**
 * Plain `deploy`: switches an interrupted run left set are undone around it
 * (drains before, handovers after a successful run). With no record this
 * reads one file and runs the deploy as it is.
 */
export async function deployUndoingLeftSwitches(o: {
  inventory: string | undefined; acceptNewHostKeys: boolean; command: string; log(line: string): void; run(): Promise<number>;
}): Promise<number> {
  if (!o.inventory) return o.run();
  const { cluster, file } = await loadInventory(o.inventory);
  const old = await readRecord(cluster.name);
  if (!old) return o.run();
  assertNotRunning(old, cluster.name);
  const pool = new ConnectionPool(cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys });
  try {
    const board = await Switchboard.open({ cluster, inventoryFile: file, runId: newRunId(), command: o.command, connect: (h) => pool.get(h) });
    await undrainRecorded(board, o.log);
    const code = await o.run();
    if (code === 0 && board.record.handovers.length) await clearRecordedHandovers(board, { cluster, connect: (h) => pool.get(h), redact: secretsRedactor(cluster) }, o.log);
    return code;
  } finally {
    await pool.closeAll();
  }
}

/** A record whose process still runs is that run's, not a leftover. */
export function assertNotRunning(record: SwitchRecordData, cluster: string): void {
  if (record.pid === process.pid || !alive(record.pid)) return;
  throw new UserError(`another lvs-play run (pid ${record.pid}, ${record.command}) has switches set on cluster ${cluster}`,
    { hint: 'wait for it to finish; if that process is not lvs-play, remove the record named in the warning above' });
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
