// `lvs-play deploy INVENTORY`: bring every host to the inventory's state.

import { UserError } from '../../errors.js';
import { deployWithSession } from '../../rollout/recover.js';
import { commandLine, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';
import { executeRun, prepareRun, RUN_OPTIONS, RUN_USAGE, runSettings } from '../run-command.js';
import { rolloutFromArgs } from './rollout.js';

const DEPLOY_OPTIONS = {
  ...RUN_OPTIONS,
  check: { type: 'boolean', default: false },
  'no-rollback': { type: 'boolean', default: false },
  rolling: { type: 'boolean', default: false },
  batch: { type: 'string' },
  'drain-timeout': { type: 'string' },
} as const;

export const deployCommand: Command = {
  name: 'deploy',
  usage: `Usage: lvs-play deploy INVENTORY [options]

Runs the playbook on every host in parallel: time sync, packages, sysctl,
keepalived on directors, the dr_client service on real servers. A host whose
task fails has every change of this run undone, in reverse order.

Options:
${RUN_USAGE}
  --check                  change nothing; report what would change (exit 2 if anything would)
  --no-rollback            leave a failed host as the failure left it
  --rolling                one host at a time, every VIP held throughout: the same as
                           lvs-play rollout (see lvs-play rollout --help), with its
                           --batch N|P% and --drain-timeout SECONDS

Real servers a killed rollout or \`lvs-play drain\` left drained are undrained
first, and directors it left handed over get their VIPs back after a
successful run (the record in /var/lib/lvs-play/drains says which).

Exit codes: 0 success; 1 a host failed or was unreachable; with --check: 0 nothing to change, 2 changes pending, 1 error.`,
  async run(args) {
    // every argument is checked before anything is read or contacted: a plain
    // deploy contacts the directors to undo switches a killed run left set
    const { values, positionals } = parseCommandArgs('deploy', args, DEPLOY_OPTIONS, 1);
    const command = commandLine('deploy', args);
    const settings = runSettings(values);
    if (values.rolling) {
      if (values.diff || values['max-fail'] !== undefined)
        throw new UserError('--rolling takes no --diff or --max-fail: a rollout stops at the first failure', {
          hint: 'lvs-play rollout --help',
        });
      return rolloutFromArgs(positionals[0], values, command);
    }
    if (values.batch !== undefined || values['drain-timeout'] !== undefined)
      throw new UserError('--batch and --drain-timeout go with --rolling', { hint: 'lvs-play deploy INVENTORY --rolling --batch 2' });
    const mode = values.check ? 'check' : 'deploy';
    const prepared = await prepareRun(positionals[0], mode, settings);
    const extra = { rollback: !values['no-rollback'], predictive: values.check };
    if (values.check) return executeRun(prepared, mode, extra);
    const progress = (l: string) => (values.json ? process.stderr : process.stdout).write(`${l}\n`);
    return deployWithSession({
      cluster: prepared.cluster,
      inventoryFile: prepared.file,
      hosts: prepared.hosts,
      acceptNewHostKeys: settings.acceptNewHostKeys,
      routeGuard: cliRouteGuard,
      command,
      log: progress,
      run: (session) => executeRun(prepared, mode, extra, session),
    });
  },
};
