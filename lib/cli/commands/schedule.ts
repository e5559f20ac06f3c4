// `lvs-play schedule`: drift checks run by a systemd timer, with their reports
// kept and their metrics written for node_exporter. The work is in
// lib/schedule/; this file reads arguments and prints.

import { existsSync, statSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import { limitNames } from '../../inventory/select.js';
import { sshConfigPath } from '../../inventory/ssh-config.js';
import { jsonDocument } from '../../report/json-format.js';
import { currentEntry } from '../../schedule/entry.js';
import { serviceEnvironmentWarnings } from '../../schedule/environment.js';
import { installedMeta, installUnits, removeUnits } from '../../schedule/install.js';
import { parseEvery } from '../../schedule/interval.js';
import {
  checkOnFailure,
  checkPath,
  checkUnitName,
  clusterNameOf,
  DEFAULT_KEEP,
  defaultStateDir,
  defaultUnitName,
  NODE_EXPORTER_TEXTFILE_DIR,
  readClusterName,
} from '../../schedule/names.js';
import { runScheduledCheck } from '../../schedule/run.js';
import { formatStatus, recordLines, scheduleStatus, statusExitCode } from '../../schedule/status.js';
import { assertSystemdRunning, SYSTEM_UNIT_DIR, systemdRunning } from '../../schedule/systemctl.js';
import { renderUnits, scheduledRunArgv } from '../../schedule/units.js';
import { safeText } from '../../terminal-text.js';
import { intOption, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';

/** --keep: reports are a few KiB each; this many is years of runs. */
export const MAX_KEEP = 10_000;

const USAGE = `Usage:
  lvs-play schedule INVENTORY --every 15m [options]   write (and start) the timer
  lvs-play schedule run INVENTORY [options]           one check, as the timer runs it
  lvs-play schedule status INVENTORY [options]        timer state and the last result
  lvs-play schedule remove INVENTORY [--purge]        stop and remove the timer

A systemd service and timer (lvs-play-check-CLUSTER.service/.timer) run
\`schedule run\`: the check \`lvs-play check --json\` makes, its report kept in
the state directory (reports/check-TIME.json, the last --keep of them, and
latest.json) and Prometheus metrics written to NAME.prom for node_exporter's
textfile collector. It exits with check's codes, so drift (2) and errors (1)
leave the service failed: \`systemctl --failed\` lists it, OnFailure= fires.

The service runs this node and this lvs-play by absolute path (systemd's PATH
has neither when they come from nvm or a clone): schedule again after moving
them. npx's cache is refused: npm may clean it.

Options:
  --every DURATION|hourly|daily|weekly   how often (15m, 90s, 1h30m, 2d; at least 1m)
  --state-dir DIR      reports and latest.json (default ${defaultStateDir('CLUSTER', defaultUnitName('CLUSTER'))})
  --textfile-dir DIR   where NAME.prom goes (default the state dir; node_exporter
                       on Debian reads ${NODE_EXPORTER_TEXTFILE_DIR})
  --keep N             reports kept, 1 to ${MAX_KEEP} (default ${DEFAULT_KEEP})
  --unit-dir DIR       where the units go (default ${SYSTEM_UNIT_DIR}); elsewhere
                       they are only written, systemctl is not run
  --name NAME          unit base name (default lvs-play-check-CLUSTER)
  --env-file FILE      EnvironmentFile= for the service (e.g. a VRRP password variable)
  --on-failure UNIT    OnFailure= unit, started on drift or error
  --playbook FILE      the playbook the check uses (as for check)
  --limit HOST|GROUP   (run) check only these hosts
  --no-enable          write the units without daemon-reload/enable/start
  --dry-run            print the units, write nothing
  --purge              (remove) also delete the kept reports
  --json               (status) print the status as JSON

Exit codes: schedule/remove 0 done, 1 error; run 0 in sync, 2 drift, 1 error;
status the last run's code (1 when there was none).`;

const OPTIONS = {
  every: { type: 'string' },
  'state-dir': { type: 'string' },
  'textfile-dir': { type: 'string' },
  keep: { type: 'string' },
  'unit-dir': { type: 'string' },
  name: { type: 'string' },
  'env-file': { type: 'string' },
  'on-failure': { type: 'string' },
  playbook: { type: 'string' },
  limit: { type: 'string' },
  'no-enable': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  purge: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parse>['values'];
type Sub = 'install' | 'run' | 'status' | 'remove';

// a flag another subcommand takes would be silently ignored here: refuse it
const ACCEPTS: Record<Sub, (keyof typeof OPTIONS)[]> = {
  install: ['every', 'state-dir', 'textfile-dir', 'keep', 'unit-dir', 'name', 'env-file', 'on-failure', 'playbook', 'no-enable', 'dry-run'],
  run: ['state-dir', 'textfile-dir', 'keep', 'name', 'playbook', 'limit'],
  status: ['unit-dir', 'name', 'state-dir', 'json'],
  remove: ['unit-dir', 'name', 'state-dir', 'textfile-dir', 'purge'],
};

function parse(sub: Sub, args: string[]) {
  return parseCommandArgs(sub === 'install' ? 'schedule' : `schedule ${sub}`, args, OPTIONS, 1);
}

/** --env-file: systemd refuses to start a service whose EnvironmentFile= is missing; say so now. */
function checkEnvFile(file: string): string {
  const path = checkPath(file, '--env-file');
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`--env-file ${safeText(path)} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, {
      hint: 'create it (mode 0600) with the variables the check reads, one NAME=value per line, e.g. the passwordEnv variable',
    });
  }
  if (!st.isFile())
    throw new UserError(`--env-file ${safeText(path)} is not a regular file`, { hint: 'give a file of NAME=value lines (mode 0600)' });
  return path;
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

export const scheduleCommand: Command = {
  name: 'schedule',
  usage: USAGE,
  async run(args) {
    const sub: Sub = args[0] === 'run' || args[0] === 'status' || args[0] === 'remove' ? args[0] : 'install';
    const { values, positionals } = parse(sub, sub === 'install' ? args : args.slice(1));
    const stray = (Object.keys(values) as (keyof typeof OPTIONS)[]).filter(
      (k) => values[k] !== (OPTIONS[k] as { default?: unknown }).default && !ACCEPTS[sub].includes(k),
    );
    if (stray.length)
      throw new UserError(`schedule${sub === 'install' ? '' : ` ${sub}`} does not take --${stray[0]}`, {
        hint: 'lvs-play schedule --help',
      });
    if (positionals.length !== 1)
      throw new UserError(`schedule${sub === 'install' ? '' : ` ${sub}`}: missing INVENTORY`, {
        hint: `lvs-play schedule ${sub === 'install' ? '' : `${sub} `}inventory.json${sub === 'install' ? ' --every 15m' : ''}`,
      });
    const inventory = checkPath(positionals[0], 'INVENTORY');
    if (sub === 'run') return runOnce(inventory, values);
    if (sub === 'status') return status(inventory, values);
    if (sub === 'remove') return remove(inventory, values);
    return install(inventory, values);
  },
};

async function install(inventory: string, v: Values): Promise<number> {
  if (v.every === undefined) throw new UserError('schedule needs --every', { hint: 'e.g. --every 15m, or --every daily' });
  // the arguments first, then the inventory (a broken one fails now, not at 3 am)
  const schedule = parseEvery(v.every);
  const keep = intOption(v.keep ?? String(DEFAULT_KEEP), '--keep', 1, MAX_KEEP);
  const envFile = v['env-file'] === undefined ? undefined : checkEnvFile(v['env-file']);
  const onFailure = v['on-failure'] === undefined ? undefined : checkOnFailure(v['on-failure']);
  if (v.name !== undefined) checkUnitName(v.name);
  const { cluster, inventory: raw } = await loadInventory(inventory);
  const name = checkUnitName(v.name ?? defaultUnitName(cluster.name));
  const stateDir = checkPath(v['state-dir'] ?? defaultStateDir(cluster.name, name), '--state-dir');
  const textfileDir = checkPath(v['textfile-dir'] ?? stateDir, '--textfile-dir');
  const unitDir = checkPath(v['unit-dir'] ?? SYSTEM_UNIT_DIR, '--unit-dir');
  const playbook = v.playbook === undefined ? undefined : checkPath(v.playbook, '--playbook');
  const entry = currentEntry();
  const sshConfig = scheduledSshConfig();
  const units = renderUnits({
    cluster: cluster.name,
    name,
    schedule,
    inventory,
    stateDir,
    textfileDir,
    command: scheduledRunArgv({ node: entry.node, entry: entry.script, inventory, stateDir, textfileDir, keep, name, playbook, sshConfig }),
    envFile,
    onFailure,
  });
  for (const w of serviceEnvironmentWarnings(raw, cluster, v['env-file'])) process.stderr.write(`warning: ${w}\n`);
  if (v['dry-run']) {
    out(`# ${unitDir}/${units.service.name}\n${units.service.content}\n# ${unitDir}/${units.timer.name}\n${units.timer.content}`);
    return 0;
  }
  const activate = unitDir === SYSTEM_UNIT_DIR && !v['no-enable'];
  if (activate) assertSystemdRunning(`start ${units.timer.name}`);
  const r = await installUnits({ units, unitDir, stateDir, textfileDir, activate });
  out(r.written.map((p) => `wrote ${p}`).join('\n'));
  if (activate) out(`started ${units.timer.name}; see lvs-play schedule status ${inventory}`);
  else out(`not started; to start it: ${r.commands.map((c) => `systemctl ${c.join(' ')}`).join(' && ')}`);
  return 0;
}

async function runOnce(inventory: string, v: Values): Promise<number> {
  const keep = intOption(v.keep ?? String(DEFAULT_KEEP), '--keep', 1, MAX_KEEP);
  if (v.limit !== undefined) limitNames(v.limit);
  const cluster = await clusterNameOf(inventory);
  const name = checkUnitName(v.name ?? defaultUnitName(cluster));
  const stateDir = checkPath(v['state-dir'] ?? defaultStateDir(cluster, name), '--state-dir');
  const r = await runScheduledCheck({
    inventory,
    stateDir,
    textfileDir: v['textfile-dir'] === undefined ? undefined : checkPath(v['textfile-dir'], '--textfile-dir'),
    keep,
    name,
    playbook: v.playbook,
    limit: v.limit,
    routeGuard: cliRouteGuard,
  });
  out([...recordLines(r.record, `check of ${r.record.cluster}`), `report: ${r.saved.report}`, `metrics: ${r.metricsFile}`].join('\n'));
  return r.record.exitCode;
}

/** Names and directories of an existing schedule: flags, else what its service records, else the defaults. */
async function located(inventory: string, v: Values) {
  const unitDir = checkPath(v['unit-dir'] ?? SYSTEM_UNIT_DIR, '--unit-dir');
  const cluster = v.name === undefined ? await readClusterName(inventory) : undefined;
  const name = checkUnitName(v.name ?? defaultUnitName(cluster!));
  const meta = (await installedMeta(unitDir, name)) ?? {};
  const stateDir = checkPath(v['state-dir'] ?? meta.stateDir ?? defaultStateDir(meta.cluster ?? cluster ?? name, name), '--state-dir');
  const textfileDir = checkPath(v['textfile-dir'] ?? meta.textfileDir ?? stateDir, '--textfile-dir');
  // systemctl only for the system's units on a machine where systemd runs
  return { unitDir, name, stateDir, textfileDir, askSystemd: unitDir === SYSTEM_UNIT_DIR && systemdRunning() };
}

async function status(inventory: string, v: Values): Promise<number> {
  const l = await located(inventory, v);
  const s = await scheduleStatus({ name: l.name, unitDir: l.unitDir, stateDir: l.stateDir, askSystemd: l.askSystemd });
  out(v.json ? jsonDocument(s) : formatStatus(s));
  return statusExitCode(s);
}

async function remove(inventory: string, v: Values): Promise<number> {
  const l = await located(inventory, v);
  const r = await removeUnits({
    name: l.name,
    unitDir: l.unitDir,
    stateDir: l.stateDir,
    textfileDir: l.textfileDir,
    purge: v.purge,
    activate: l.askSystemd,
  });
  const lines = [
    ...r.commands.map((c) => `systemctl ${c.join(' ')}`),
    ...r.removed.map((p) => `removed ${p}`),
    ...r.kept.map((p) => `kept ${p}${v.purge ? ' (holds other files)' : ' (--purge deletes the reports)'}`),
  ];
  out(lines.length ? lines.join('\n') : `nothing to remove: no ${l.name} units in ${l.unitDir}`);
  return 0;
}

/** The ssh config this run reads, spelled out for the service ("none" when there is none), so that the
 * scheduled checks connect as this command did whoever's HOME systemd gives them. */
function scheduledSshConfig(): string {
  const chosen = sshConfigPath();
  if (chosen === null) return 'none';
  return chosen.required || existsSync(chosen.path) ? chosen.path : 'none';
}
