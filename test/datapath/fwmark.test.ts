// Issue 14: a fwmark service spanning two ports. The datapath lab's cluster
// gets a third VIP whose one service is fwmark 14 over TCP 80 and 8080:
// deploy writes lvs-play's nftables marks on both directors and keepalived's
// `virtual_server fwmark 14`; the real servers' nginx serves 8080 too (set up
// here, removed after). Client requests to both ports through the VIP are
// answered by both real servers, and the VIP holder's IPVS table has one FWM
// service holding the connections of both ports. After the suite the lab's
// own cluster is deployed again and the marks removed, for the next suites.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FWMARK_PATHS, FWMARK_TABLE, FWMARK_UNIT_NAME } from '../../lib/render/nft-fwmark.js';
import { lvsPlay } from '../support/cli.js';
import { answeredBy, clientSources, clientTraffic, type HttpResult, ok, SOURCE_BLOCKS } from '../support/client-traffic.js';
import { DATAPATH_INVENTORY, DIRECTORS, REAL_SERVERS, useDatapathLab, verifyPasses } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const VIP = '198.18.0.200';
const MARK = 14;
const PORTS = [80, 8080];
const HOLDER = 'lvs-dr';
const SOURCES = clientSources(SOURCE_BLOCKS.fwmark);
/** a second fwmark service over the same ports, with lvs01 its one real server and lvs02 its sorry server */
const SORRY_VIP = '198.18.0.210';
const SORRY_MARK = 15;
const NGINX_8080 = '/etc/nginx/conf.d/lvs-play-fwmark-test.conf';

/** The lab's cluster plus a VIP whose one service is the fwmark service (no persistence: rr spreads every request). */
function fwmarkInventory(): Record<string, unknown> {
  const inv = JSON.parse(readFileSync(DATAPATH_INVENTORY, 'utf8')) as Record<string, unknown> & { vips: unknown[] };
  delete inv.$schema;
  inv.vips.push({
    address: VIP,
    instance: 'bl_fwmark',
    routerId: 58,
    master: HOLDER,
    services: [
      {
        fwmark: MARK,
        ports: PORTS,
        protocol: 'TCP',
        scheduler: 'rr',
        forwarding: 'DR',
        delayLoop: 3,
        healthCheck: { type: 'TCP_CHECK', port: 80, connectTimeout: 3, retry: 1, delayBeforeRetry: 1 },
      },
    ],
  });
  inv.vips.push({
    address: SORRY_VIP,
    instance: 'bl_fwmark_sorry',
    routerId: 59,
    master: HOLDER,
    services: [
      {
        fwmark: SORRY_MARK,
        ports: PORTS,
        protocol: 'TCP',
        scheduler: 'rr',
        forwarding: 'DR',
        delayLoop: 2,
        realServers: [{ host: 'lvs01' }],
        sorryServer: { host: 'lvs02' },
        healthCheck: { type: 'TCP_CHECK', port: 80, connectTimeout: 2, retry: 1, delayBeforeRetry: 1 },
      },
    ],
  });
  return inv;
}

describe('datapath: a fwmark service spanning two ports', function () {
  this.timeout(10 * 60_000);
  const lab = useDatapathLab();
  let dir = '';
  let inventory = '';

  before(async function () {
    this.timeout(10 * 60_000);
    for (const rs of REAL_SERVERS) {
      await lab.run(
        rs,
        `printf 'server {\\n\\tlisten 8080;\\n\\troot /var/www/html;\\n}\\n' > ${NGINX_8080} && nginx -t -q && systemctl reload nginx`,
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'lvs-play-fwmark-'));
    inventory = join(dir, 'lab-fwmark.json');
    writeFileSync(inventory, `${JSON.stringify(fwmarkInventory(), null, 2)}\n`);
    const t0 = Date.now();
    const d = await lvsPlay(['deploy', inventory]);
    assert.equal(d.code, 0, `deploy of the fwmark cluster:\n${d.stdout}\n${d.stderr}`);
    process.stderr.write(`      [datapath] fwmark cluster deployed in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  });

  after(async function () {
    this.timeout(10 * 60_000);
    // the lab's own cluster again for the next suites: the fwmark VIP gone, nginx on 80 only, and the
    // marks removed (lvs-play leaves a cluster's former fwmark files in place: see the README)
    for (const rs of REAL_SERVERS) await lab.run(rs, `rm -f ${NGINX_8080} && systemctl start nginx && systemctl reload nginx`);
    const d = await lvsPlay(['deploy', DATAPATH_INVENTORY]);
    for (const director of DIRECTORS) {
      await lab.run(
        director,
        // whatever the suite got to: no unit, no file, no table left
        `systemctl disable --now ${FWMARK_UNIT_NAME} 2>/dev/null; nft delete table ip ${FWMARK_TABLE} 2>/dev/null; rm -f ${FWMARK_PATHS.ruleset} ${FWMARK_PATHS.unit} && systemctl daemon-reload`,
      );
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.equal(d.code, 0, `deploy of ${DATAPATH_INVENTORY} after the fwmark suite:\n${d.stdout}\n${d.stderr}`);
    await verifyPasses(DATAPATH_INVENTORY);
  });

  it('deploy loaded the marks on both directors, and each has one FWM service (not a per-port one) with both real servers', async () => {
    const out = await verifyPasses(inventory);
    assert.match(out, new RegExp(`fwmark ${MARK}`), `verify names the fwmark service:\n${out}`);
    for (const director of DIRECTORS) {
      const nft = await lab.run(director, `nft list table ip ${FWMARK_TABLE}`);
      assert.match(
        nft,
        new RegExp(`ip daddr ${VIP.replace(/\./g, '\\.')} tcp dport \\{ 80, 8080 \\} meta mark set (0x0*e|${MARK})\\b`),
        nft,
      );
      assert.match(await lab.run(director, `systemctl is-enabled ${FWMARK_UNIT_NAME}`), /^enabled/);
      const table = await lab.ipvs(director);
      const fwm = table.filter((s) => s.protocol === 'FWM' && s.address === String(MARK));
      assert.deepEqual(
        fwm.map((s) => [s.address, s.scheduler, s.realServers.map((r) => `${r.address}:${r.port} ${r.forwarding} ${r.weight}`).sort()]),
        [[String(MARK), 'rr', ['198.18.0.10:0 Route 1', '198.18.0.20:0 Route 1']]],
        `${director}: ${JSON.stringify(table)}`,
      );
      assert.equal(
        table.filter((s) => s.address === VIP).length,
        0,
        `${director} has no per-port service for ${VIP}: ${JSON.stringify(table)}`,
      );
    }
    const check = await lvsPlay(['check', inventory]);
    assert.equal(check.code, 0, `check right after deploy reports no drift:\n${check.stdout}\n${check.stderr}`);
  });

  it('requests to both ports through the VIP are answered by both real servers; the FWM service holds the connections of both', async () => {
    const byPort: Record<number, HttpResult[]> = {};
    for (const port of PORTS) {
      byPort[port] = await clientTraffic(lab.address('client'), {
        vips: [VIP],
        port,
        sources: SOURCES,
        seconds: 0,
        intervalMs: 0,
        timeoutMs: 5000,
      });
    }
    for (const port of PORTS) {
      const rs = byPort[port]!;
      const failed = rs.filter((r) => !ok(r));
      process.stderr.write(
        `      [datapath] fwmark ${MARK} port ${port}: ${rs.length} requests, ${rs.length - failed.length} answered, ${failed.length} failed, by ${JSON.stringify(answeredBy(rs))}\n`,
      );
      assert.equal(rs.length, SOURCES.length);
      assert.deepEqual(failed, [], `port ${port}`);
      assert.deepEqual(answeredBy(rs), { [VIP]: ['lvs01', 'lvs02'] }, `port ${port}`);
    }
    // ipvsadm -Lnc: "TCP 01:57 TIME_WAIT 198.18.0.150:41234 198.18.0.200:8080 198.18.0.10:8080"
    const conns = (await lab.run(HOLDER, 'ipvsadm -Lnc'))
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((w) => w[0] === 'TCP' && w[4]?.startsWith(`${VIP}:`) && SOURCES.includes(w[3]!.split(':')[0]!));
    for (const port of PORTS) {
      const n = conns.filter((w) => w[4] === `${VIP}:${port}`).length;
      assert.ok(n >= SOURCES.length, `${HOLDER} has ${n} connections to ${VIP}:${port}, want ${SOURCES.length}`);
    }
    // the kernel folds its per-CPU counters into --stats every 2 s: "FWM  14   20   120   0   ..."
    let out = '';
    const re = new RegExp(`^FWM\\s+${MARK}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s`, 'm');
    await waitFor(
      `${HOLDER}'s counters for fwmark ${MARK}`,
      async () => {
        out = await lab.run(HOLDER, 'ipvsadm -Ln --stats');
        return Number(re.exec(out)?.[1] ?? 0) >= PORTS.length * SOURCES.length;
      },
      15_000,
      1000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}:\n${out}`);
    });
    const [, connections, inPkts, outPkts] = re.exec(out)!;
    process.stderr.write(`      [datapath] ${HOLDER} FWM ${MARK}: ${connections} connections, ${inPkts} packets in, ${outPkts} out\n`);
    assert.equal(outPkts, '0', `DR: nothing goes back out through the director:\n${out}`);
  });

  it('a fwmark service with a sorry server: lvs01 stopped -> both ports answered by the sorry server lvs02; started -> lvs01 again', async () => {
    const both = async () => {
      const out: HttpResult[] = [];
      for (const port of PORTS) {
        out.push(
          ...(await clientTraffic(lab.address('client'), {
            vips: [SORRY_VIP],
            port,
            sources: SOURCES,
            seconds: 0,
            intervalMs: 0,
            timeoutMs: 3000,
          })),
        );
      }
      return out;
    };
    /** the FWM service's rows on the holder, "address:port weight" */
    const rows = async () =>
      ((await lab.ipvs(HOLDER)).find((s) => s.protocol === 'FWM' && s.address === String(SORRY_MARK))?.realServers ?? []).map(
        (r) => `${r.address}:${r.port} ${r.weight}`,
      );
    /** requests to both ports, every one answered, and all by `server` */
    const allAnsweredBy = async (label: string, server: string) => {
      const rs = await both();
      process.stderr.write(
        `      [datapath] fwmark ${SORRY_MARK} + sorry server, ${label}: ${rs.length} requests over ports ${PORTS.join(' and ')}, ${rs.filter(ok).length} answered, by ${JSON.stringify(answeredBy(rs))}\n`,
      );
      assert.deepEqual(
        rs.filter((r) => !ok(r)),
        [],
        label,
      );
      assert.deepEqual(answeredBy(rs), { [SORRY_VIP]: [server] }, label);
    };
    await allAnsweredBy('lvs01 up', 'lvs01');
    assert.deepEqual(await rows(), ['198.18.0.10:0 1']);

    await lab.run('lvs01', 'systemctl stop nginx');
    try {
      await waitFor(
        `the sorry server in fwmark ${SORRY_MARK} on ${HOLDER}`,
        async () => (await rows()).includes('198.18.0.20:0 1'),
        30_000,
        500,
      );
      await allAnsweredBy('lvs01 stopped', 'lvs02');
    } finally {
      await lab.run('lvs01', 'systemctl start nginx');
    }
    await waitFor(
      `lvs01 back alone in fwmark ${SORRY_MARK} on ${HOLDER}`,
      async () => (await rows()).join() === '198.18.0.10:0 1',
      30_000,
      500,
    );
    await allAnsweredBy('lvs01 started', 'lvs01');
  });
});
