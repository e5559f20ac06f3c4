// What checking a host's key against known_hosts costs per host, as a run
// does it for H hosts: the key types to ask for first (transport.ts), then
// the key check (host-verifier.ts checkHostKey). Three ways, on files of 400
// and 2,000 plain lines (plus one hashed line in 100 and two wildcard lines),
// and 2,000 hashed lines (OpenSSH's HashKnownHosts):
//   reload  each host reads and parses the file twice, then scans every line
//           (lvs-play before the parse cache; still here as loadKnownHosts
//           plus the reference scans lookupHostKey / knownKeyTypes)
//   cache   the file parsed once (kept while unchanged), every line scanned
//           per host (the parse cache alone)
//   index   the parse cache and the index by name (now): the functions
//           checkHostKey and connect call, through the same cache
// and checkHostKey itself over every host (fingerprint and all), for scale.
//   npx tsx bench/known-hosts-lookups.ts [--sample N] [--rounds N]
// reload and cache take N hosts spread over the file (default 200: reload at
// 2,000 lines costs tens of ms per host); index takes every host. Each round
// starts with the file forgotten, so it pays one read, parse and index, and
// each host's first lookup, as a run does. Prints the median ms per host of
// the rounds, and the ratios.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Host } from '../lib/inventory/types.js';
import { checkHostKey } from '../lib/ssh/host-verifier.js';
import { formatKnownHostLine, knownKeyTypes, loadKnownHosts, lookupHostKey } from '../lib/ssh/known-hosts.js';
import { forgetKnownHostsFile, loadKnownHostsFiles, loadReadableKnownHosts } from '../lib/ssh/known-hosts-files.js';
import { knownKeyTypesIn, lookupHostKeyIn } from '../lib/ssh/known-hosts-index.js';

const { values } = parseArgs({ options: { sample: { type: 'string', default: '200' }, rounds: { type: 'string', default: '5' } } });
const SAMPLE = Number(values.sample);
const ROUNDS = Number(values.rounds);

interface Target {
  address: string;
  port: number;
  key: Buffer;
}

function ed25519Blob(): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(type.length);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(32);
  return Buffer.concat([head, type, len, randomBytes(32)]);
}

/** E hosts, one line each ([host]:2222 for one in 10, hashed for one in hashEvery), and two wildcard lines. */
function knownHostsOf(lines: number, hashEvery: number): { text: string; targets: Target[] } {
  const targets = Array.from({ length: lines }, (_, i) => ({
    address: `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    port: i % 10 === 5 ? 2222 : 22,
    key: ed25519Blob(),
  }));
  const text =
    targets
      .map((t, i) => formatKnownHostLine(t.address, t.port, 'ssh-ed25519', t.key, { hash: i % hashEvery === Math.floor(hashEvery / 2) }))
      .join('') +
    formatKnownHostLine('*.example', 22, 'ssh-ed25519', ed25519Blob()) +
    formatKnownHostLine('198.19.*', 22, 'ssh-ed25519', ed25519Blob()).replace(/^/, '!nothing,');
  return { text, targets };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each round as a run: the file read afresh (its parse and index are the
 * run's, once), then each host checked in turn. */
async function msPerHost(file: string, targets: Target[], check: (t: Target) => Promise<void>): Promise<number> {
  await check(targets[0]!); // warm-up: the code loaded and compiled
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    forgetKnownHostsFile(file);
    const start = performance.now();
    for (const t of targets) await check(t);
    rounds.push((performance.now() - start) / targets.length);
  }
  return median(rounds);
}

function expectMatch(status: string, t: Target): void {
  if (status !== 'match') throw new Error(`${t.address}:${t.port}: ${status}, expected match`);
}

const dir = mkdtempSync(join(tmpdir(), 'lvsp-kh-bench-'));
try {
  console.log(`known_hosts per host: key types + key check; median of ${ROUNDS} rounds, ms per host`);
  for (const [lines, hashEvery] of [
    [400, 100],
    [2000, 100],
    [2000, 1], // HashKnownHosts yes (Debian's default): every line hashed
  ] as const) {
    const file = join(dir, `known_hosts-${lines}-${hashEvery}`);
    const { text, targets } = knownHostsOf(lines, hashEvery);
    writeFileSync(file, text);
    const files = [file];
    const step = Math.max(1, Math.floor(targets.length / SAMPLE));
    const sample = targets.filter((_, i) => i % step === 0).slice(0, SAMPLE);

    const reload = await msPerHost(file, sample, async (t) => {
      const forTypes = (await loadKnownHosts(file)).entries;
      knownKeyTypes(forTypes, t.address, t.port);
      const forCheck = (await loadKnownHosts(file)).entries;
      expectMatch(lookupHostKey(forCheck, t.address, t.port, t.key).status, t);
    });
    const cache = await msPerHost(file, sample, async (t) => {
      const entries = (await loadKnownHostsFiles(files)).flatMap((l) => l.known.entries);
      knownKeyTypes(entries, t.address, t.port);
      expectMatch(lookupHostKey(entries, t.address, t.port, t.key).status, t);
    });
    const index = await msPerHost(file, targets, async (t) => {
      knownKeyTypesIn(await loadReadableKnownHosts(files), t.address, t.port);
      const loaded = await loadKnownHostsFiles(files);
      expectMatch(
        lookupHostKeyIn(
          loaded.map((l) => l.index),
          t.address,
          t.port,
          t.key,
        ).status,
        t,
      );
    });
    const host = (t: Target): Host => ({
      name: t.address,
      address: t.address,
      groups: ['servers'],
      ssh: { user: 'root', port: t.port, knownHosts: file, otherKnownHosts: [] },
    });
    const checked = await msPerHost(file, targets, async (t) => {
      const d = await checkHostKey(host(t), t.key);
      if (!d.accept) throw d.error;
    });

    const run = (ms: number) => `${((ms * lines) / 1000).toFixed(2)} s for ${lines} hosts`;
    console.log(`  ${lines} lines (${Math.ceil(lines / hashEvery)} hashed), ${lines} hosts:`);
    console.log(`    reload  ${reload.toFixed(3)} ms/host (${run(reload)}; ${sample.length} hosts timed)`);
    console.log(`    cache   ${cache.toFixed(3)} ms/host (${run(cache)}; ${sample.length} hosts timed)`);
    console.log(`    index   ${index.toFixed(4)} ms/host (${run(index)})`);
    console.log(`    checkHostKey ${checked.toFixed(4)} ms/host (the key check alone, fingerprint included)`);
    console.log(`    reload/index ${(reload / index).toFixed(0)}x, cache/index ${(cache / index).toFixed(1)}x`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
