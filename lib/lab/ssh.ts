// OpenSSH to a lab host the way a deploy must reach a real one: the lab's
// key, its known_hosts with strict host-key checking, no agent, no user
// ssh_config (which could route elsewhere), and the lab route checked first.

/**
 * How long ssh waits for the TCP connection and the server's banner. A VM
 * under TCG on a loaded machine forks and re-executes sshd for each
 * connection slowly: 5 s ended in "Connection timed out during banner
 * exchange" under load. An address nothing answers ARP for (a host not up
 * yet, or gone) fails with "No route to host" once the kernel's ARP probes
 * give up (about 3 s), whatever this is; a host that is frozen (a paused VM)
 * makes ssh wait this long.
 */
export const LAB_SSH_CONNECT_TIMEOUT_S = 30;

import { type RunResult, tryRun } from './local-command.js';
import { labFiles } from './paths.js';
import { assertLabRoute } from './route.js';

export function labSshArgs(address: string, knownHosts = labFiles.knownHosts): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    labFiles.sshKey,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'IdentityAgent=none',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${LAB_SSH_CONNECT_TIMEOUT_S}`,
    '-o',
    'LogLevel=ERROR',
    `root@${address}`,
  ];
}

/** Runs a shell command on a lab host as root; resolves with its exit code and output. */
export async function labSsh(
  address: string,
  command: string,
  opts: { timeoutMs?: number; knownHosts?: string; signal?: AbortSignal } = {},
): Promise<RunResult> {
  await assertLabRoute(address);
  return tryRun('ssh', [...labSshArgs(address, opts.knownHosts), '--', command], {
    timeoutMs: opts.timeoutMs ?? 60_000,
    signal: opts.signal,
  });
}
