#!/usr/bin/env -S node --
// Entry point of the `lvs-play` binary: picks the subcommand, runs it, and
// turns errors into messages and exit codes. User errors print no stack.
// Whatever is printed passes through safeLines/safeText: a control character
// from the input (an ESC, a stray newline) is shown escaped, never obeyed.
//
// The "--" in the #! line ends node's own options: Node 20 and 22 otherwise
// take `--env-file FILE` anywhere on the command line as theirs (nodejs/node
// #54232), load FILE into the environment, or exit 9 "not found" before
// lvs-play runs, and `lvs-play schedule` has an --env-file option.

import { UserError } from '../errors.js';
import { recordWarnings } from '../rollout/switch-record.js';
import { quoted, safeLines } from '../terminal-text.js';
import { isArgumentError } from './args.js';
import type { CommandEntry } from './command.js';
import { commands } from './commands/index.js';
import { outliveTerminalLoss } from './terminal-loss.js';

function help(list: CommandEntry[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'lvs-play: deploy and operate LVS-DR load balancers with keepalived (dual-master)',
    '',
    'Usage: lvs-play COMMAND [ARGS]   (lvs-play COMMAND --help for details; lvs-play --version, -V or version)',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --no-color (as does NO_COLOR=1): no colour even on a terminal.',
    'SSH settings the inventory leaves out come from ~/.ssh/config, or from -F FILE (--ssh-config FILE; -F none reads none).',
    '',
    'Exit codes: 0 success (in sync), 2 drift or degraded, 1 error.',
  ].join('\n');
}

/**
 * -F FILE / --ssh-config FILE, anywhere before a "--": the OpenSSH client
 * config every command reads (see lib/ssh/ssh-config.ts), passed on as
 * LVS_PLAY_SSH_CONFIG so that loadInventory, wherever it is called, sees it.
 */
function takeSshConfigOption(argv: string[]): string[] {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const out: string[] = [];
  for (let i = 0; i < end; i++) {
    const a = argv[i]!;
    const inline = /^--ssh-config=(.*)$/s.exec(a);
    if (a === '-F' || a === '--ssh-config' || inline) {
      const value = inline ? inline[1]! : argv[++i];
      if (value === undefined || value === '' || i >= end)
        throw new Error(`${a.split('=')[0]} needs a file (an OpenSSH client config), or "none"`);
      process.env.LVS_PLAY_SSH_CONFIG = value;
    } else {
      out.push(a);
    }
  }
  return [...out, ...argv.slice(end)];
}

export async function main(argv: string[]): Promise<number> {
  outliveTerminalLoss();
  // --no-color, anywhere before a "--", is NO_COLOR for this run (https://no-color.org): set before any
  // module that draws (listr2 reads it when loaded) is imported
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  if (argv.slice(0, end).includes('--no-color')) {
    process.env.NO_COLOR = '1';
    argv = [...argv.slice(0, end).filter((a) => a !== '--no-color'), ...argv.slice(end)];
  }
  try {
    argv = takeSshConfigOption(argv);
  } catch (err) {
    process.stderr.write(safeLines(`error: ${(err as Error).message}\n`));
    return 1;
  }
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help(commands)}\n`);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`lvs-play: unknown command ${quoted(name)}\n\n${help(commands)}\n`);
    return 1;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    // switches an interrupted rollout or `lvs-play drain` left set: said before anything else
    for (const line of await recordWarnings().catch(() => [])) process.stderr.write(`${safeLines(line)}\n`);
    return await command.run(args, { commands });
  } catch (err) {
    if (isArgumentError(err)) {
      process.stderr.write(safeLines(`error: ${name}: ${(err as Error).message}\nhint: lvs-play ${name} --help\n`));
    } else if (err instanceof UserError) {
      // messages that are several lines by design (an inventory's problems) stay so; each line's values are escaped where quoted
      process.stderr.write(safeLines(`error: ${err.message}\n`));
      if (err.hint) process.stderr.write(safeLines(`hint: ${err.hint}\n`));
    } else {
      process.stderr.write(safeLines(`lvs-play: internal error (please report):\n${(err as Error)?.stack ?? String(err)}\n`));
    }
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
