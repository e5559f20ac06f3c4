// Issue 14: LVS-NAT with client traffic on directors with IP_VS. The lab's
// cluster gets a NAT VIP and its gateway VIP (one sync group, MASTER lvs-dr),
// deployed by lvs-play from a variant of inventory/lab-datapath.json: the
// directors forward (ip_forward, no ICMP redirects) and the real servers
// route the client's addresses via the gateway VIP (lvs-play-nat-route). It
// proves that the requests to the VIP are answered with the VIP as the
// source, that the replies pass through the director (its IPVS counters
// count packets out, which DR never does), and that when lvs-dr loses its
// VIPs under traffic both move to lvs-dr2 and the replies follow: the real
// servers' gateway now answers from lvs-dr2's MAC and its IPVS counters grow.
// Requests are counted per phase and printed; the window between the loss
// and the takeover (VRRP's) is bounded, not judged request by request.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lvsPlay } from '../support/cli.js';
import { clientSources, clientTraffic, type HttpResult, ok, SOURCE_BLOCKS, worstGapMs } from '../support/client-traffic.js';
import { DATAPATH_INVENTORY, REAL_SERVERS, useDatapathLab, verifyPasses } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const NAT_VIP = '198.18.0.205';
const GATEWAY = '198.18.0.206';
/** a NAT fwmark service over ports 80 and 8080, in the NAT sync group too */
const NAT_FWM_VIP = '198.18.0.212';
const NAT_FWM_MARK = 17;
const NAT_FWM_PORTS = [80, 8080];
const NGINX_8080 = '/etc/nginx/conf.d/lvs-play-nat-fwmark-test.conf';
/** the client's source addresses for this suite, the only network the real servers route via the gateway */
const SOURCES = clientSources(SOURCE_BLOCKS.nat, 4);
const CLIENT_NETWORK = `${SOURCES[0]}/30`;
/** as failover.test.ts: 3 x advert_int (3 s) + skew + gratuitous ARP, with room for TCG */
const BOUND_MS = 15_000;
/** after both VIPs are seen on the new holder: slack for the time it took to see it */
const SEEN_SLACK_MS = 3000;

/** The lab's cluster plus a NAT VIP over both real servers and the gateway VIP, moving together. */
function natInventory(): Record<string, unknown> {
  const inv = JSON.parse(readFileSync(DATAPATH_INVENTORY, 'utf8')) as Record<string, unknown> & {
    vips: unknown[];
    vrrp: Record<string, unknown>;
  };
  delete inv.$schema;
  inv.vips.push(
    {
      address: NAT_VIP,
      instance: 'bl_nat',
      routerId: 205,
      master: 'lvs-dr',
      services: [
        {
          port: 80,
          protocol: 'TCP',
          scheduler: 'rr',
          forwarding: 'NAT',
          delayLoop: 2,
          realServers: REAL_SERVERS.map((host) => ({ host })),
          healthCheck: { type: 'TCP_CHECK', connectTimeout: 2, retry: 1, delayBeforeRetry: 1 },
        },
      ],
    },
    { address: GATEWAY, instance: 'bl_nat_gw', routerId: 206, master: 'lvs-dr', services: [] },
    {
      address: NAT_FWM_VIP,
      instance: 'bl_nat_fwm',
      routerId: 212,
      master: 'lvs-dr',
      services: [
        {
          fwmark: NAT_FWM_MARK,
          ports: NAT_FWM_PORTS,
          protocol: 'TCP',
          scheduler: 'rr',
          forwarding: 'NAT',
          delayLoop: 2,
          realServers: REAL_SERVERS.map((host) => ({ host })),
          healthCheck: { type: 'TCP_CHECK', port: 80, connectTimeout: 2, retry: 1, delayBeforeRetry: 1 },
        },
      ],
    },
  );
  inv.vrrp.syncGroups = [{ name: 'bl_nat_group', vips: [NAT_VIP, GATEWAY, NAT_FWM_VIP] }];
  inv.nat = { gateway: GATEWAY, prefixLength: 24, clientNetworks: [CLIENT_NETWORK] };
  return inv;
}

const log = (line: string) => process.stderr.write(`      [datapath] ${line}\n`);

function figures(label: string, rs: HttpResult[]): string {
  const by: Record<string, number> = {};
  for (const r of rs.filter(ok)) by[r.body!] = (by[r.body!] ?? 0) + 1;
  const failed = rs.filter((r) => !ok(r)).length;
  return `${label}: ${rs.length} sent, ${rs.length - failed} answered, ${failed} failed, by ${JSON.stringify(by)}`;
}

const failures = (rs: HttpResult[]) => rs.filter((r) => !ok(r)).map((r) => `from ${r.src} at ${r.t.toFixed(3)}: ${r.error ?? r.status}`);

describe('datapath: LVS-NAT under client traffic, and its failover with the gateway following (issue 14)', function () {
  this.timeout(15 * 60_000);
  const lab = useDatapathLab();
  let dir = '';
  let inventory = '';

  const holds = async (director: string, vip: string) => (await lab.run(director, 'ip -j address show dev eth0')).includes(`"${vip}"`);
  /** packets IPVS sent out for the NAT service on a director: the replies it rewrote (0 for DR) */
  const outPackets = async (director: string) => {
    const line = (await lab.run(director, `ipvsadm -Ln --stats --exact -t ${NAT_VIP}:80`))
      .split('\n')
      .find((l) => l.startsWith(`TCP  ${NAT_VIP}:80`));
    assert.ok(line, `${director}: no IPVS service ${NAT_VIP}:80`);
    return Number(line.trim().split(/\s+/)[4]); // TCP addr:port Conns InPkts OutPkts InBytes OutBytes
  };
  const mac = async (host: string) => (await lab.run(host, 'cat /sys/class/net/eth0/address')).trim();
  /** the MAC the real server sends its replies to: its neighbour entry for the gateway */
  const gatewayMac = async (rs: string) => /lladdr (\S+)/.exec(await lab.run(rs, `ip neigh show ${GATEWAY} dev eth0`))?.[1] ?? '(none)';
  const bothOn = (director: string) => async () => (await holds(director, NAT_VIP)) && (await holds(director, GATEWAY));

  before(async function () {
    this.timeout(10 * 60_000);
    for (const rs of REAL_SERVERS) {
      await lab.run(
        rs,
        `printf 'server {\\n\\tlisten 8080;\\n\\troot /var/www/html;\\n}\\n' > ${NGINX_8080} && nginx -t -q && systemctl reload nginx`,
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'lvs-play-nat-'));
    inventory = join(dir, 'lab-nat.json');
    writeFileSync(inventory, JSON.stringify(natInventory(), null, 2));
    const t0 = Date.now();
    const d = await lvsPlay(['deploy', inventory]);
    assert.equal(d.code, 0, `deploy of the NAT cluster:\n${d.stdout}\n${d.stderr}`);
    log(`NAT cluster deployed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await waitFor(`${NAT_VIP} and ${GATEWAY} on lvs-dr`, bothOn('lvs-dr'), 60_000, 1000);
  });

  after(async function () {
    this.timeout(10 * 60_000);
    // whatever the suite got to: keepalived running on lvs-dr, the lab's own cluster deployed (which removes the
    // NAT VIPs, and the route unit from the real servers)
    const started = await lab.ssh('lvs-dr', 'systemctl start keepalived');
    for (const rs of REAL_SERVERS) await lab.ssh(rs, `rm -f ${NGINX_8080} && systemctl reload nginx`);
    const d = await lvsPlay(['deploy', DATAPATH_INVENTORY]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.equal(started.code, 0, `lvs-dr: systemctl start keepalived: ${started.stderr}`);
    assert.equal(d.code, 0, `deploy of ${DATAPATH_INVENTORY} after the NAT suite:\n${d.stdout}\n${d.stderr}`);
    for (const rs of REAL_SERVERS) {
      const routes = await lab.run(rs, `ip -j route show ${CLIENT_NETWORK}`);
      assert.equal(routes.trim(), '[]', `${rs}: the NAT route is gone with the NAT service`);
    }
    await verifyPasses(DATAPATH_INVENTORY);
  });

  it('check is in sync and verify passes with the NAT VIP deployed; each real server routes the clients via the gateway VIP', async () => {
    const c = await lvsPlay(['check', inventory]);
    assert.equal(c.code, 0, `check right after deploy:\n${c.stdout}\n${c.stderr}`);
    const v = await lvsPlay(['verify', inventory]);
    assert.equal(v.code, 0, `verify:\n${v.stdout}\n${v.stderr}`);
    for (const rs of REAL_SERVERS) {
      const route = JSON.parse(await lab.run(rs, `ip -j route get ${SOURCES[0]}`)) as { gateway?: string }[];
      assert.equal(route[0]?.gateway, GATEWAY, `${rs} routes ${SOURCES[0]} via the gateway VIP`);
      assert.equal(await holds(rs, NAT_VIP), false);
    }
    for (const d of ['lvs-dr', 'lvs-dr2']) {
      assert.equal((await lab.run(d, 'sysctl -n net.ipv4.ip_forward')).trim(), '1', `${d} forwards`);
    }
  });

  it('requests are answered by both real servers through the VIP, and the replies go back through lvs-dr', async () => {
    const before = await outPackets('lvs-dr');
    const rs = await clientTraffic(lab.address('client'), {
      vips: [NAT_VIP],
      sources: SOURCES,
      seconds: 0,
      intervalMs: 0,
      timeoutMs: 2000,
    });
    const again = await clientTraffic(lab.address('client'), {
      vips: [NAT_VIP],
      sources: SOURCES,
      seconds: 0,
      intervalMs: 0,
      timeoutMs: 2000,
    });
    const all = [...rs, ...again];
    // the kernel folds its per-CPU counters into --stats every 2 s (the estimator): read right after the
    // requests, the count can still be the one from before them, so wait for a fold (or the bound)
    let out = 0;
    await waitFor(
      `lvs-dr's IPVS counters to count the replies`,
      async () => {
        out = (await outPackets('lvs-dr')) - before;
        return out >= 3 * all.length;
      },
      15_000,
      1000,
    ).catch(() => undefined); // the assertion below reports the figure
    log(`${figures('NAT, steady', all)}; lvs-dr's IPVS sent ${out} packets out for the service`);
    assert.deepEqual(failures(all), []);
    assert.deepEqual([...new Set(all.map((r) => r.body))].sort(), REAL_SERVERS, 'rr over both real servers');
    // each HTTP exchange sends the client at least a SYN-ACK, the response and a FIN through the director
    assert.ok(out >= 3 * all.length, `the replies passed through lvs-dr: ${out} packets out for ${all.length} requests`);
  });

  it('a NAT fwmark service spanning ports 80 and 8080: answered by both real servers on both ports, the replies through lvs-dr', async () => {
    const fwmStats = async () => {
      const line = (await lab.run('lvs-dr', 'ipvsadm -Ln --stats --exact'))
        .split('\n')
        .find((l) => new RegExp(`^FWM\\s+${NAT_FWM_MARK}\\s`).test(l));
      assert.ok(line, `lvs-dr: no FWM ${NAT_FWM_MARK} service`);
      return Number(line.trim().split(/\s+/)[4]); // FWM mark Conns InPkts OutPkts InBytes OutBytes
    };
    const before = await fwmStats();
    const byPort: Record<number, HttpResult[]> = {};
    for (const port of NAT_FWM_PORTS) {
      byPort[port] = await clientTraffic(lab.address('client'), {
        vips: [NAT_FWM_VIP],
        port,
        sources: SOURCES,
        seconds: 0,
        intervalMs: 0,
        timeoutMs: 2000,
      });
    }
    const all = Object.values(byPort).flat();
    let out = 0;
    await waitFor(
      `lvs-dr's IPVS counters to count the fwmark replies`,
      async () => {
        out = (await fwmStats()) - before;
        return out >= 3 * all.length;
      },
      15_000,
      1000,
    ).catch(() => undefined); // the assertion below reports the figure
    for (const port of NAT_FWM_PORTS) log(figures(`NAT fwmark ${NAT_FWM_MARK}, port ${port}`, byPort[port]!));
    log(`NAT fwmark ${NAT_FWM_MARK}: lvs-dr's IPVS sent ${out} packets out for ${all.length} requests`);
    const rows = (await lab.ipvs('lvs-dr')).find((x) => x.protocol === 'FWM' && x.address === String(NAT_FWM_MARK))?.realServers;
    assert.deepEqual(rows?.map((r) => `${r.address}:${r.port} ${r.forwarding}`).sort(), ['198.18.0.10:0 Masq', '198.18.0.20:0 Masq']);
    assert.deepEqual(failures(all), []);
    for (const port of NAT_FWM_PORTS) {
      assert.deepEqual([...new Set(byPort[port]!.map((r) => r.body))].sort(), REAL_SERVERS, `port ${port}: rr over both real servers`);
    }
    assert.ok(out >= 3 * all.length, `the replies passed through lvs-dr: ${out} packets out for ${all.length} requests`);
  });

  it('lvs-dr loses its VIPs under traffic: both move to lvs-dr2, the real servers reply through it, and they come home', async () => {
    const [drMac, dr2Mac] = [await mac('lvs-dr'), await mac('lvs-dr2')];
    const dr2Before = await outPackets('lvs-dr2');
    const stopFile = '/tmp/lvsp-nat-stop';
    await lab.run('client', `rm -f ${stopFile}`);
    const traffic = clientTraffic(lab.address('client'), {
      vips: [NAT_VIP],
      sources: SOURCES,
      seconds: 180,
      stopFile,
      intervalMs: 50,
      timeoutMs: 1000,
    });
    try {
      await new Promise((r) => setTimeout(r, 3000));
      const downAt = Date.now();
      await lab.run('lvs-dr', 'systemctl stop keepalived');
      const took = await waitFor(`${NAT_VIP} and ${GATEWAY} on lvs-dr2`, bothOn('lvs-dr2'), BOUND_MS + 10_000, 250);
      const takenAt = Date.now();
      log(`lvs-dr2 held both VIPs ${(took / 1000).toFixed(1)} s after keepalived stopped on lvs-dr`);
      await new Promise((r) => setTimeout(r, 8000));
      const followed = Object.fromEntries(await Promise.all(REAL_SERVERS.map(async (rs) => [rs, await gatewayMac(rs)] as const)));
      const dr2Out = (await outPackets('lvs-dr2')) - dr2Before;
      const upAt = Date.now();
      await lab.run('lvs-dr', 'systemctl start keepalived');
      await waitFor(`${NAT_VIP} and ${GATEWAY} home on lvs-dr`, bothOn('lvs-dr'), 60_000, 500);
      const homeAt = Date.now();
      await new Promise((r) => setTimeout(r, 8000));
      await lab.run('client', `touch ${stopFile}`);
      const results = await traffic;

      const at = (r: HttpResult) => r.t * 1000;
      const steady = results.filter((r) => at(r) < downAt);
      const away = results.filter((r) => at(r) >= takenAt + SEEN_SLACK_MS && at(r) < upAt);
      const back = results.filter((r) => at(r) >= homeAt + SEEN_SLACK_MS);
      const gap = worstGapMs(
        results.filter((r) => at(r) >= downAt - 500 && at(r) < upAt),
        NAT_VIP,
      );
      const returnGap = worstGapMs(
        results.filter((r) => at(r) >= upAt - 500),
        NAT_VIP,
      );
      log(figures('NAT failover, before', steady));
      log(`${figures('NAT failover, on lvs-dr2', away)}; lvs-dr2's IPVS sent ${dr2Out} packets out`);
      log(figures('NAT failover, home again', back));
      log(
        `NAT failover: ${results.length} requests; failover gap ${gap.gapMs} ms (${gap.failed} failed), return gap ${returnGap.gapMs} ms (${returnGap.failed} failed), bound ${BOUND_MS} ms; the real servers' gateway MAC on lvs-dr2: ${JSON.stringify(followed)} (lvs-dr ${drMac}, lvs-dr2 ${dr2Mac})`,
      );
      assert.ok(steady.length > 0 && away.length > 0 && back.length > 0, 'traffic in every phase');
      assert.deepEqual(failures(steady), [], 'before the failover');
      assert.deepEqual(failures(away), [], 'with both VIPs on lvs-dr2');
      assert.deepEqual(failures(back), [], 'home again');
      assert.ok(gap.gapMs < BOUND_MS, `requests failed for ${gap.gapMs} ms on the way to lvs-dr2`);
      assert.ok(returnGap.gapMs < BOUND_MS, `requests failed for ${returnGap.gapMs} ms on the way home`);
      for (const rs of REAL_SERVERS) assert.equal(followed[rs], dr2Mac, `${rs} sends its replies to lvs-dr2 once it holds the gateway`);
      assert.ok(dr2Out >= 3 * away.length, `the replies passed through lvs-dr2: ${dr2Out} packets out for ${away.length} requests`);
    } finally {
      await lab.ssh('client', `touch ${stopFile}`);
      await traffic.catch(() => []);
    }
  });
});
