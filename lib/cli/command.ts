// What every subcommand module exports. run() returns the process exit code:
// 0 success / in sync, 2 drift or degraded, 1 error (Terraform's convention).

export interface Command {
  name: string;
  usage: string; // full help for `lvs-play NAME --help`
  run(args: string[], context: CommandContext): Promise<number>;
}

/** What main gives every command besides its arguments. */
export interface CommandContext {
  /** every subcommand (completion lists them; passed in so no command imports the list that imports it) */
  commands: readonly CommandEntry[];
}

/**
 * A subcommand as `lvs-play --help` lists it. Its module is imported only
 * when that command runs: a command pays for the libraries it uses (ssh2,
 * listr2, ajv, ...), never for every other command's.
 */
export interface CommandEntry {
  name: string;
  summary: string; // one line for `lvs-play --help`
  load(): Promise<Command>;
}
