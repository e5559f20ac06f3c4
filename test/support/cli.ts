// Runs the built lvs-play binary (or any program) as a user would, capturing
// output and exit code.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${repoRoot}dist/lib/cli/main.js`;

export interface CliResult { code: number; stdout: string; stderr: string }

/** argv[0] with the rest as its arguments, no shell, stdin closed. */
export function runProcess(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function lvsPlay(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runProcess([process.execPath, bin, ...args], { env });
}
