// `lvs-play validate INVENTORY`: schema and cluster rules, every problem at
// once on stderr (one per line, starting with its JSON path), exit 0 or 1.

import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import type { Cluster } from '../../inventory/types.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';

export const validateCommand: Command = {
  name: 'validate',
  usage: `Usage: lvs-play validate INVENTORY

Checks INVENTORY against schema/inventory.schema.json and the cluster rules
(one MASTER per VIP, unique router ids per interface, distinct priorities,
VIPs that are no host's address, real servers that are hosts, ...), and reads
the VRRP password from passwordEnv or passwordFile if the inventory uses them.
Touches no host.

Prints "ok: NAME, N hosts, N VIPs, N services" on stdout when valid; otherwise
"error: INVENTORY: N problems" on stderr, then every problem, one per line,
starting with its JSON path:
  /vips/1/routerId: must be an integer from 1 to 255, got 300

Exit codes: 0 valid; 1 invalid or unreadable.`,
  async run(args) {
    const { positionals } = parseCommandArgs('validate', args, {}, 1);
    if (positionals.length !== 1) throw new UserError('missing INVENTORY', { hint: 'lvs-play validate inventory/example.json' });
    // an invalid inventory is said as every command says it: "error: FILE: N problems", then one line each
    const { cluster } = await loadInventory(positionals[0]);
    process.stdout.write(`ok: ${summary(cluster)}\n`);
    return 0;
  },
};

function summary(c: Cluster): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const services = c.vips.reduce((n, v) => n + v.services.length, 0);
  return `${c.name}, ${count(c.hosts.length, 'host')}, ${count(c.vips.length, 'VIP')}, ${count(services, 'service')}`;
}
