// Issue 14: a sorry server, a UDP service, MISC_CHECK, SSL_GET, DNS_CHECK
// and a quorum with its hooks, with real traffic on directors with IP_VS. The lab's cluster gets five more
// VIPs, one per feature (rr, no persistence, short check budgets), deployed by
// lvs-play from a variant of inventory/lab-datapath.json; what the real
// servers and directors need for them (a UDP echo server, the same server
// answering DNS queries, nginx over TLS with a self-signed certificate, the
// operator's MISC_CHECK scripts and quorum hooks) is set up here
// and removed after, and the lab's own cluster is deployed again for the next
// suites. Each scenario breaks lvs01 under client traffic, waits until both
// directors' IPVS tables show it out, repairs it and waits until it is back;
// requests are counted per phase and printed. The two windows where the
// checkers have not acted yet (after the break, after the repair) are
// counted, not judged; every request started outside them must be answered,
// by lvs02 alone while lvs01 is out.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpvsVirtualService } from '../../lib/facts/ipvs.js';
import { lvsPlay } from '../support/cli.js';
import { clientSources, clientTraffic, type HttpResult, ok, SOURCE_BLOCKS, type TrafficPlan } from '../support/client-traffic.js';
import { DATAPATH_INVENTORY, DIRECTORS, REAL_SERVERS, useDatapathLab, verifyPasses } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const LVS01 = '198.18.0.10';
const LVS02 = '198.18.0.20';
const SOURCES = clientSources(SOURCE_BLOCKS.services);

const SORRY_VIP = '198.18.0.201';
const UDP_VIP = '198.18.0.202';
const MISC_VIP = '198.18.0.203';
const SSL_VIP = '198.18.0.204';
const DNS_VIP = '198.18.0.207';
const QUORUM_VIP = '198.18.0.208';
/** a fwmark service over UDP: both UDP servers' ports as one IPVS service */
const FWM_UDP_VIP = '198.18.0.211';
const FWM_UDP_MARK = 16;
const UDP_PORT = 5300;
const DNS_PORT = 5354;
const TLS_PORT = 443;

/** every check here: delay_loop 2, connect_timeout 2, retry 1, delay_before_retry 1 */
const TIMING = { connectTimeout: 2, retry: 1, delayBeforeRetry: 1 };
const DELAY_LOOP = 2;
/** delay_loop + retry x (connect_timeout + delay_before_retry) */
const CHECK_BUDGET_MS = (DELAY_LOOP + TIMING.retry * (TIMING.connectTimeout + TIMING.delayBeforeRetry)) * 1000;
/** after a change is seen on both directors: slack for the time it took to see it (ssh to each director) */
const SEEN_SLACK_MS = 3000;

// on the real servers
const UDP_UNIT = 'lvsp-test-udp-echo';
const DNS_UNIT = 'lvsp-test-dns';
/** while this file exists on a real server, its DNS server answers every query SERVFAIL (and echoes as before) */
const DNS_SERVFAIL = '/run/lvsp-test-dns-servfail';
const NGINX_TLS = '/etc/nginx/conf.d/lvs-play-services-test.conf';
const TLS_CERT = '/etc/nginx/lvs-play-services-test.crt';
const TLS_KEY = '/etc/nginx/lvs-play-services-test.key';
const TLS_PAGE = '/var/www/html/tls-check.html';
// on the directors
const MISC_SCRIPT = '/usr/local/sbin/lvsp-test-misc-check';
const MISC_FLAG = (host: string) => `/run/lvsp-test-misc-fail-${host}`;
/** misc_dynamic: exits 0 (up at the inventory's weight), or 3 (up at weight 1) while its flag exists */
const CAPACITY_SCRIPT = '/usr/local/sbin/lvsp-test-capacity';
const CAPACITY_FLAG = (host: string) => `/run/lvsp-test-capacity-1-${host}`;
/** quorum_up / quorum_down: appends its argument to QUORUM_LOG */
const QUORUM_HOOK = '/usr/local/sbin/lvsp-test-quorum-hook';
const QUORUM_LOG = '/run/lvsp-test-quorum.log';

/** A UDP server answering each datagram with the host's name, on the VIP (replies from the VIP, as DR needs) and on
 * the host's own address (where keepalived's UDP_CHECK and DNS_CHECK send theirs). With LVSP_DNS set it answers a
 * DNS query (12-byte header, QR 0, one question) as a DNS server would: the query's id and question, no answer,
 * RCODE 0, or 2 (SERVFAIL) while DNS_SERVFAIL exists; keepalived 2.2.7's DNS_CHECK passes on a response with the
 * query's id and RCODE 0 and fails on any other RCODE (check_dns.c, dns_recv_thread). */
const UDP_SERVER = String.raw`
import os, selectors, socket, struct, sys
name = socket.gethostname().encode()
dns = bool(os.environ.get('LVSP_DNS'))
def answer(data):
    if dns and len(data) >= 12:
        qid, flags, qd = struct.unpack('>HHH', data[:6])
        if not flags & 0x8000 and qd == 1:
            rcode = 2 if os.path.exists('${DNS_SERVFAIL}') else 0
            return struct.pack('>HHHHHH', qid, 0x8180 | rcode, 1, 0, 0, 0) + data[12:]
    return name
sel = selectors.DefaultSelector()
for a in sys.argv[2:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, 15, 1)  # IP_FREEBIND: the VIP is on lo only once lvs-play deployed it
    s.bind((a, int(sys.argv[1])))
    sel.register(s, selectors.EVENT_READ)
while True:
    for key, _ in sel.select():
        data, peer = key.fileobj.recvfrom(512)
        key.fileobj.sendto(answer(data), peer)
`;

const check = (h: Record<string, unknown>) => ({ ...h, ...TIMING });

/** The lab's cluster plus one VIP per feature (the last octet as VRID: 38, 48 and fwmark's 58 are taken). */
function servicesInventory(): Record<string, unknown> {
  const inv = JSON.parse(readFileSync(DATAPATH_INVENTORY, 'utf8')) as Record<string, unknown> & { vips: unknown[] };
  delete inv.$schema;
  const common = { scheduler: 'rr', forwarding: 'DR', delayLoop: DELAY_LOOP };
  inv.vips.push(
    {
      address: SORRY_VIP,
      instance: 'bl_sorry',
      routerId: 201,
      master: 'lvs-dr',
      services: [
        {
          port: 80,
          protocol: 'TCP',
          ...common,
          realServers: [{ host: 'lvs01' }],
          sorryServer: { host: 'lvs02' },
          healthCheck: check({ type: 'TCP_CHECK' }),
        },
      ],
    },
    {
      address: UDP_VIP,
      instance: 'bl_udp',
      routerId: 202,
      master: 'lvs-dr2',
      services: [{ port: UDP_PORT, protocol: 'UDP', ...common, healthCheck: check({ type: 'UDP_CHECK' }) }],
    },
    {
      address: MISC_VIP,
      instance: 'bl_misc',
      routerId: 203,
      master: 'lvs-dr',
      services: [{ port: 80, protocol: 'TCP', ...common, healthCheck: check({ type: 'MISC_CHECK', command: `${MISC_SCRIPT} %host` }) }],
    },
    {
      address: SSL_VIP,
      instance: 'bl_ssl',
      routerId: 204,
      master: 'lvs-dr2',
      services: [
        {
          port: TLS_PORT,
          protocol: 'TCP',
          ...common,
          healthCheck: check({ type: 'SSL_GET', path: '/tls-check.html', status: 200 }),
        },
      ],
    },
    {
      address: DNS_VIP,
      instance: 'bl_dns',
      routerId: 207,
      master: 'lvs-dr',
      services: [
        {
          port: DNS_PORT,
          protocol: 'UDP',
          ...common,
          healthCheck: check({ type: 'DNS_CHECK', query: { type: 'A', name: 'check.lvs-play.test' } }),
        },
      ],
    },
    {
      // lvs01 is worth 2; the service needs a live weight of 2, so lvs01 saying it can carry half (weight 1, by its
      // dynamic MISC_CHECK) loses the quorum: its traffic goes to the sorry server and quorum_down runs
      address: QUORUM_VIP,
      instance: 'bl_quorum',
      routerId: 208,
      master: 'lvs-dr2',
      services: [
        {
          port: 80,
          protocol: 'TCP',
          ...common,
          realServers: [{ host: 'lvs01', weight: 2 }],
          sorryServer: { host: 'lvs02' },
          quorum: { weight: 2, up: `${QUORUM_HOOK} up`, down: `${QUORUM_HOOK} down` },
          healthCheck: check({ type: 'MISC_CHECK', command: `${CAPACITY_SCRIPT} %host`, dynamic: true }),
        },
      ],
    },
    {
      address: FWM_UDP_VIP,
      instance: 'bl_fwm_udp',
      routerId: 211,
      master: 'lvs-dr2',
      services: [
        {
          fwmark: FWM_UDP_MARK,
          ports: [UDP_PORT, DNS_PORT],
          protocol: 'UDP',
          ...common,
          healthCheck: check({ type: 'UDP_CHECK', port: UDP_PORT }),
        },
      ],
    },
  );
  return inv;
}

const phase = (rs: HttpResult[], from: number, until: number) => rs.filter((r) => r.t * 1000 >= from && r.t * 1000 < until);

function figures(label: string, rs: HttpResult[]): string {
  const by: Record<string, number> = {};
  for (const r of rs.filter(ok)) by[r.body!] = (by[r.body!] ?? 0) + 1;
  const failed = rs.filter((r) => !ok(r)).length;
  return `${label}: ${rs.length} sent, ${rs.length - failed} answered, ${failed} failed, by ${JSON.stringify(by)}`;
}

const describeFailures = (rs: HttpResult[], t0: number) =>
  rs.filter((r) => !ok(r)).map((r) => `${r.vip} from ${r.src} at +${Math.round(r.t * 1000 - t0)} ms: ${r.error ?? r.status}`);

const log = (line: string) => process.stderr.write(`      [datapath] ${line}\n`);

describe('datapath: sorry server, UDP, MISC_CHECK, SSL_GET, DNS_CHECK and quorum under client traffic (issue 14)', function () {
  this.timeout(15 * 60_000);
  const lab = useDatapathLab();
  let dir = '';
  let inventory = '';

  const service = (table: IpvsVirtualService[], protocol: string, vip: string, port: number) =>
    table.find((s) => s.protocol === protocol && s.address === vip && s.port === port);

  /** the service's real servers on every director, as "address weight", sorted */
  async function rows(protocol: string, vip: string, port: number): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const d of DIRECTORS) {
      const s = service(await lab.ipvs(d), protocol, vip, port);
      out[d] = s ? s.realServers.map((r) => `${r.address} ${r.weight}`).sort() : ['(no service)'];
    }
    return out;
  }
  const rowsAre = (protocol: string, vip: string, port: number, want: string[]) => async () =>
    Object.values(await rows(protocol, vip, port)).every((r) => JSON.stringify(r) === JSON.stringify([...want].sort()));

  interface Run {
    results: HttpResult[];
    brokenAt: number;
    outAt: number;
    repairedAt: number;
    backAt: number;
  }

  /**
   * Client traffic to one VIP while lvs01 is broken and repaired: waits for `out` on both directors after break,
   * keeps traffic going 8 s with lvs01 out, repairs it, waits for `back`, and 4 s more.
   */
  async function underTraffic(
    name: string,
    plan: Omit<TrafficPlan, 'sources' | 'seconds' | 'stopFile' | 'intervalMs'>,
    steps: { break: () => Promise<unknown>; out: () => Promise<boolean>; repair: () => Promise<unknown>; back: () => Promise<boolean> },
  ): Promise<Run> {
    const stopFile = `/tmp/lvsp-services-stop-${name}`;
    await lab.run('client', `rm -f ${stopFile}`);
    const traffic = clientTraffic(lab.address('client'), { ...plan, sources: SOURCES, seconds: 240, stopFile, intervalMs: 20 });
    const at = { brokenAt: 0, outAt: 0, repairedAt: 0, backAt: 0 };
    try {
      await new Promise((r) => setTimeout(r, 3000));
      at.brokenAt = Date.now();
      await steps.break();
      // the waits start once a step is done (a step may read the hosts first): out and back count from then
      const broken = Date.now();
      const took = await waitFor(`${name}: lvs01 out on both directors`, steps.out, CHECK_BUDGET_MS + 20_000, 500);
      at.outAt = broken + took;
      log(`${name}: lvs01 out on both directors ${(took / 1000).toFixed(1)} s after it broke (check budget ${CHECK_BUDGET_MS / 1000} s)`);
      await new Promise((r) => setTimeout(r, 8000));
      at.repairedAt = Date.now();
      await steps.repair();
      const repaired = Date.now();
      const back = await waitFor(`${name}: lvs01 back on both directors`, steps.back, CHECK_BUDGET_MS + 20_000, 500);
      at.backAt = repaired + back;
      log(`${name}: lvs01 back on both directors ${(back / 1000).toFixed(1)} s after the repair`);
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      await lab.run('client', `touch ${stopFile}`);
    }
    const results = await traffic;
    await lab.run('client', `rm -f ${stopFile}`);
    return { results, ...at };
  }

  /** prints the phases' figures and asserts: all answered before the break and after the check acted */
  function judge(name: string, run: Run, survivor: string, serving: string[]): void {
    const rs = run.results;
    const before = phase(rs, 0, run.brokenAt);
    const budget = phase(rs, run.brokenAt, run.outAt + SEEN_SLACK_MS);
    const out = phase(rs, run.outAt + SEEN_SLACK_MS, run.repairedAt);
    const repair = phase(rs, run.repairedAt, run.backAt + SEEN_SLACK_MS);
    const back = phase(rs, run.backAt + SEEN_SLACK_MS, Infinity);
    log(figures(`${name} before the break`, before));
    log(figures(`${name} until the check acted (+${SEEN_SLACK_MS / 1000} s), not judged`, budget));
    log(figures(`${name} with lvs01 out`, out));
    log(figures(`${name} repaired, until back (+${SEEN_SLACK_MS / 1000} s), not judged`, repair));
    for (const f of describeFailures(budget, run.brokenAt).slice(0, 3)) log(`  after the break: ${f}`);
    for (const f of describeFailures(repair, run.repairedAt)) log(`  after the repair: ${f}`);
    log(figures(`${name} back`, back));
    assert.ok(before.length > 0 && out.length > 0 && back.length > 0, `${name}: traffic in every phase`);
    assert.deepEqual(describeFailures(before, run.brokenAt), [], `${name}: before the break`);
    assert.deepEqual(describeFailures(out, run.outAt), [], `${name}: after the check took lvs01 out`);
    assert.deepEqual(describeFailures(back, run.backAt), [], `${name}: after lvs01 was back`);
    assert.deepEqual([...new Set(out.map((r) => r.body))], [survivor], `${name}: with lvs01 out, ${survivor} answered everything`);
    assert.deepEqual([...new Set(before.map((r) => r.body))].sort(), serving, `${name}: before the break`);
    assert.deepEqual([...new Set(back.map((r) => r.body))].sort(), serving, `${name}: after lvs01 was back`);
  }

  before(async function () {
    this.timeout(10 * 60_000);
    dir = mkdtempSync(join(tmpdir(), 'lvs-play-services-'));
    // a self-signed certificate for the real servers' nginx (made here: the lab's containers have no openssl)
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=lvs-play-lab',
        '-keyout',
        join(dir, 'key'),
        '-out',
        join(dir, 'crt'),
      ],
      { stdio: 'ignore' },
    );
    const crt = readFileSync(join(dir, 'crt')).toString('base64');
    const key = readFileSync(join(dir, 'key')).toString('base64');
    const nginx = `server {\\n\\tlisten ${TLS_PORT} ssl;\\n\\tssl_certificate ${TLS_CERT};\\n\\tssl_certificate_key ${TLS_KEY};\\n\\troot /var/www/html;\\n}\\n`;
    const udpServer = Buffer.from(UDP_SERVER).toString('base64');
    for (const rs of REAL_SERVERS) {
      const own = lab.address(rs);
      await lab.run(
        rs,
        [
          `echo ${crt} | base64 -d > ${TLS_CERT}`,
          `(umask 077 && echo ${key} | base64 -d > ${TLS_KEY})`,
          `printf '${nginx}' > ${NGINX_TLS}`,
          `echo '${rs} (TLS check page)' > ${TLS_PAGE}`,
          'nginx -t -q',
          'systemctl reload nginx',
          `echo ${udpServer} | base64 -d > /run/${UDP_UNIT}.py`,
          `systemctl reset-failed ${UDP_UNIT} 2>/dev/null; true`,
          `systemd-run --unit=${UDP_UNIT} --quiet python3 /run/${UDP_UNIT}.py ${UDP_PORT} ${UDP_VIP} ${FWM_UDP_VIP} ${own}`,
          `rm -f ${DNS_SERVFAIL}`,
          `systemctl reset-failed ${DNS_UNIT} 2>/dev/null; true`,
          `systemd-run --unit=${DNS_UNIT} --quiet --setenv=LVSP_DNS=1 python3 /run/${UDP_UNIT}.py ${DNS_PORT} ${DNS_VIP} ${FWM_UDP_VIP} ${own}`,
        ].join(' && '),
      );
    }
    for (const d of DIRECTORS) {
      await lab.run(
        d,
        [
          `printf '#!/bin/sh\\n# lvs-play datapath test: down while /run/lvsp-test-misc-fail-HOST exists\\n[ ! -e /run/lvsp-test-misc-fail-"$1" ]\\n' > ${MISC_SCRIPT}`,
          `printf '#!/bin/sh\\n# lvs-play datapath test (misc_dynamic): weight 1 while /run/lvsp-test-capacity-1-HOST exists\\n[ -e /run/lvsp-test-capacity-1-"$1" ] && exit 3\\nexit 0\\n' > ${CAPACITY_SCRIPT}`,
          `printf '#!/bin/sh\\n# lvs-play datapath test: records each quorum change\\necho "$1" >> ${QUORUM_LOG}\\n' > ${QUORUM_HOOK}`,
          `chmod 0755 ${MISC_SCRIPT} ${CAPACITY_SCRIPT} ${QUORUM_HOOK}`,
          `rm -f ${MISC_FLAG('lvs01')} ${MISC_FLAG('lvs02')} ${CAPACITY_FLAG('lvs01')} ${QUORUM_LOG}`,
        ].join(' && '),
      );
    }
    inventory = join(dir, 'lab-services.json');
    writeFileSync(inventory, `${JSON.stringify(servicesInventory(), null, 2)}\n`);
    const t0 = Date.now();
    const d = await lvsPlay(['deploy', inventory]);
    assert.equal(d.code, 0, `deploy of the services cluster:\n${d.stdout}\n${d.stderr}`);
    log(`services cluster deployed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  after(async function () {
    this.timeout(10 * 60_000);
    // whatever the suite got to: lvs01 whole again, the test's servers and files gone, the lab's own cluster deployed
    const problems: string[] = [];
    const tryRun = async (host: string, command: string) => {
      const r = await lab.ssh(host, command);
      if (r.code !== 0) problems.push(`${host}: ${command}: ${r.stderr.trim()}`);
    };
    for (const rs of REAL_SERVERS) {
      await tryRun(
        rs,
        `systemctl stop ${UDP_UNIT} ${DNS_UNIT} 2>/dev/null; systemctl reset-failed ${UDP_UNIT} ${DNS_UNIT} 2>/dev/null; rm -f /run/${UDP_UNIT}.py ${DNS_SERVFAIL} ${NGINX_TLS} ${TLS_CERT} ${TLS_KEY} ${TLS_PAGE} ${TLS_PAGE}.off && systemctl start nginx && systemctl reload nginx`,
      );
    }
    for (const d of DIRECTORS)
      await tryRun(
        d,
        `rm -f ${MISC_SCRIPT} ${MISC_FLAG('lvs01')} ${MISC_FLAG('lvs02')} ${CAPACITY_SCRIPT} ${CAPACITY_FLAG('lvs01')} ${QUORUM_HOOK} ${QUORUM_LOG}`,
      );
    await tryRun('client', 'rm -f /tmp/lvsp-services-stop-*');
    const d = await lvsPlay(['deploy', DATAPATH_INVENTORY]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(problems, []);
    assert.equal(d.code, 0, `deploy of ${DATAPATH_INVENTORY} after the services suite:\n${d.stdout}\n${d.stderr}`);
    await verifyPasses(DATAPATH_INVENTORY);
  });

  it('verify passes with the seven services deployed; both IPVS tables hold the UDP service and the sorry-server service', async () => {
    const out = await verifyPasses(inventory);
    for (const d of DIRECTORS) {
      const table = await lab.ipvs(d);
      const udp = service(table, 'UDP', UDP_VIP, UDP_PORT);
      assert.deepEqual(
        udp?.realServers.map((r) => `${r.address}:${r.port} ${r.forwarding} ${r.weight}`).sort(),
        [`${LVS01}:${UDP_PORT} Route 1`, `${LVS02}:${UDP_PORT} Route 1`],
        `${d}: ${JSON.stringify(table)}`,
      );
      const sorry = service(table, 'TCP', SORRY_VIP, 80);
      assert.deepEqual(
        sorry?.realServers.map((r) => `${r.address}:${r.port} ${r.weight}`),
        [`${LVS01}:80 1`],
        `${d}: while lvs01 is up the sorry server is not in the table: ${JSON.stringify(table)}`,
      );
    }
    assert.match(out, new RegExp(`UDP ${UDP_VIP.replace(/\./g, '\\.')}:${UDP_PORT}`), `verify names the UDP service:\n${out}`);
    // the probe from the client: HTTP to the TCP services, HTTPS to the SSL_GET one, the UDP one not checkable
    const p = await lvsPlay(['verify', inventory, '--probe-from', 'client']);
    log(`verify --probe-from client: exit ${p.code}`);
    for (const line of p.stdout.split('\n').filter((l) => /\b198\.18\.0\.20[1-4]:\d+ from client\b/.test(l))) log(`  ${line.trim()}`);
    assert.equal(p.code, 0, p.stdout + p.stderr);
    assert.match(p.stdout, /HTTPS 200 for GET \/tls-check\.html, answered by lvs0[12]/, p.stdout);
    assert.match(p.stdout, new RegExp(`${UDP_VIP.replace(/\./g, '\\.')}:${UDP_PORT} from client.*not checkable: UDP`), p.stdout);
    const c = await lvsPlay(['check', inventory]);
    assert.equal(c.code, 0, `check right after deploy reports no drift:\n${c.stdout}\n${c.stderr}`);
  });

  it('sorry_server: lvs01 answers; nginx stopped on lvs01 -> the sorry server lvs02 takes every request; started -> lvs01 again', async () => {
    const run = await underTraffic(
      'sorry',
      { vips: [SORRY_VIP], port: 80, timeoutMs: 2000 },
      {
        break: () => lab.run('lvs01', 'systemctl stop nginx'),
        out: rowsAre('TCP', SORRY_VIP, 80, [`${LVS01} 0`, `${LVS02} 1`]),
        repair: async () => {
          log(`sorry: ${SORRY_VIP}:80 with lvs01 out: ${JSON.stringify(await rows('TCP', SORRY_VIP, 80))} (address weight)`);
          await lab.run('lvs01', 'systemctl start nginx');
        },
        back: rowsAre('TCP', SORRY_VIP, 80, [`${LVS01} 1`]),
      },
    );
    judge('sorry_server', run, 'lvs02', ['lvs01']);
  });

  it('UDP: answered through the VIP by both; the server stopped on lvs01 -> UDP_CHECK sets it to weight 0 on both directors, lvs02 answers; back when started', async () => {
    const run = await underTraffic(
      'udp',
      { vips: [UDP_VIP], port: UDP_PORT, protocol: 'udp', timeoutMs: 1000 },
      {
        break: () => lab.run('lvs01', `systemctl stop ${UDP_UNIT}`),
        out: rowsAre('UDP', UDP_VIP, UDP_PORT, [`${LVS01} 0`, `${LVS02} 1`]),
        repair: () =>
          lab.run(
            'lvs01',
            `systemctl reset-failed ${UDP_UNIT} 2>/dev/null; systemd-run --unit=${UDP_UNIT} --quiet python3 /run/${UDP_UNIT}.py ${UDP_PORT} ${UDP_VIP} ${FWM_UDP_VIP} ${LVS01}`,
          ),
        back: rowsAre('UDP', UDP_VIP, UDP_PORT, [`${LVS01} 1`, `${LVS02} 1`]),
      },
    );
    judge('UDP', run, 'lvs02', ['lvs01', 'lvs02']);
  });

  it('MISC_CHECK: the script failing for lvs01 (flag file on the directors) sets it to weight 0 on both; flag removed -> back', async () => {
    const flag = MISC_FLAG('lvs01');
    const run = await underTraffic(
      'misc',
      { vips: [MISC_VIP], port: 80, timeoutMs: 2000 },
      {
        break: () => Promise.all(DIRECTORS.map((d) => lab.run(d, `touch ${flag}`))),
        out: rowsAre('TCP', MISC_VIP, 80, [`${LVS01} 0`, `${LVS02} 1`]),
        repair: () => Promise.all(DIRECTORS.map((d) => lab.run(d, `rm -f ${flag}`))),
        back: rowsAre('TCP', MISC_VIP, 80, [`${LVS01} 1`, `${LVS02} 1`]),
      },
    );
    judge('MISC_CHECK', run, 'lvs02', ['lvs01', 'lvs02']);
  });

  it('SSL_GET: the TLS check page 404 on lvs01 sets it to weight 0 on both directors; HTTPS through the VIP answered by lvs02; restored -> back', async () => {
    const run = await underTraffic(
      'ssl',
      { vips: [SSL_VIP], port: TLS_PORT, protocol: 'https', timeoutMs: 2000 },
      {
        break: () => lab.run('lvs01', `mv ${TLS_PAGE} ${TLS_PAGE}.off`),
        out: rowsAre('TCP', SSL_VIP, TLS_PORT, [`${LVS01} 0`, `${LVS02} 1`]),
        repair: () => lab.run('lvs01', `mv ${TLS_PAGE}.off ${TLS_PAGE}`),
        back: rowsAre('TCP', SSL_VIP, TLS_PORT, [`${LVS01} 1`, `${LVS02} 1`]),
      },
    );
    judge('SSL_GET', run, 'lvs02', ['lvs01', 'lvs02']);
  });

  it('DNS_CHECK: lvs01 answering SERVFAIL (still reachable, still answering) sets it to weight 0 on both directors, lvs02 answers; NOERROR again -> back', async () => {
    const run = await underTraffic(
      'dns',
      { vips: [DNS_VIP], port: DNS_PORT, protocol: 'udp', timeoutMs: 1000 },
      {
        break: () => lab.run('lvs01', `touch ${DNS_SERVFAIL}`),
        out: rowsAre('UDP', DNS_VIP, DNS_PORT, [`${LVS01} 0`, `${LVS02} 1`]),
        repair: () => lab.run('lvs01', `rm -f ${DNS_SERVFAIL}`),
        back: rowsAre('UDP', DNS_VIP, DNS_PORT, [`${LVS01} 1`, `${LVS02} 1`]),
      },
    );
    judge('DNS_CHECK', run, 'lvs02', ['lvs01', 'lvs02']);
  });

  it('quorum: lvs01 (worth 2) saying it carries 1 loses the quorum of 2 -> the sorry server lvs02 takes every request, quorum_down runs on both directors; back to 2 -> lvs01 again, quorum_up', async () => {
    const flag = CAPACITY_FLAG('lvs01');
    const hookRuns = async () => {
      const out: Record<string, string[]> = {};
      for (const d of DIRECTORS) out[d] = (await lab.run(d, `cat ${QUORUM_LOG} 2>/dev/null; true`)).trim().split('\n').filter(Boolean);
      return out;
    };
    // the deploy has just added this VIP: wait until a director holds it and lvs01 answers on it
    await waitFor(
      `${QUORUM_VIP} answered`,
      async () =>
        (
          await lab.ssh(
            'client',
            `python3 -c "import urllib.request as u; print(u.urlopen('http://${QUORUM_VIP}/index.html', timeout=1).read().decode())"`,
          )
        ).stdout.includes('lvs01'),
      30_000,
      500,
    );
    // what the deploy's start or reload of keepalived ran is not this scenario's
    await Promise.all(DIRECTORS.map((d) => lab.run(d, `rm -f ${QUORUM_LOG}`)));
    let duringLoss: Record<string, string[]> = {};
    const run = await underTraffic(
      'quorum',
      { vips: [QUORUM_VIP], port: 80, timeoutMs: 2000 },
      {
        break: () => Promise.all(DIRECTORS.map((d) => lab.run(d, `touch ${flag}`))),
        out: rowsAre('TCP', QUORUM_VIP, 80, [`${LVS01} 0`, `${LVS02} 1`]),
        repair: async () => {
          log(`quorum: ${QUORUM_VIP}:80 below its quorum: ${JSON.stringify(await rows('TCP', QUORUM_VIP, 80))} (address weight)`);
          duringLoss = await hookRuns();
          await Promise.all(DIRECTORS.map((d) => lab.run(d, `rm -f ${flag}`)));
        },
        back: rowsAre('TCP', QUORUM_VIP, 80, [`${LVS01} 2`]),
      },
    );
    const after = await hookRuns();
    log(`quorum: hooks run while below the quorum ${JSON.stringify(duringLoss)}, after it was back ${JSON.stringify(after)}`);
    log(`quorum: ${QUORUM_VIP}:80 at the end: ${JSON.stringify(await rows('TCP', QUORUM_VIP, 80))} (address weight)`);
    const lastSorry = Math.max(...run.results.filter((r) => r.body === 'lvs02').map((r) => r.t * 1000));
    log(`quorum: the sorry server's last answer ${Math.round(lastSorry - run.backAt)} ms after lvs01 was seen back on both directors`);
    judge('quorum', run, 'lvs02', ['lvs01']);
    for (const d of DIRECTORS) {
      assert.deepEqual(duringLoss[d], ['down'], `${d}: quorum_down ran once when the quorum was lost`);
      assert.deepEqual(after[d], ['down', 'up'], `${d}: quorum_up ran once when it was back`);
    }
  });

  it('a fwmark service over UDP spanning two ports: datagrams to both answered by both real servers through one FWM service', async () => {
    const byPort: Record<number, HttpResult[]> = {};
    for (const port of [UDP_PORT, DNS_PORT]) {
      byPort[port] = await clientTraffic(lab.address('client'), {
        vips: [FWM_UDP_VIP],
        port,
        protocol: 'udp',
        sources: SOURCES,
        seconds: 0,
        intervalMs: 0,
        timeoutMs: 2000,
      });
      log(figures(`fwmark ${FWM_UDP_MARK} over UDP, port ${port}`, byPort[port]!));
    }
    const holder = 'lvs-dr2';
    const nft = await lab.run(holder, 'nft list table ip lvs_play_fwmark');
    assert.match(
      nft,
      new RegExp(
        `ip daddr ${FWM_UDP_VIP.replace(/\./g, '\\.')} udp dport \\{ ${UDP_PORT}, ${DNS_PORT} \\} meta mark set (0x0*10|${FWM_UDP_MARK})\\b`,
      ),
      nft,
    );
    const fwm = (await lab.ipvs(holder)).find((x) => x.protocol === 'FWM' && x.address === String(FWM_UDP_MARK));
    assert.deepEqual(fwm?.realServers.map((r) => `${r.address}:${r.port} ${r.weight}`).sort(), [`${LVS01}:0 1`, `${LVS02}:0 1`]);
    for (const port of [UDP_PORT, DNS_PORT]) {
      const rs = byPort[port]!;
      assert.deepEqual(
        rs.filter((r) => !ok(r)),
        [],
        `port ${port}`,
      );
      assert.deepEqual([...new Set(rs.map((r) => r.body))].sort(), ['lvs01', 'lvs02'], `port ${port}: rr over both`);
    }
  });

  it('rollout of lvs02 sends every kind of check itself before the undrain: SSL_GET, UDP_CHECK, MISC_CHECK and DNS_CHECK answered, weights back', async () => {
    // drift on lvs02 only: a comment added to its VIP file by hand, which the rollout repairs with lvs02 drained
    await lab.run('lvs02', 'echo "# edited by hand" >> /etc/lvs-play/dr-client.vips');
    const r = await lvsPlay(['rollout', inventory, '--limit', 'lvs02']);
    const answered = /answered from (lvs-dr2?): (.*)/.exec(r.stdout);
    log(`rollout of lvs02: exit ${r.code}; ${answered ? `answered from ${answered[1]}: ${answered[2]}` : 'no health check line'}`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(answered, r.stdout);
    for (const what of [
      `lvs02 SSL_GET ${LVS02}:${TLS_PORT}/tls-check.html`,
      `lvs02 UDP_CHECK ${LVS02}:${UDP_PORT}`,
      `lvs02 MISC_CHECK ${MISC_SCRIPT} lvs02`,
      `lvs02 DNS_CHECK ${LVS02}:${DNS_PORT}`,
      `lvs02 TCP_CHECK ${LVS02}:80`,
    ]) {
      assert.ok(answered[2]!.split('; ').includes(what), `"${what}" in: ${answered[2]}`);
    }
    for (const d of DIRECTORS) {
      const table = await lab.ipvs(d);
      for (const [protocol, vip, port] of [
        ['UDP', UDP_VIP, UDP_PORT],
        ['TCP', MISC_VIP, 80],
        ['TCP', SSL_VIP, TLS_PORT],
        ['UDP', DNS_VIP, DNS_PORT],
      ] as const) {
        const w = service(table, protocol, vip, port)?.realServers.find((x) => x.address === LVS02)?.weight;
        assert.equal(w, 1, `${d}: lvs02 back at weight 1 in ${protocol} ${vip}:${port}`);
      }
    }
    const c = await lvsPlay(['check', inventory, '--limit', 'lvs02']);
    assert.equal(c.code, 0, `lvs02 in sync after the rollout:\n${c.stdout}`);
  });
});
