// What every subcommand module exports. run() returns the process exit code:
// 0 success / in sync, 2 drift or degraded, 1 error (Terraform's convention).

export interface Command {
  name: string;
  summary: string;      // one line for `lvs-play --help`
  usage: string;        // full help for `lvs-play NAME --help`
  run(args: string[]): Promise<number>;
}
