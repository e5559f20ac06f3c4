#!/usr/bin/env node
// Entry point of the `lvs-play` binary: picks the subcommand, runs it, and
// turns errors into messages and exit codes. User errors print no stack.

import { UserError } from '../errors.js';
import { recordWarnings } from '../rollout/switch-record.js';
import type { Command } from './command.js';
import { commands } from './commands/index.js';

function help(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'lvs-play: deploy and operate LVS-DR load balancers with keepalived (dual-master)',
    '',
    'Usage: lvs-play COMMAND [ARGS]   (lvs-play COMMAND --help for details)',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 success (in sync), 2 drift or degraded, 1 error.',
  ].join('\n');
}

/** node:util parseArgs rejects unknown or malformed options with these codes. */
function isArgumentError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('ERR_PARSE_ARGS_');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help(commands) + '\n');
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`lvs-play: unknown command "${name}"\n\n${help(commands)}\n`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    // switches an interrupted rollout or `lvs-play drain` left set: said before anything else
    for (const line of await recordWarnings().catch(() => [])) process.stderr.write(line + '\n');
    return await command.run(args);
  } catch (err) {
    if (isArgumentError(err)) {
      process.stderr.write(`error: ${(err as Error).message}\nhint: lvs-play ${name} --help\n`);
    } else if (err instanceof UserError) {
      process.stderr.write(`error: ${err.message}\n`);
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    } else {
      process.stderr.write(`lvs-play: internal error (please report):\n${(err as Error)?.stack ?? String(err)}\n`);
    }
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
