// What `deploy` and `check` share: options, inventory and playbook loading,
// choosing the progress display, printing the recap or the JSON report.

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { loadInventory } from '../inventory/load.js';
import { selectHosts } from '../inventory/select.js';
import { tasksFor, type Playbook } from '../playbook.js';
import { seedPlaybook } from '../../playbooks/seed.js';
import { listrObserver } from '../report/listr-observer.js';
import { plainObserver } from '../report/plain-observer.js';
import { recap } from '../report/recap.js';
import { silentObserver, type RunObserver } from '../run/observer.js';
import { exitCode, type RunMode } from '../run/report.js';
import { runPlaybook } from '../run/runner.js';

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
  --forks N                hosts worked on at once (default 16)
  --diff                   show unified diffs of files and values (secrets redacted)
  --json                   print a machine-readable report of every task on stdout
  --playbook FILE          a JavaScript module whose default export is a playbook (default: the seed's cluster)
  --accept-new-host-keys   trust and record host keys not yet in known_hosts (a changed key is always refused)
  --max-fail N             start no more hosts once N hosts failed or were unreachable`;

export async function loadPlaybook(file: string | undefined): Promise<Playbook> {
  if (!file) return seedPlaybook;
  const mod = await import(pathToFileURL(resolve(file)).href).catch((e: Error) => {
    throw new UserError(`cannot load playbook ${file}: ${e.message}`);
  });
  const pb = mod.default as Playbook | undefined;
  if (!pb || !Array.isArray(pb.plays)) throw new UserError(`playbook ${file} has no default export with "plays"`, { hint: 'export default { name, description, plays: [{ hosts, tasks }] }' });
  return pb;
}

export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag} must be a whole number of 1 or more, got "${value}"`);
  return n;
}

export interface RunValues { limit?: string; forks: string; json: boolean; diff: boolean; playbook?: string; 'accept-new-host-keys': boolean; 'max-fail'?: string }

/** Runs the playbook in `mode` and returns the exit code; `predictive` runs exit 2 when changes are pending. */
export async function runFromArgs(inventoryFile: string | undefined, mode: RunMode, values: RunValues, extra: { rollback: boolean; predictive: boolean }): Promise<number> {
  if (!inventoryFile) throw new UserError('missing INVENTORY', { hint: `lvs-play ${mode} inventory.json` });
  const { cluster, file } = await loadInventory(inventoryFile);
  const playbook = await loadPlaybook(values.playbook);
  const hosts = selectHosts(cluster, values.limit).filter((h) => tasksFor(playbook, h).length > 0);
  let observer: RunObserver = silentObserver;
  let progressDone: Promise<void> = Promise.resolve();
  if (!values.json) {
    if (process.stdout.isTTY) {
      const l = listrObserver(hosts.map((h) => ({ host: h, tasks: tasksFor(playbook, h).map((t) => t.name) })), mode);
      observer = l.observer;
      progressDone = l.done;
    } else {
      observer = plainObserver((line) => process.stdout.write(line + '\n'), mode);
    }
  }
  const report = await runPlaybook({
    cluster, inventoryFile: file, playbook, hosts, mode, forks: positiveInt(values.forks, '--forks'),
    rollback: extra.rollback, diff: values.diff, acceptNewHostKeys: values['accept-new-host-keys'], observer,
    maxFail: values['max-fail'] === undefined ? undefined : positiveInt(values['max-fail'], '--max-fail'),
  });
  await progressDone;
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(recap(report) + '\n');
  return exitCode(report, extra.predictive);
}

