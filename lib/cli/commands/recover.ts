// `lvs-play recover INVENTORY`: undo what interrupted runs left (the work is
// in lib/run/recover-run.ts).

import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import { selectHosts } from '../../inventory/select.js';
import { recover } from '../../recover/recover-run.js';
import { jsonDocument } from '../../report/json-format.js';
import { commandLine, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';

const OPTIONS = {
  check: { type: 'boolean', default: false },
  limit: { type: 'string' },
  json: { type: 'boolean', default: false },
  'accept-new-host-keys': { type: 'boolean', default: false },
} as const;

export const recoverCommand: Command = {
  name: 'recover',
  usage: `Usage: lvs-play recover INVENTORY [--check] [--limit HOST|GROUP[,..]] [--json]

A run that was cut off (lvs-play killed, the control machine lost, its SSH
connection cut before it could roll back) leaves its journal on each host it
changed: /var/lib/lvs-play/journal/RUN/, the files it replaced and each step
it started, recorded before the step ran. check and verify report such a host
as interrupted; deploy and rollout roll it back before anything else. recover
does only that: it takes the run locks, rolls every interrupted run back on
each host from the host's own journal (newest step first), then undoes the
switches the control machine's record says a run left set (drains, handovers).
Ctrl-C (or SIGTERM) does not stop it halfway, which would leave a host half
undone: it goes on to its end; a second one exits at once (the journals keep
what is left, for the next recover).

Options:
  --check                  say what is left, change nothing (exit 2 if anything is)
  --limit HOST|GROUP[,..]  only these hosts
  --json                   the report as JSON on stdout; progress on stderr
  --accept-new-host-keys   trust and record host keys not yet in known_hosts

Exit codes: 0 nothing left (or all undone); 2 (--check) something is left;
1 a host could not be read, or something could not be undone (the journal
stays on the host, and the reason is printed).`,
  async run(args) {
    const { values, positionals } = parseCommandArgs('recover', args, OPTIONS, 1);
    if (!positionals[0]) throw new UserError('missing INVENTORY', { hint: 'lvs-play recover inventory.json' });
    const { cluster, file } = await loadInventory(positionals[0]);
    const hosts = selectHosts(cluster, values.limit);
    const log = (l: string) => (values.json ? process.stderr : process.stdout).write(`${l}\n`);
    const { code, report } = await recover({
      cluster,
      inventoryFile: file,
      hosts,
      check: values.check,
      acceptNewHostKeys: values['accept-new-host-keys'],
      routeGuard: cliRouteGuard,
      command: commandLine('recover', args),
      log,
    });
    if (values.json) process.stdout.write(jsonDocument(report));
    return code;
  },
};
