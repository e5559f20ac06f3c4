// `lvs-play completion bash|zsh`: prints the shell's completion script
// (lib/cli/completion.ts). `lvs-play completion names INVENTORY` is what
// those scripts call for the host and group names after --limit.

import { UserError } from '../../errors.js';
import { MAX_INVENTORY_BYTES } from '../../inventory/load.js';
import { readRegularFile } from '../../regular-file.js';
import { parseCommandArgs } from '../args.js';
import type { Command, CommandEntry } from '../command.js';
import { bashCompletion, type CompletionSpec, inventoryNames, optionsOfUsage, zshCompletion } from '../completion.js';

/** a command's first positional word when it is one of these */
const ACTIONS: Record<string, string[]> = {
  lab: ['up', 'status', 'down', 'ssh'],
  schedule: ['run', 'status', 'remove'],
  completion: ['bash', 'zsh'],
};

async function spec(commands: readonly CommandEntry[]): Promise<CompletionSpec> {
  return {
    commands: await Promise.all(
      commands.map(async (entry) => {
        const usage = entry.name === 'completion' ? '' : (await entry.load()).usage;
        return { name: entry.name, options: optionsOfUsage(usage).filter((o) => o !== '--help'), actions: ACTIONS[entry.name] ?? [] };
      }),
    ),
  };
}

export const completionCommand: Command = {
  name: 'completion',
  usage: `Usage: lvs-play completion bash|zsh

Prints the completion script for the shell: commands, their options and
actions, inventory files, and after --limit, --host or --probe-from the host
and group names of the inventory on the command line. Load it with
  eval "$(lvs-play completion bash)"     # in ~/.bashrc
  eval "$(lvs-play completion zsh)"      # in ~/.zshrc, after compinit

Exit codes: 0; 1 unknown shell.`,
  async run(args, { commands }) {
    const { positionals } = parseCommandArgs('completion', args, {}, 2);
    const [action, inventory] = positionals;
    if (action === 'names') {
      // for the scripts: nothing at all (not an error) when the file cannot be read or is not JSON yet
      try {
        const names = inventoryNames(JSON.parse(readRegularFile(inventory ?? '', MAX_INVENTORY_BYTES)));
        if (names.length) process.stdout.write(`${names.join('\n')}\n`);
      } catch {
        /* no names to offer */
      }
      return 0;
    }
    if (positionals.length !== 1 || (action !== 'bash' && action !== 'zsh')) {
      throw new UserError(action === undefined ? 'completion: name the shell' : 'completion: bash or zsh', {
        hint: 'eval "$(lvs-play completion bash)"',
      });
    }
    process.stdout.write(action === 'bash' ? bashCompletion(await spec(commands)) : zshCompletion(await spec(commands)));
    return 0;
  },
};
