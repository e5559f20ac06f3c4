// `lvs-play deploy INVENTORY`: bring every host to the inventory's state.

import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { RUN_OPTIONS, RUN_USAGE, runFromArgs } from '../run-command.js';

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'bring the hosts to the inventory\'s state (idempotent; rolls a failed host back)',
  usage: `Usage: lvs-play deploy INVENTORY [options]

Runs the playbook on every host in parallel: time sync, packages, sysctl,
keepalived on directors, the dr_client service on real servers. A host whose
task fails has every change of this run undone, in reverse order.

Options:
${RUN_USAGE}
  --check                  change nothing; report what would change (exit 2 if anything would)
  --no-rollback            leave a failed host as the failure left it

Exit codes: 0 success; 1 a host failed or was unreachable; with --check: 0 nothing to change, 2 changes pending, 1 error.`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
      ...RUN_OPTIONS, check: { type: 'boolean', default: false }, 'no-rollback': { type: 'boolean', default: false },
    } });
    return runFromArgs(positionals[0], values.check ? 'check' : 'deploy', values, { rollback: !values['no-rollback'], predictive: values.check });
  },
};
