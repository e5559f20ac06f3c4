// OpenSSH to a lab host the way a deploy must reach a real one: the lab's
// key, its known_hosts with strict host-key checking, no agent, no user
// ssh_config (which could route elsewhere), and the lab route checked first.

import { tryRun, type RunResult } from './exec.js';
import { labFiles } from './paths.js';
import { assertLabRoute } from './route.js';

export function labSshArgs(address: string, knownHosts = labFiles.knownHosts): string[] {
  return [
    '-F', '/dev/null',
    '-i', labFiles.sshKey,
    '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none',
    '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=5', '-o', 'LogLevel=ERROR',
    `root@${address}`,
  ];
}

/** Runs a shell command on a lab host as root; resolves with its exit code and output. */
export async function labSsh(address: string, command: string, opts: { timeoutMs?: number; knownHosts?: string } = {}): Promise<RunResult> {
  await assertLabRoute(address);
  return tryRun('ssh', [...labSshArgs(address, opts.knownHosts), '--', command], { timeoutMs: opts.timeoutMs ?? 60_000 });
}
