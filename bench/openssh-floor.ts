// The floor lvs-play is measured against: one plain OpenSSH connection per
// host running the very fact batch `check` sends (lib/facts/batch.ts), so
// both read exactly the same state; at most `concurrency` hosts at once, as
// lvs-play's --forks.

import { spawn } from 'node:child_process';
import { batchFacts } from '../lib/facts/batch.js';
import { loadInventory } from '../lib/inventory/load.js';
import type { Host } from '../lib/inventory/types.js';
import { hostsOf, tasksFor } from '../lib/playbook.js';
import { seedPlaybook } from '../playbooks/seed.js';

export interface FloorTarget {
  host: Host;
  script: string;
}

/** The hosts check works on, each with the fact batch check would send it. */
export async function floorTargets(inventoryFile: string): Promise<FloorTarget[]> {
  const { cluster } = await loadInventory(inventoryFile);
  return hostsOf(seedPlaybook, cluster).map((host) => ({
    host,
    script: batchFacts(tasksFor(seedPlaybook, host).flatMap((t) => t.facts({ cluster, host }))).script,
  }));
}

function sshOnce({ host: h, script }: FloorTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-i',
        h.ssh.identityFile ?? '',
        '-o',
        `UserKnownHostsFile=${h.ssh.knownHosts}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        'ControlMaster=no',
        '-o',
        'ControlPath=none',
        '-p',
        String(h.ssh.port),
        `${h.ssh.user}@${h.address}`,
        'sh -s',
      ],
      { stdio: ['pipe', 'ignore', 'inherit'] },
    );
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`floor: ssh to ${h.name} exited ${code}`))));
    child.stdin.end(script);
  });
}

/** Every target once, at most `concurrency` at a time (Infinity: all at once). */
export async function openSshFloor(targets: readonly FloorTarget[], concurrency = Number.POSITIVE_INFINITY): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < targets.length) await sshOnce(targets[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
}
