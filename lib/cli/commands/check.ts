// `lvs-play check INVENTORY`: read-only drift detection with Terraform's codes.

import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { RUN_OPTIONS, RUN_USAGE, runFromArgs } from '../run-command.js';

export const checkCommand: Command = {
  name: 'check',
  usage: `Usage: lvs-play check INVENTORY [options]

Reads every host's state (one round trip per host) and computes, with the same
code deploy uses, what deploy would change. Nothing is changed.

Options:
${RUN_USAGE}

Exit codes: 0 every host matches; 2 something drifted (each drift listed: host, task, what differs); 1 a host could not be checked.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs('check', args, RUN_OPTIONS, 1);
    return runFromArgs(positionals[0], 'check', values, { rollback: false, predictive: true });
  },
};
