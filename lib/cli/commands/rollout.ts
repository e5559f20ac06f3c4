// `lvs-play rollout INVENTORY`: a changed inventory rolled out one host at a
// time so that every VIP keeps answering. The work is in lib/rollout/; this
// file reads arguments. `deploy --rolling` is the same command.

import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import { limitNames, selectHosts } from '../../inventory/select.js';
import { tasksFor } from '../../playbook.js';
import { loadPlaybook } from '../../playbook-file.js';
import { parseBatch } from '../../rollout/plan/batches.js';
import { runRollout } from '../../rollout/run-rollout.js';
import { readRecord } from '../../rollout/switch-record.js';
import { commandLine, intOption, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';
import { nothingToRun } from '../run-command.js';

/** --drain-timeout: at most a day. */
export const MAX_DRAIN_TIMEOUT_SECONDS = 86_400;

export const ROLLOUT_USAGE = `Usage: lvs-play rollout INVENTORY [options]     (also: lvs-play deploy INVENTORY --rolling)

Reads every host once (one round trip each, the same diffs check computes),
prints the plan, and changes one host at a time:

  directors, one at a time: gate (its peers run keepalived and hold their own
  VIPs, every VIP held once: verify's own rows); hand its VIPs over through
  keepalived's handover switch (priority 1: the peer takes them with no gap);
  change it (journaled, rolled back on failure); wait until it has settled
  (for one Master_Down_Interval it claims no VIP: its adverts agree with its
  peers'); hand its VIPs back; confirm. Changes both directors must agree on
  (advert_int, authentication, a VIP list, a router id) are sequenced so one
  director holds every VIP while the other is changed out of the election.

  real servers, one batch at a time: drained on every director (a FILE_CHECK
  keepalived reads, weight 0 by inhibit_on_failure; recorded on this machine
  first), connections left to finish, changed, checked (its health check's
  request, sent from a director), undrained whatever happened, weights
  confirmed where the directors keep an IPVS table.

A failed gate, wait or change stops the rollout there: that stage's hosts are
rolled back, no other host is touched, and the report says where each VIP is.
Ctrl-C does the same; a second Ctrl-C only undrains and exits. A run killed
outright leaves its record in /var/lib/lvs-play/drains/CLUSTER.json
(LVS_PLAY_DRAINS_DIR): every command warns about it, and deploy or rollout
undo it.

Options:
  --check                  print the plan (order, gates, waits, what changes on each
                           host, how each director takes it) and change nothing
  --batch N|P%             real servers changed at once (default 1); P% of the
                           cluster's real servers, at least one
  --drain-timeout SECONDS  how long to wait for a drained real server's active
                           connections to reach zero before going on (1 to 86400, default 60)
  --limit HOST|GROUP[,..]  only change these hosts (every director is still read and gated on)
  --playbook FILE          a JavaScript or TypeScript module whose default export is a playbook
  --no-rollback            leave a failed host as the failure left it
  --json                   the plan (--check) or the report as JSON on stdout; progress on stderr
  --accept-new-host-keys   trust and record host keys not yet in known_hosts

Exit codes: 0 done (with --check: nothing to change); 2 (--check) changes pending;
1 a gate, wait or change failed, a host could not be read, or interrupted.`;

export const ROLLOUT_OPTIONS = {
  check: { type: 'boolean', default: false },
  batch: { type: 'string', default: '1' },
  'drain-timeout': { type: 'string', default: '60' },
  limit: { type: 'string' },
  playbook: { type: 'string' },
  'no-rollback': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'accept-new-host-keys': { type: 'boolean', default: false },
} as const;

export interface RolloutValues {
  check?: boolean;
  batch?: string;
  'drain-timeout'?: string;
  limit?: string;
  playbook?: string;
  'no-rollback'?: boolean;
  json?: boolean;
  'accept-new-host-keys'?: boolean;
}

export async function rolloutFromArgs(inventory: string | undefined, values: RolloutValues, command: string): Promise<number> {
  // every argument checked before the inventory is read and before any host is contacted
  const batch = parseBatch(values.batch ?? '1');
  const drainTimeoutMs = intOption(values['drain-timeout'] ?? '60', '--drain-timeout', 1, MAX_DRAIN_TIMEOUT_SECONDS) * 1000;
  if (values.limit !== undefined) limitNames(values.limit);
  if (!inventory) throw new UserError('missing INVENTORY', { hint: 'lvs-play rollout inventory.json' });
  const { cluster, file } = await loadInventory(inventory);
  const playbook = await loadPlaybook(values.playbook);
  const selected = selectHosts(cluster, values.limit);
  const hosts = selected.filter((h) => tasksFor(playbook, h).length > 0);
  if (hosts.length === 0)
    throw nothingToRun(
      selected.map((h) => h.name),
      values.limit,
    );
  // a damaged switch record is said before any host is read
  await readRecord(cluster.name);
  const json = values.json === true;
  return runRollout({
    cluster,
    inventoryFile: file,
    playbook,
    hosts,
    batch,
    drainTimeoutMs,
    check: values.check === true,
    rollback: !values['no-rollback'],
    json,
    acceptNewHostKeys: values['accept-new-host-keys'] === true,
    routeGuard: cliRouteGuard,
    command,
    out: (t) => process.stdout.write(`${t}\n`),
    progress: (l) => (json ? process.stderr : process.stdout).write(`${l}\n`),
  });
}

export const rolloutCommand: Command = {
  name: 'rollout',
  usage: ROLLOUT_USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs('rollout', args, ROLLOUT_OPTIONS, 1);
    return rolloutFromArgs(positionals[0], values, commandLine('rollout', args));
  },
};
