// What `deploy` and `check` share: options, inventory and playbook loading,
// choosing the progress display, printing the recap or the JSON report.
// A check of the seed playbook starts connecting to its first hosts as soon
// as the inventory is read, and loads the playbook's tasks and the run's
// modules (a good part of its start-up) while those handshakes are under way.

import { SEED_GROUPS } from '../../playbooks/seed-groups.js';
import { UserError } from '../errors.js';
import { loadInventory } from '../inventory/load.js';
import { limitNames, selectHosts } from '../inventory/select.js';
import type { Cluster, Host } from '../inventory/types.js';
import type { WriteSession } from '../lock/write-session.js';
import { type Playbook, tasksFor } from '../playbook.js';
import { drawsInPlace } from '../report/terminal-kind.js';
import { type RunObserver, silentObserver } from '../run/observer.js';
import { exitCode, type RunMode } from '../run/report.js';
import { ConnectionPool } from '../ssh/pool.js';
import { quoted, safeText } from '../terminal-text.js';
import { intOption } from './args.js';
import { cliRouteGuard } from './route-guard.js';

export const RUN_OPTIONS = {
  limit: { type: 'string' },
  forks: { type: 'string', default: '16' },
  json: { type: 'boolean', default: false },
  diff: { type: 'boolean', default: false },
  playbook: { type: 'string' },
  'accept-new-host-keys': { type: 'boolean', default: false },
  'max-fail': { type: 'string' },
} as const;

export const RUN_USAGE = `  --limit HOST|GROUP[,..]  only these hosts or groups
  --forks N                hosts worked on at once, 1 to 1024 (default 16)
  --diff                   show unified diffs of files and values (secrets redacted)
  --json                   print a machine-readable report of every task on stdout
  --playbook FILE          a JavaScript or TypeScript module whose default export is a playbook (default: the seed's cluster)
  --accept-new-host-keys   trust and record host keys not yet in known_hosts (a changed key is always refused)
  --max-fail N             start no more hosts once N hosts failed or were unreachable`;

/** Hosts worked on at once: each is an SSH connection and a few processes. */
export const MAX_FORKS = 1024;
/** --max-fail: any count above the number of hosts means "never stop"; this is far above. */
export const MAX_FAIL = 100_000;

export interface RunValues {
  limit?: string;
  forks: string;
  json: boolean;
  diff: boolean;
  playbook?: string;
  'accept-new-host-keys': boolean;
  'max-fail'?: string;
}

/** The run options, checked: nothing is read or contacted yet. */
export interface RunSettings {
  limit?: string;
  forks: number;
  maxFail?: number;
  json: boolean;
  diff: boolean;
  playbook?: string;
  acceptNewHostKeys: boolean;
}

export function runSettings(values: RunValues): RunSettings {
  if (values.limit !== undefined) limitNames(values.limit);
  return {
    limit: values.limit,
    forks: intOption(values.forks, '--forks', 1, MAX_FORKS),
    maxFail: values['max-fail'] === undefined ? undefined : intOption(values['max-fail'], '--max-fail', 1, MAX_FAIL),
    json: values.json,
    diff: values.diff,
    playbook: values.playbook,
    acceptNewHostKeys: values['accept-new-host-keys'],
  };
}

/** Everything a run needs, read and checked (inventory, playbook, --limit); no host contacted yet. */
export interface PreparedRun {
  cluster: Cluster;
  file: string;
  playbook: Playbook;
  hosts: Host[];
  settings: RunSettings;
  /** check: the connections already opening to the first hosts; the run uses it and closes it */
  pool?: ConnectionPool;
}

export async function prepareRun(inventoryFile: string | undefined, mode: RunMode, settings: RunSettings): Promise<PreparedRun> {
  if (!inventoryFile) throw new UserError('missing INVENTORY', { hint: `lvs-play ${mode} inventory.json` });
  const { cluster, file } = await loadInventory(inventoryFile);
  const selected = selectHosts(cluster, settings.limit);
  const pool = mode === 'check' && settings.playbook === undefined ? connectEarly(cluster, selected, settings) : undefined;
  try {
    const { loadPlaybook } = await import('../playbook-file.js');
    const playbook = await loadPlaybook(settings.playbook);
    const hosts = selected.filter((h) => tasksFor(playbook, h).length > 0);
    if (hosts.length === 0)
      throw nothingToRun(
        selected.map((h) => h.name),
        settings.limit,
      );
    return { cluster, file, playbook, hosts, settings, pool };
  } catch (err) {
    await pool?.closeAll();
    throw err;
  }
}

/**
 * A check only reads, so it takes no lock before connecting: open the connections of the hosts its first `forks`
 * workers will take (the selected hosts in the seed playbook's groups, in inventory order, as the runner queues them)
 * now. A host that cannot be reached fails here once and is reported by the run, as if it had connected then.
 */
function connectEarly(cluster: Cluster, selected: Host[], settings: RunSettings): ConnectionPool {
  const pool = new ConnectionPool(cluster.hosts, { acceptNewHostKeys: settings.acceptNewHostKeys, routeGuard: cliRouteGuard });
  for (const h of seedHostsFirst(selected, settings.forks)) pool.get(h).catch(() => undefined); // the run's get() sees a failure
  return pool;
}

/** The first `forks` of the selected hosts the seed playbook has tasks for (a group of one of its plays), in order. */
export function seedHostsFirst(selected: readonly Host[], forks: number): Host[] {
  return selected.filter((h) => h.groups.some((g) => SEED_GROUPS.includes(g))).slice(0, forks);
}

/** A selection of hosts none of which the playbook has a task for: nothing would be checked or changed, which is not "in sync". */
export function nothingToRun(selected: string[], limit: string | undefined): UserError {
  return new UserError(
    `${limit === undefined ? 'the inventory' : `--limit ${quoted(limit)}`} selects no host the playbook has a task for (${selected.map((h) => safeText(h)).join(', ') || 'none'})`,
    { hint: 'select directors or real servers, e.g. --limit directors' },
  );
}

/** Runs the playbook in `mode` and returns the exit code; `predictive` runs exit 2 when changes are pending. */
export async function executeRun(
  p: PreparedRun,
  mode: RunMode,
  extra: { rollback: boolean; predictive: boolean },
  session?: WriteSession,
): Promise<number> {
  try {
    return await runAndReport(p, mode, extra, session);
  } finally {
    await p.pool?.closeAll(); // the run closes it too; this covers a failure before the run starts
  }
}

async function runAndReport(
  p: PreparedRun,
  mode: RunMode,
  extra: { rollback: boolean; predictive: boolean },
  session: WriteSession | undefined,
): Promise<number> {
  const { cluster, file, playbook, hosts, settings } = p;
  const [{ runPlaybook }, { recap }, { jsonDocument }] = await Promise.all([
    import('../run/runner.js'),
    import('../report/recap.js'),
    import('../report/json-format.js'),
  ]);
  let observer: RunObserver = silentObserver;
  let progressDone: Promise<void> = Promise.resolve();
  let finishProgress = () => {};
  // what the run says at a stop: on stderr, or above the collapsed view that redraws the terminal in place
  let say = (line: string) => {
    process.stderr.write(`${line}\n`);
  };
  if (!settings.json) {
    const tree = hosts.map((h) => ({ host: h, tasks: tasksFor(playbook, h).map((t) => t.name) }));
    const { treeFits } = await import('../report/progress-summary.js');
    const live = drawsInPlace();
    if (live && treeFits(tree, process.stdout.rows ?? 24)) {
      // listr2 is loaded only to draw on a terminal (a pipe or a timer's run never pays for it)
      const { listrObserver } = await import('../report/listr-observer.js');
      const l = listrObserver(tree, mode);
      observer = l.observer;
      progressDone = l.done;
    } else if (live) {
      // a row per host and task would scroll off: counts, the hosts running, every failure
      const { summaryObserver } = await import('../report/summary-observer.js');
      const out = process.stdout;
      const s = summaryObserver(
        hosts.map((h) => h.name),
        mode,
        cluster.name,
        {
          get rows() {
            return out.rows ?? 24;
          },
          get cols() {
            return out.columns ?? 80;
          },
          write: (t) => out.write(t),
        },
      );
      observer = s.observer;
      finishProgress = s.finish;
      say = s.say;
    } else {
      const { plainObserver } = await import('../report/plain-observer.js');
      observer = plainObserver((line) => process.stdout.write(`${line}\n`), mode);
    }
  }
  // Ctrl-C or SIGTERM stops a run cleanly: a deploy's hosts under way are put back, a check's reads are cut; the
  // recap says which hosts were not done
  const { stopOnInterrupt } = await import('../run/stop-on-interrupt.js');
  const stop = stopOnInterrupt(say, mode);
  const report = await runPlaybook({
    cluster,
    inventoryFile: file,
    playbook,
    hosts,
    mode,
    forks: settings.forks,
    rollback: extra.rollback,
    diff: settings.diff,
    acceptNewHostKeys: settings.acceptNewHostKeys,
    routeGuard: cliRouteGuard,
    observer,
    maxFail: settings.maxFail,
    session,
    pool: session ? undefined : p.pool,
    stop: stop.signal,
  }).finally(() => stop.off());
  await progressDone;
  finishProgress();
  if (settings.json) process.stdout.write(jsonDocument(report));
  else process.stdout.write(`${recap(report)}\n`);
  // hosts a stop left unstarted or unchecked are no success
  if (stop.signal.aborted && report.hosts.some((h) => h.status === 'skipped')) return 1;
  return exitCode(report, extra.predictive);
}

/** Options checked, then inventory and playbook read, then the run. */
export async function runFromArgs(
  inventoryFile: string | undefined,
  mode: RunMode,
  values: RunValues,
  extra: { rollback: boolean; predictive: boolean },
): Promise<number> {
  const settings = runSettings(values);
  return executeRun(await prepareRun(inventoryFile, mode, settings), mode, extra);
}
