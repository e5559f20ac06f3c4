// Runs the built lvs-play binary (or any program) as a user would, capturing
// output and exit code.

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${repoRoot}dist/lib/cli/main.js`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** argv[0] with the rest as its arguments, no shell, stdin closed. */
export function runProcess(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function lvsPlay(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runProcess([process.execPath, bin, ...args], { env });
}

export interface StartedCli {
  child: ChildProcess;
  done: Promise<CliResult> /** stdout and stderr so far */;
  output(): string;
}

/** The built lvs-play started in the background: to be interrupted, killed, or raced against another. */
export function startLvsPlay(args: string[], env: NodeJS.ProcessEnv = {}): StartedCli {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
    both += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    both += d;
  });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { child, done, output: () => both };
}
