// `lvs-play drain INVENTORY HOST...`: take real servers out of the pool by
// keepalived's own drain switch, on every director. The work is in
// lib/rollout/manual-drain.ts.

import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import { checkRealServers, manualDrain } from '../../rollout/manual-drain.js';
import { readRecord } from '../../rollout/switch-record.js';
import { safeText } from '../../terminal-text.js';
import { commandLine, intOption, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';

/** --wait: at most a day. */
export const MAX_WAIT_SECONDS = 86_400;

export function drainUsage(undrain: boolean): string {
  return undrain
    ? `Usage: lvs-play undrain INVENTORY [HOST...] [--wait SECONDS] [--accept-new-host-keys]

Clears the drain switch of the real servers (default: every one recorded as
drained for this cluster) on every director, removes them from the record,
and where the directors keep an IPVS table waits until every director has them
at the inventory's weight again (--wait, 0 to 86400, default 60; 0: do not wait).

Ctrl-C (or SIGTERM) before any switch is cleared exits at once; while the
switches are cleared, that step finishes on every director first (Ctrl-C again
exits at once); while waiting, the wait ends.

Exit codes: 0 undrained (weights confirmed, or not observable here: said so); 1 a
director could not be reached (the others are cleared; it stays recorded) or
the weights did not come back; 130 / 143 stopped by SIGINT / SIGTERM.`
    : `Usage: lvs-play drain INVENTORY HOST... [--wait SECONDS] [--force] [--accept-new-host-keys]

Sets the drain switch of each real server HOST on every director: keepalived's
FILE_CHECK on it fails, and inhibit_on_failure sets its weight to 0, so new
connections go elsewhere and existing ones finish. Recorded on this machine
first (/var/lib/lvs-play/drains/CLUSTER.json, LVS_PLAY_DRAINS_DIR): every
lvs-play command warns about it until \`lvs-play undrain\`; deploy, rollout and
recover keep it (a rollout changes the host while it is out of the pool).
Where the directors keep an IPVS table, waits until no active connection to
the hosts is left (--wait, 0 to 86400, default 60; 0: do not wait).

Refused, before anything is set, when a service of HOST would be left with no
real server answering its health check (asked from the first director that
answers): the others fail it or are drained already (recorded here, or their
drain switch set on a director, e.g. from another control machine). --force
drains anyway.
A director that does not answer does not stop the drain on the others: the
output says which directors have the switch set and which do not.

Ctrl-C (or SIGTERM) before any switch is set exits at once, nothing drained;
while the switches are set, that step finishes on every director first (Ctrl-C
again exits at once); while waiting, the wait ends and the drain stands
(recorded, as the output says).

Exit codes: 0 drained (connections done, still finishing, or not observable
here: said so); 1 refused, or a director could not be reached; 130 / 143
stopped by SIGINT / SIGTERM.`;
}

export function drainCommandOf(undrain: boolean): Command {
  const name = undrain ? 'undrain' : 'drain';
  return {
    name,
    usage: drainUsage(undrain),
    async run(args) {
      const { values, positionals } = parseCommandArgs(name, args, {
        wait: { type: 'string', default: '60' },
        ...(undrain ? {} : { force: { type: 'boolean', default: false } }),
        'accept-new-host-keys': { type: 'boolean', default: false },
      });
      const [inventory, ...rest] = positionals;
      const hosts = rest
        .flatMap((h) => h.split(','))
        .map((h) => h.trim())
        .filter(Boolean);
      const wait = intOption(values.wait, '--wait', 0, MAX_WAIT_SECONDS);
      if (!inventory) throw new UserError('missing INVENTORY', { hint: `lvs-play ${name} inventory.json${undrain ? '' : ' HOST'}` });
      if (!undrain && hosts.length === 0)
        throw new UserError('drain: name the real servers to drain', { hint: 'lvs-play drain inventory.json lvs01' });
      if (undrain && rest.length > 0 && hosts.length === 0)
        throw new UserError('undrain: the HOST arguments name no host', {
          hint: 'name real servers, or give none to undrain every one recorded as drained',
        });
      const { cluster, file } = await loadInventory(inventory);
      // before any director is contacted (to take the run's locks): names shown escaped, a damaged record refused
      const record = await readRecord(cluster.name);
      checkRealServers(cluster, hosts.map(safeText), undrain ? (record?.drains ?? []).map((d) => d.realServer) : []);
      return manualDrain({
        cluster,
        inventoryFile: file,
        hosts,
        undrain,
        waitMs: wait * 1000,
        acceptNewHostKeys: values['accept-new-host-keys'],
        force: 'force' in values && values.force === true,
        routeGuard: cliRouteGuard,
        command: commandLine(name, args),
        log: (l) => process.stdout.write(`${l}\n`),
      });
    },
  };
}

export const drainCommand = drainCommandOf(false);
