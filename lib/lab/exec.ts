// Local commands for the lab: argv arrays (no shell, nothing to quote) and
// failures that say which command failed and what it printed.

import { execFile } from 'node:child_process';
import { UserError } from '../errors.js';

export interface RunOptions {
  env?: NodeJS.ProcessEnv; // added to process.env
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  signal?: AbortSignal; // aborting kills the command (SIGTERM); tryRun then rejects
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command and resolves with its exit code; rejects only if it cannot be started or times out. */
export function tryRun(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      {
        env: { ...process.env, ...opts.env },
        cwd: opts.cwd,
        timeout: opts.timeoutMs ?? 0,
        signal: opts.signal,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          if (err.name === 'AbortError') reject(new UserError(`${describe(cmd, args)} was cancelled`));
          else if (err.killed) reject(new UserError(`${describe(cmd, args)} did not finish within ${opts.timeoutMs} ms`));
          else if (err.code === 'ENOENT') reject(new UserError(`${cmd}: command not found`));
          else reject(err);
          return;
        }
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Runs a command that must succeed; a failure is a UserError with the tail of its output. */
export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await tryRun(cmd, args, opts);
  if (r.code !== 0) throw new UserError(`${describe(cmd, args)} failed (exit ${r.code})${tail(r.stderr || r.stdout)}`);
  return r.stdout;
}

export function describe(cmd: string, args: string[]): string {
  const shown = args.length > 8 ? [...args.slice(0, 8), '…'] : args;
  return [cmd, ...shown].join(' ');
}

export function tail(text: string, lines = 15): string {
  const t = text.trimEnd().split('\n').slice(-lines).join('\n');
  return t ? `:\n${t}` : '';
}
