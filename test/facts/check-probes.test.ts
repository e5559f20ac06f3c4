// The probes a rollout sends before it puts a drained real server back, for
// the health checks beyond TCP_CHECK and HTTP_GET (issue 14): UDP_CHECK's
// datagram (python3, and bash's /dev/udp without it), DNS_CHECK's query and
// MISC_CHECK's command, each run for real. The network ones run in a
// throwaway network namespace against small python3 servers: nothing leaves it.

import { strict as assert } from 'node:assert';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dnsProbeFact } from '../../lib/facts/dns-probe.js';
import type { Fact } from '../../lib/facts/fact.js';
import { miscCheckFact, miscCheckVerdict } from '../../lib/facts/misc-check.js';
import { udpProbeFact } from '../../lib/facts/udp-probe.js';
import { pathWithOnly } from '../support/tools-path.js';

const exec = promisify(execFile);
const ADDRESS = '198.18.0.100';

/** A UDP server that echoes (port 5000), and a DNS server on 5353 that answers NOERROR for "ok." and SERVFAIL otherwise. */
const SERVERS = `import socket, struct, threading
def echo():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("${ADDRESS}", 5000))
    while True:
        d, a = s.recvfrom(512); s.sendto(d, a)
def dns():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("${ADDRESS}", 5353))
    while True:
        d, a = s.recvfrom(512)
        qid = struct.unpack(">H", d[:2])[0]
        rcode = 0 if d[12:16] == b"\\x02ok\\x00" else 2
        s.sendto(struct.pack(">HHHHHH", qid, 0x8180 | rcode, 1, 0, 0, 0) + d[12:], a)
threading.Thread(target=echo, daemon=True).start()
dns()`;

describe('facts: the probes of UDP_CHECK, DNS_CHECK and MISC_CHECK (issue 14)', function () {
  this.timeout(30_000);
  const ns = `lvsplay-checks-${process.pid}`;
  let dir: string;
  let servers: ChildProcess;

  /** A PATH holding only these programs (and what the command itself uses), so `command -v` finds exactly them. */
  const pathWith = (tools: string[]) => pathWithOnly(dir, ['tail', 'timeout', ...tools]);
  async function inNs<T>(fact: Fact<T>, tools: string[]): Promise<T> {
    const r = await exec('ip', ['netns', 'exec', ns, 'env', '-i', `PATH=${pathWith(tools)}`, '/bin/sh', '-c', fact.command]).then(
      (x) => ({ stdout: x.stdout, code: 0 }),
      (e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }),
    );
    return fact.parse(r);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-checks-'));
    await exec('ip', ['netns', 'add', ns]);
    await exec('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    await exec('ip', ['-n', ns, 'addr', 'add', `${ADDRESS}/32`, 'dev', 'lo']);
    servers = spawn('ip', ['netns', 'exec', ns, '/usr/bin/python3', '-c', SERVERS], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      if ((await inNs(dnsProbeFact(ADDRESS, 5353, { type: 'A', name: 'ok.' }), ['python3'])).up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    servers?.kill();
    await exec('ip', ['netns', 'del', ns]).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const tools of [['python3'], ['bash']]) {
    it(`UDP_CHECK with ${tools[0]}: up when the port answers, down on the ICMP unreachable of a closed port`, async () => {
      assert.deepEqual(await inNs(udpProbeFact(ADDRESS, 5000, 1), tools), { up: true, detail: 'answered' });
      assert.deepEqual(await inNs(udpProbeFact(ADDRESS, 5001, 1), tools), { up: false, detail: 'port unreachable (ICMP)' });
    });
  }

  it('UDP_CHECK: a port that neither answers nor is refused counts as up, as keepalived counts it', async () => {
    // a socket bound but never read: the datagram is queued, nothing comes back
    const silent = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns,
        '/usr/bin/python3',
        '-c',
        `import socket, time\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("${ADDRESS}", 5002)); time.sleep(30)`,
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await inNs(udpProbeFact(ADDRESS, 5002, 1), ['python3']), { up: true, detail: 'no ICMP unreachable within 1s' });
      assert.deepEqual(await inNs(udpProbeFact(ADDRESS, 5002, 1), ['bash']), { up: true, detail: 'no ICMP unreachable within 1s' });
    } finally {
      silent.kill();
    }
  });

  it('DNS_CHECK: up on RCODE 0 with the query id, down on SERVFAIL, a closed port, or no python3', async () => {
    assert.deepEqual(await inNs(dnsProbeFact(ADDRESS, 5353, { type: 'A', name: 'ok.' }), ['python3']), {
      up: true,
      detail: 'RCODE 0 (NOERROR)',
    });
    assert.deepEqual(await inNs(dnsProbeFact(ADDRESS, 5353, { type: 'SOA', name: '.' }), ['python3']), { up: false, detail: 'RCODE 2' });
    assert.deepEqual(await inNs(dnsProbeFact(ADDRESS, 5354, { type: 'SOA', name: '.' }), ['python3']), {
      up: false,
      detail: 'port unreachable (ICMP)',
    });
    assert.deepEqual(await inNs(dnsProbeFact(ADDRESS, 5353, { type: 'A', name: 'ok.' }), ['bash']), {
      up: false,
      detail: 'no python3 on this host, which a DNS query needs',
    });
  });

  it("MISC_CHECK: the operator's command run with its timeout; exit 0 up, dynamic exit 2 is weight 0, 3 and up are up", async () => {
    const script = join(dir, 'check');
    writeFileSync(script, '#!/bin/sh\necho "state of $1"\nexit "$2"\n');
    chmodSync(script, 0o755);
    const run = async (command: string, timeout = 2) => {
      const fact = miscCheckFact(command, timeout);
      const r = await exec('/bin/sh', ['-c', fact.command]).then(
        (x) => ({ stdout: x.stdout, code: 0 }),
        (e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }),
      );
      return fact.parse(r);
    };
    assert.deepEqual(await run(`${script} lvs01 0`), { code: 0, output: 'state of lvs01' });
    assert.equal(miscCheckVerdict(await run(`${script} lvs01 0`), false), null);
    assert.equal(miscCheckVerdict(await run(`${script} lvs01 1`), false), 'exit 1 ("state of lvs01")');
    assert.equal(miscCheckVerdict(await run(`${script} lvs01 1`), true), 'exit 1 ("state of lvs01")');
    assert.equal(miscCheckVerdict(await run(`${script} lvs01 2`), true), 'exit 2: weight 0 ("state of lvs01")');
    assert.equal(miscCheckVerdict(await run(`${script} lvs01 3`), true), null);
    assert.equal(miscCheckVerdict(await run(`${script} lvs01 3`), false), 'exit 3 ("state of lvs01")');
    assert.equal(miscCheckVerdict(await run('/usr/bin/sleep 5', 1), false), 'timed out');
    // a word is one argument, whatever it holds: no shell reads it
    assert.deepEqual(await run(`${script} $(id) 0`), { code: 0, output: 'state of $(id)' });
  });
});
