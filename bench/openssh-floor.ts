// The floor lvs-play is measured against: one plain OpenSSH connection per
// host running the very fact batch `check` sends (lib/facts/batch.ts; its
// facts from firstReadFacts, as check's first read), so both read exactly
// the same state; at most `concurrency` hosts at once, as
// lvs-play's --forks. By default with the key exchange and cipher lvs-play's
// ssh2 negotiates with OpenSSH 9 (curve25519, AES-GCM), so both sides do the
// same cryptography: left to its defaults, OpenSSH picks the post-quantum
// sntrup761 exchange, which costs this machine about 70 ms of client CPU per
// connection (docs/benchmarks.md). `crypto: 'openssh-defaults'` measures that
// floor too. Every address passes the lab's route guard first.

import { spawn } from 'node:child_process';
import { batchFacts } from '../lib/facts/batch.js';
import { loadInventory } from '../lib/inventory/load.js';
import type { Host } from '../lib/inventory/types.js';
import { assertLabRoute } from '../lib/lab/route.js';
import { hostsOf, tasksFor } from '../lib/playbook.js';
import { firstReadFacts } from '../lib/run/host-run.js';
import { seedPlaybook } from '../playbooks/seed.js';

export interface FloorTarget {
  host: Host;
  script: string;
}

/** 'lvs-play': the algorithms ssh2 negotiates; 'openssh-defaults': OpenSSH's own choice (sntrup761). */
export type FloorCrypto = 'lvs-play' | 'openssh-defaults';

/** The hosts check works on, each with the fact batch check would send it. */
export async function floorTargets(inventoryFile: string): Promise<FloorTarget[]> {
  const { cluster } = await loadInventory(inventoryFile);
  // the floor contacts lab addresses only through the lab's bridge, as lvs-play does
  for (const host of hostsOf(seedPlaybook, cluster)) await assertLabRoute(host.address);
  return hostsOf(seedPlaybook, cluster).map((host) => ({
    host,
    script: batchFacts(firstReadFacts({ cluster, host }, tasksFor(seedPlaybook, host))).script,
  }));
}

/** What ssh2 1.17 negotiates with OpenSSH 9.2 (its first choices both sides support). */
const LVS_PLAY_KEX = 'curve25519-sha256@libssh.org';
const LVS_PLAY_CIPHER = 'aes128-gcm@openssh.com';

function sshOnce({ host: h, script }: FloorTarget, crypto: FloorCrypto): Promise<void> {
  const algorithms = crypto === 'lvs-play' ? ['-o', `KexAlgorithms=${LVS_PLAY_KEX}`, '-o', `Ciphers=${LVS_PLAY_CIPHER}`] : [];
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
        ...algorithms,
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
export async function openSshFloor(
  targets: readonly FloorTarget[],
  concurrency = Number.POSITIVE_INFINITY,
  crypto: FloorCrypto = 'lvs-play',
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < targets.length) await sshOnce(targets[next++]!, crypto);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
}
