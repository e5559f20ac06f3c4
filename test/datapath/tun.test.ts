// Issue 14: LVS-TUN with client traffic. The lab's cluster gets a TUN VIP
// whose real servers, lvs03 and lvs04, are VMs of their own: they need the
// ipip module for tunl0, which the containers' shared kernel lacks, so `lab
// up --datapath` with this inventory brings them up as VMs (as it does the
// directors). The deploy is lvs-play's own: the dr-client unit loads ipip,
// brings tunl0 up with the VIP on it and turns rp_filter off. The suite
// proves that the requests to the VIP are answered by both from the VIP as
// their source (the client's TCP handshake with the VIP completes), that
// they reached them through the tunnel (tunl0's receive counters grow by at
// least a packet per request), that the replies bypass the director (its
// IPVS counters count no packet out, as for DR), and that a rollout of one
// of them under traffic (drain, repair, its own check, undrain) loses no
// request. Afterwards the lab is brought back to its own inventory (lvs03
// and lvs04 removed) and that cluster deployed again.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labSsh } from '../../lib/lab/ssh.js';
import { lvsPlay } from '../support/cli.js';
import { clientSources, clientTraffic, type HttpResult, ok, SOURCE_BLOCKS } from '../support/client-traffic.js';
import { DATAPATH_INVENTORY, DIRECTORS, useDatapathLab, verifyPasses } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const TUN_VIP = '198.18.0.209';
// outside the client's source blocks (198.18.0.60-199: client-traffic.ts SOURCE_BLOCKS)
const TUN_SERVERS = { lvs03: '198.18.0.25', lvs04: '198.18.0.26' } as const;
type TunServer = keyof typeof TUN_SERVERS;
const TUN_NAMES = Object.keys(TUN_SERVERS) as TunServer[];
/** the one the rollout under traffic takes out and puts back */
const ROLLED = 'lvs03';
const HOLDER = 'lvs-dr';
const SOURCES = clientSources(SOURCE_BLOCKS.tun, 4);

/** The lab's cluster plus lvs03, lvs04 and a VIP whose one service reaches them by TUN. */
function tunInventory(): Record<string, unknown> {
  const inv = JSON.parse(readFileSync(DATAPATH_INVENTORY, 'utf8')) as Record<string, unknown> & {
    hosts: unknown[];
    groups: Record<string, string[]>;
    vips: unknown[];
  };
  delete inv.$schema;
  for (const [name, address] of Object.entries(TUN_SERVERS)) inv.hosts.push({ name, address });
  inv.groups.realservers!.push(...TUN_NAMES);
  inv.vips.push({
    address: TUN_VIP,
    instance: 'bl_tun',
    routerId: 209,
    master: HOLDER,
    services: [
      {
        port: 80,
        protocol: 'TCP',
        scheduler: 'rr',
        forwarding: 'TUN',
        delayLoop: 2,
        realServers: TUN_NAMES.map((host) => ({ host })),
        healthCheck: { type: 'TCP_CHECK', connectTimeout: 2, retry: 1, delayBeforeRetry: 1 },
      },
    ],
  });
  return inv;
}

const log = (line: string) => process.stderr.write(`      [datapath] ${line}\n`);
const failures = (rs: HttpResult[]) => rs.filter((r) => !ok(r)).map((r) => `from ${r.src}: ${r.error ?? r.status}`);
/** requests answered, per real server */
function answeredCounts(rs: HttpResult[]): Record<string, number> {
  const by: Record<string, number> = {};
  for (const r of rs.filter(ok)) by[r.body!] = (by[r.body!] ?? 0) + 1;
  return by;
}

describe('datapath: LVS-TUN, its real servers answering from tunl0 with the VIP as the source, one rolled out under traffic (issue 14)', function () {
  this.timeout(20 * 60_000);
  const lab = useDatapathLab();
  let dir = '';
  let inventory = '';

  // not in lab.hosts: the shared lab was listed before this suite added lvs03 and lvs04
  const tunServerRun = async (name: TunServer, command: string) => {
    const r = await labSsh(TUN_SERVERS[name], command);
    if (r.code !== 0) throw new Error(`${name}: "${command}" exited ${r.code}: ${r.stderr.trim()}`);
    return r.stdout;
  };
  /** packets in and out of the TUN service on a director, from its IPVS counters */
  const ipvsPackets = async (director: string) => {
    const line = (await lab.run(director, `ipvsadm -Ln --stats --exact -t ${TUN_VIP}:80`))
      .split('\n')
      .find((l) => l.startsWith(`TCP  ${TUN_VIP}:80`));
    assert.ok(line, `${director}: no IPVS service ${TUN_VIP}:80`);
    const f = line.trim().split(/\s+/); // TCP addr:port Conns InPkts OutPkts InBytes OutBytes
    return { in: Number(f[3]), out: Number(f[4]) };
  };
  /** packets each TUN server's tunl0 has received */
  const tunl0Received = async () => {
    const out = {} as Record<TunServer, number>;
    for (const name of TUN_NAMES) out[name] = Number((await tunServerRun(name, 'cat /sys/class/net/tunl0/statistics/rx_packets')).trim());
    return out;
  };

  before(async function () {
    this.timeout(20 * 60_000);
    dir = mkdtempSync(join(tmpdir(), 'lvs-play-tun-'));
    inventory = join(dir, 'lab-tun.json');
    writeFileSync(inventory, JSON.stringify(tunInventory(), null, 2));
    const t0 = Date.now();
    const up = await lvsPlay(['lab', 'up', inventory, '--datapath']);
    assert.equal(up.code, 0, `lab up ${inventory} --datapath:\n${up.stdout}\n${up.stderr}`);
    for (const name of TUN_NAMES)
      assert.match(up.stdout, new RegExp(`^  ${name}\\s+\\S+\\s+(running|degraded) \\(VM, (kvm|tcg)\\)$`, 'm'), up.stdout);
    const t1 = Date.now();
    const d = await lvsPlay(['deploy', inventory]);
    assert.equal(d.code, 0, `deploy of the TUN cluster:\n${d.stdout}\n${d.stderr}`);
    log(
      `${TUN_NAMES.join(' and ')} up as VMs in ${((t1 - t0) / 1000).toFixed(1)} s, TUN cluster deployed in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
    await verifyPasses(inventory);
  });

  after(async function () {
    this.timeout(10 * 60_000);
    // back to the lab's own inventory: lvs03 and lvs04 go (strays of it), the directors lose the TUN VIP
    const up = await lvsPlay(['lab', 'up', '--datapath']);
    const d = await lvsPlay(['deploy', DATAPATH_INVENTORY]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.equal(up.code, 0, `lab up --datapath after the TUN suite:\n${up.stdout}\n${up.stderr}`);
    for (const name of TUN_NAMES) assert.doesNotMatch(up.stdout, new RegExp(`^  ${name}\\s`, 'm'));
    assert.equal(d.code, 0, `deploy of ${DATAPATH_INVENTORY} after the TUN suite:\n${d.stdout}\n${d.stderr}`);
    assert.equal((await lab.run(HOLDER, 'ipvsadm -Ln')).includes(TUN_VIP), false, 'the TUN service is gone');
    await verifyPasses(DATAPATH_INVENTORY);
  });

  it('check is in sync right after deploy; lvs03 and lvs04 hold the VIP on tunl0 only, with rp_filter off, and the director forwards by tunnel', async () => {
    const c = await lvsPlay(['check', inventory]);
    assert.equal(c.code, 0, `check right after deploy:\n${c.stdout}\n${c.stderr}`);
    const table = await lab.run(HOLDER, `ipvsadm -Ln -t ${TUN_VIP}:80`);
    for (const name of TUN_NAMES) {
      const addrs = JSON.parse(await tunServerRun(name, 'ip -j addr show')) as {
        ifname: string;
        addr_info: { local: string; prefixlen: number }[];
      }[];
      const holding = addrs.filter((l) => l.addr_info.some((a) => a.local === TUN_VIP)).map((l) => l.ifname);
      assert.deepEqual(holding, ['tunl0'], name);
      assert.equal(addrs.find((l) => l.ifname === 'tunl0')!.addr_info.find((a) => a.local === TUN_VIP)!.prefixlen, 32, name);
      const rpFilter = await tunServerRun(name, 'cat /proc/sys/net/ipv4/conf/tunl0/rp_filter /proc/sys/net/ipv4/conf/all/rp_filter');
      assert.equal(rpFilter.trim(), '0\n0', name);
      assert.match(await tunServerRun(name, 'lsmod'), /^ipip\s/m, name);
      assert.match(table, new RegExp(`->\\s+${TUN_SERVERS[name].replace(/\./g, '\\.')}:80\\s+Tunnel\\s+1\\s`), table);
    }
  });

  it('requests through the VIP are answered by lvs03 and lvs04 from the VIP, arriving by tunl0, with no reply through the director', async () => {
    const before = { rx: await tunl0Received(), ipvs: await ipvsPackets(HOLDER) };
    const results: HttpResult[] = [];
    for (let round = 0; round < 5; round++) {
      results.push(
        ...(await clientTraffic(lab.address('client'), { vips: [TUN_VIP], sources: SOURCES, seconds: 0, intervalMs: 0, timeoutMs: 2000 })),
      );
    }
    // the kernel folds its per-CPU IPVS counters every 2 s: wait for a fold that counts the requests' packets
    let ipvs = { in: 0, out: 0 };
    await waitFor(
      `${HOLDER}'s IPVS counters to count the requests`,
      async () => {
        const now = await ipvsPackets(HOLDER);
        ipvs = { in: now.in - before.ipvs.in, out: now.out - before.ipvs.out };
        return ipvs.in >= 3 * results.length;
      },
      15_000,
      1000,
    ).catch(() => undefined); // the assertions below report the figures
    const after = await tunl0Received();
    const by = answeredCounts(results);
    const rx = TUN_NAMES.map((n) => `${n} ${after[n] - before.rx[n]}`).join(', ');
    log(
      `TUN: ${results.length} sent, ${results.filter(ok).length} answered, by ${JSON.stringify(by)}; ` +
        `tunl0 received (packets) ${rx}; ${HOLDER}'s IPVS took ${ipvs.in} in and sent ${ipvs.out} out`,
    );
    assert.deepEqual(failures(results), []);
    assert.deepEqual(Object.keys(by).sort(), TUN_NAMES);
    // a connection's SYN, its ACK, the request and the FIN's ACK at least: each came to its server through the tunnel
    for (const name of TUN_NAMES) {
      const received = after[name] - before.rx[name];
      assert.ok(received >= 3 * by[name]!, `${name}'s tunl0 received ${received} packets for the ${by[name]} requests it answered`);
    }
    assert.ok(ipvs.in >= 3 * results.length, `${HOLDER} forwarded ${ipvs.in} packets for ${results.length} requests`);
    assert.equal(ipvs.out, 0, 'the replies went from the real servers to the client directly');
  });

  it(`a rollout of ${ROLLED} under traffic drains it on both directors, repairs it, checks it itself and undrains it: no request fails`, async () => {
    // drift on lvs03 only: a comment added to its VIP file by hand, which the rollout repairs with lvs03 drained
    await tunServerRun(ROLLED, 'echo "# edited by hand" >> /etc/lvs-play/dr-client.vips');
    const stop = '/tmp/lvsp-tun-stop';
    await lab.run('client', `rm -f ${stop}`);
    const seen = new Set<string>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const d of DIRECTORS) seen.add(`${d} w${await lab.weight(d, TUN_VIP, TUN_SERVERS[ROLLED])}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const traffic = clientTraffic(lab.address('client'), {
      vips: [TUN_VIP],
      sources: SOURCES,
      seconds: 300,
      stopFile: stop,
      intervalMs: 20,
      timeoutMs: 2000,
    });
    try {
      await new Promise((r) => setTimeout(r, 3000));
      const t0 = Date.now();
      const r = await lvsPlay(['rollout', inventory, '--limit', ROLLED]);
      const took = Date.now() - t0;
      await new Promise((res) => setTimeout(res, 2000));
      await lab.run('client', `touch ${stop}`);
      const results = await traffic;
      sampling = false;
      await sampler;
      const answered = /answered from (lvs-dr2?): (.*)/.exec(r.stdout);
      log(
        `rollout of ${ROLLED} took ${(took / 1000).toFixed(1)} s (exit ${r.code}); ${results.length} requests, ` +
          `${failures(results).length} failed, answered by ${JSON.stringify(answeredCounts(results))}; ` +
          `${ROLLED}'s weights seen: ${[...seen].sort().join('; ')}; ${answered ? `its check: ${answered[2]}` : 'no health check line'}`,
      );
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(failures(results), []);
      assert.ok(answered?.[2]?.includes(`${ROLLED} TCP_CHECK ${TUN_SERVERS[ROLLED]}:80`), r.stdout);
      for (const d of DIRECTORS) {
        assert.ok(seen.has(`${d} w0`), `${d} had ${ROLLED} at weight 0 during the rollout`);
        assert.equal(await lab.weight(d, TUN_VIP, TUN_SERVERS[ROLLED]), 1, `${d}: ${ROLLED} undrained`);
      }
      const c = await lvsPlay(['check', inventory, '--limit', ROLLED]);
      assert.equal(c.code, 0, `${ROLLED} in sync after the rollout:\n${c.stdout}`);
      // the VIP is on tunl0 again after the repair: the server that was drained answers requests again
      const after = await clientTraffic(lab.address('client'), {
        vips: [TUN_VIP],
        sources: SOURCES,
        seconds: 0,
        intervalMs: 0,
        timeoutMs: 2000,
      });
      assert.deepEqual(failures(after), []);
      assert.ok((answeredCounts(after)[ROLLED] ?? 0) > 0, `${ROLLED} answers after the rollout: ${JSON.stringify(answeredCounts(after))}`);
    } finally {
      sampling = false;
      await lab.run('client', `touch ${stop}`);
      await traffic.catch(() => undefined);
      await sampler;
    }
  });

  it('verify fails, naming tunl0, when the VIP is taken off it by hand; deploy repairs it', async () => {
    await tunServerRun(ROLLED, `ip addr del ${TUN_VIP}/32 dev tunl0`);
    const v = await lvsPlay(['verify', inventory]);
    assert.equal(v.code, 1, v.stdout);
    assert.match(v.stdout + v.stderr, new RegExp(`${ROLLED}: ${TUN_VIP.replace(/\./g, '\\.')} is not on tunl0`));
    const c = await lvsPlay(['check', inventory]);
    assert.equal(c.code, 2, c.stdout);
    assert.match(c.stdout, new RegExp(`VIP ${TUN_VIP.replace(/\./g, '\\.')} missing on tunl0`));
    const d = await lvsPlay(['deploy', inventory]);
    assert.equal(d.code, 0, `${d.stdout}\n${d.stderr}`);
    const rs = await clientTraffic(lab.address('client'), {
      vips: [TUN_VIP],
      sources: SOURCES,
      seconds: 0,
      intervalMs: 0,
      timeoutMs: 2000,
    });
    assert.deepEqual(failures(rs), []);
  });
});
