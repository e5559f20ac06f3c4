// The Node floor (bench/node-ssh2-floor.cjs) as the benchmarks run it: the
// same targets and fact batches as the OpenSSH floor, each with the host key
// known_hosts holds for it, so the client compares keys without reading a file.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadKnownHosts, matchingEntries } from '../lib/ssh/known-hosts.js';
import type { FloorTarget } from './openssh-floor.js';

const client = fileURLToPath(new URL('node-ssh2-floor.cjs', import.meta.url));

/** The client's stdin: every target with its recorded host key; a host known_hosts has no key for is an error. */
export async function nodeFloorInput(targets: readonly FloorTarget[]): Promise<string> {
  const input = [];
  for (const { host: h, script } of targets) {
    const known = matchingEntries((await loadKnownHosts(h.ssh.knownHosts)).entries, h.address, h.ssh.port).find((e) => !e.marker);
    if (!known) throw new Error(`node floor: ${h.ssh.knownHosts} has no key for ${h.name} (${h.address})`);
    input.push({
      name: h.name,
      address: h.address,
      port: h.ssh.port,
      user: h.ssh.user,
      identityFile: h.ssh.identityFile,
      hostKey: known.key.toString('base64'),
      script,
    });
  }
  return JSON.stringify(input);
}

/** One run of the client: every target once, at most `concurrency` at a time. */
export function nodeSsh2Floor(input: string, concurrency = Number.POSITIVE_INFINITY): Promise<void> {
  const args = Number.isFinite(concurrency) ? [client, String(concurrency)] : [client];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`node floor exited ${code}`))));
    child.stdin.end(input);
  });
}
