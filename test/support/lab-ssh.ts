// Commands on lab hosts through the system's OpenSSH client, with the lab's
// key and strict host-key checking: an oracle independent of lvs-play's own
// ssh2 transport, for tests that check what a deploy did.

import { spawn } from 'node:child_process';
import type { Host } from '../../lib/inventory/types.js';

export interface LabExecResult { code: number; stdout: string; stderr: string }

export function labExec(host: Host, command: string, stdin = ''): Promise<LabExecResult> {
  const args = [
    '-i', host.ssh.identityFile ?? '', '-p', String(host.ssh.port),
    '-o', `UserKnownHostsFile=${host.ssh.knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR',
    `${host.ssh.user}@${host.address}`, command,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs and insists on exit 0, with the host's words in the failure. */
export async function labRun(host: Host, command: string): Promise<string> {
  const r = await labExec(host, command);
  if (r.code !== 0) throw new Error(`${host.name}: "${command}" exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Polls until `probe` returns true or `timeoutMs` passes; returns the time it took. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
