// `lvs-play schedule run`: what the service runs. One `check` (the same
// playbook run `lvs-play check --json` makes, in this process), its report
// kept in the state directory, its metrics written for node_exporter, and
// check's exit status returned. Whatever goes wrong before a host is checked
// still leaves a record and metrics that say so (exit 1).

import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { loadInventory } from '../inventory/load.js';
import { selectHosts } from '../inventory/select.js';
import { tasksFor } from '../playbook.js';
import { loadPlaybook } from '../playbook-file.js';
import { DamagedRecordError, type DrainEntry, readRecord } from '../rollout/switch-record.js';
import { silentObserver } from '../run/observer.js';
import { runPlaybook } from '../run/runner.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import { ensureDir, type SavedRecord, saveRecord, writeAtomic } from './history.js';
import { renderMetrics } from './metrics.js';
import { clusterNameOf, defaultUnitName } from './names.js';
import { type CheckRecord, failedRecord, recordOf } from './record.js';

export interface ScheduledRunOptions {
  inventory: string;
  stateDir: string;
  /** where <name>.prom goes; default the state directory */
  textfileDir?: string;
  keep: number;
  /** base name of the metrics file; default lvs-play-check-<cluster> */
  name?: string;
  playbook?: string;
  limit?: string;
  forks?: number;
  diff?: boolean;
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
}

export interface ScheduledRunResult {
  record: CheckRecord;
  saved: SavedRecord;
  metricsFile: string;
}

export async function runScheduledCheck(o: ScheduledRunOptions): Promise<ScheduledRunResult> {
  const inventory = resolve(o.inventory);
  const started = new Date();
  let record: CheckRecord;
  try {
    const { cluster, file } = await loadInventory(inventory);
    const playbook = await loadPlaybook(o.playbook);
    const hosts = selectHosts(cluster, o.limit).filter((h) => tasksFor(playbook, h).length > 0);
    const report = await runPlaybook({
      cluster,
      inventoryFile: file,
      playbook,
      hosts,
      mode: 'check',
      forks: o.forks ?? 16,
      rollback: false,
      diff: o.diff ?? false,
      acceptNewHostKeys: false,
      routeGuard: o.routeGuard,
      observer: silentObserver,
    });
    record = recordOf(report);
  } catch (err) {
    // not a UserError: a bug, recorded all the same; the stack goes to the journal
    if (!(err instanceof UserError))
      process.stderr.write(`lvs-play: internal error during the check:\n${(err as Error)?.stack ?? String(err)}\n`);
    record = failedRecord({
      inventory,
      cluster: await clusterNameOf(inventory),
      startedAt: started,
      durationMs: Date.now() - started.getTime(),
      error: (err as Error)?.message ?? String(err),
    });
  }
  const saved = await saveRecord(o.stateDir, record, o.keep);
  const textfileDir = o.textfileDir ?? o.stateDir;
  await ensureDir(textfileDir);
  const metricsFile = join(textfileDir, `${o.name ?? defaultUnitName(record.cluster)}.prom`);
  await writeAtomic(metricsFile, renderMetrics(record, await recordedDrains(record.cluster)));
  return { record, saved, metricsFile };
}

/** The cluster's drains in this machine's switch record; none when there is no record or it is damaged (every command warns about that). */
async function recordedDrains(cluster: string): Promise<DrainEntry[]> {
  try {
    return (await readRecord(cluster))?.drains ?? [];
  } catch (err) {
    if (err instanceof DamagedRecordError) return [];
    throw err;
  }
}
