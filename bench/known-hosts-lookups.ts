// What reading known_hosts costs per host, before and after the parse cache
// (lib/ssh/known-hosts-files.ts): a run reads the host's known_hosts files
// twice per host (the key types to offer, then the key check). Before, each
// read parsed the whole file; now a file is parsed once while unchanged.
//   npx tsx bench/known-hosts-lookups.ts
// Prints ms per host for files of 400 and 2,000 lines, and the ratio.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatKnownHostLine, loadKnownHosts } from '../lib/ssh/known-hosts.js';
import { loadKnownHostsFiles } from '../lib/ssh/known-hosts-files.js';

const KEY = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIGx0Zk8fPzvJ6nN0mC3bJ5b7J9p2q1r8s4t6u0v2w4y6', 'base64');
const dir = mkdtempSync(join(tmpdir(), 'lvsp-kh-bench-'));
const READS_PER_HOST = 2;

async function perHost(fn: () => Promise<unknown>, hosts: number): Promise<number> {
  await fn();
  const t = performance.now();
  for (let i = 0; i < hosts * READS_PER_HOST; i++) await fn();
  return (performance.now() - t) / hosts;
}

console.log('known_hosts read per host (2 reads per host), ms');
for (const lines of [400, 2000]) {
  const file = join(dir, `known_hosts-${lines}`);
  const text = Array.from({ length: lines }, (_, i) =>
    formatKnownHostLine(`198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`, 22, 'ssh-ed25519', KEY, { hash: i % 50 === 0 }),
  ).join('');
  writeFileSync(file, text);
  const before = await perHost(() => loadKnownHosts(file), lines);
  const after = await perHost(() => loadKnownHostsFiles([file]), lines);
  console.log(
    `  ${String(lines).padStart(5)} lines, ${lines} hosts: before ${before.toFixed(3)} ms/host (${((before * lines) / 1000).toFixed(2)} s per run), after ${after.toFixed(3)} ms/host: ${(before / after).toFixed(0)}x less`,
  );
}
rmSync(dir, { recursive: true, force: true });
