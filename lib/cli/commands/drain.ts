// `lvs-play drain INVENTORY HOST...`: take real servers out of the pool by
// keepalived's own drain switch, on every director. The work is in
// lib/rollout/manual-drain.ts.

import { parseArgs } from 'node:util';
import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import { manualDrain } from '../../rollout/manual-drain.js';
import type { Command } from '../command.js';

export function drainUsage(undrain: boolean): string {
  return undrain ? `Usage: lvs-play undrain INVENTORY [HOST...] [--wait SECONDS]

Clears the drain switch of the real servers (default: every one recorded as
drained for this cluster) on every director, removes them from the record,
and where the directors keep an IPVS table waits until every director has them
at the inventory's weight again (--wait, default 60; 0: do not wait).

Exit codes: 0 undrained (weights confirmed, or not observable here: said so); 1 a
director could not be reached (still recorded) or the weights did not come back.`
    : `Usage: lvs-play drain INVENTORY HOST... [--wait SECONDS]

Sets the drain switch of each real server HOST on every director: keepalived's
FILE_CHECK on it fails, and inhibit_on_failure sets its weight to 0, so new
connections go elsewhere and existing ones finish. Recorded on this machine
first (/var/lib/lvs-play/drains/CLUSTER.json, LVS_PLAY_DRAINS_DIR): every
lvs-play command warns about it until \`lvs-play undrain\` or a deploy clears it.
Where the directors keep an IPVS table, waits until no active connection to
the hosts is left (--wait, default 60; 0: do not wait).

Exit codes: 0 drained (connections done, still finishing, or not observable
here: said so); 1 a director could not be reached.`;
}

export function drainCommandOf(undrain: boolean): Command {
  const name = undrain ? 'undrain' : 'drain';
  return {
    name,
    summary: undrain ? 'put drained real servers back at their weight on every director' : 'take real servers out of the pool on every director (connections finish)',
    usage: drainUsage(undrain),
    async run(args) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
        wait: { type: 'string', default: '60' }, 'accept-new-host-keys': { type: 'boolean', default: false },
      } });
      const [inventory, ...hosts] = positionals;
      if (!inventory) throw new UserError('missing INVENTORY', { hint: `lvs-play ${name} inventory.json${undrain ? '' : ' HOST'}` });
      if (!undrain && hosts.length === 0) throw new UserError('drain: name the real servers to drain', { hint: 'lvs-play drain inventory.json lvs01' });
      const wait = Number(values.wait);
      if (!Number.isInteger(wait) || wait < 0) throw new UserError(`--wait must be a whole number of seconds, got "${values.wait}"`);
      const { cluster, file } = await loadInventory(inventory);
      return manualDrain({
        cluster, inventoryFile: file, hosts: hosts.flatMap((h) => h.split(',')).filter(Boolean), undrain, waitMs: wait * 1000,
        acceptNewHostKeys: values['accept-new-host-keys'], command: `lvs-play ${name} ${args.join(' ')}`,
        log: (l) => process.stdout.write(l + '\n'),
      });
    },
  };
}

export const drainCommand = drainCommandOf(false);
