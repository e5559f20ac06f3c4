// HTTP traffic from the lab's client, as a user's clients would send it:
// python3 on the client host (over SSH, the lab's key and known_hosts), one
// fresh TCP connection per request, each from a chosen source address, so
// IPVS persistence (which pins a client address to one real server) can be
// spread over several clients. Results come back as JSON lines.

import { tryRun } from '../../lib/lab/local-command.js';
import { assertLabRoute } from '../../lib/lab/route.js';
import { labSshArgs } from '../../lib/lab/ssh.js';
import { quote } from '../../lib/shell/quote.js';

/** count client addresses from 198.18.0.<first> (the lab's hosts and VIPs use .1-.50, .100, .110). */
export function clientSources(first: number, count = 10): string[] {
  return Array.from({ length: count }, (_, i) => `198.18.0.${first + i}`);
}

/**
 * One block of ten source addresses per suite: persistence keeps an address
 * on its real server for 50 s after its last request, so a suite that moved
 * its clients (health checks, drains) must not leave them pinned for the next.
 */
export const SOURCE_BLOCKS = {
  traffic: 60,
  checkStop: 70,
  checkHttp: 80,
  failover: 90,
  drain: 120,
  bench: 130,
  drainWait: 140,
  fwmark: 150,
  services: 160,
  nopreemptRollout: 170,
  nat: 180,
  tun: 190,
} as const;
export const ALL_SOURCES = Object.values(SOURCE_BLOCKS).flatMap((first) => clientSources(first));

export interface HttpResult {
  vip: string;
  src: string;
  t: number; // seconds since the epoch when the request started (the client's clock)
  ms: number;
  status?: number;
  body?: string; // the real server's name, from its /index.html
  error?: string;
}

export interface TrafficPlan {
  vips: string[];
  /** the VIPs' port, default 80 */
  port?: number;
  /** http (default); https (no certificate check: the lab's are self-signed); udp: one datagram per request from a
   * fresh socket whose source port no earlier request of the run used (IPVS keeps a UDP flow on its real server for
   * its UDP timeout, even at weight 0, so a reused port could reach a stopped server), the answer as the body */
  protocol?: 'http' | 'https' | 'udp';
  sources: string[];
  /** 0: one request per (vip, source); otherwise loop this long, round robin over the pairs */
  seconds: number;
  /** a file on the client whose appearance ends the loop early */
  stopFile?: string;
  intervalMs: number;
  timeoutMs: number;
}

const SCRIPT = String.raw`
import http.client, json, os, socket, ssl, sys, time
plan = json.loads(sys.argv[1])
pairs = [(v, s) for v in plan['vips'] for s in plan['sources']]
proto = plan.get('protocol', 'http')
sent = [0]
def udp(vip, src, out):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.settimeout(plan['timeoutMs'] / 1000.0)
        s.bind((src, 20000 + sent[0] % 40000))
        sent[0] += 1
        s.connect((vip, plan.get('port', 80)))
        s.send(b'lvs-play')
        out['body'] = s.recv(512).decode(errors='replace').strip()
    finally:
        s.close()
def get(vip, src):
    t0 = time.time()
    out = {'vip': vip, 'src': src, 't': t0}
    try:
        if proto == 'udp':
            udp(vip, src, out)
            raise StopIteration
        if proto == 'https':
            c = http.client.HTTPSConnection(vip, plan.get('port', 443), timeout=plan['timeoutMs'] / 1000.0, source_address=(src, 0), context=ssl._create_unverified_context())
        else:
            c = http.client.HTTPConnection(vip, plan.get('port', 80), timeout=plan['timeoutMs'] / 1000.0, source_address=(src, 0))
        c.request('GET', '/index.html', headers={'Connection': 'close'})
        r = c.getresponse()
        out['status'] = r.status
        out['body'] = r.read().decode(errors='replace').strip()
        c.close()
    except StopIteration:
        pass
    except Exception as e:
        out['error'] = type(e).__name__ + ': ' + str(e)
    out['ms'] = round((time.time() - t0) * 1000, 1)
    print(json.dumps(out), flush=True)
if plan['seconds'] == 0:
    for v, s in pairs: get(v, s)
else:
    end = time.time() + plan['seconds']
    i = 0
    while time.time() < end and not (plan.get('stopFile') and os.path.exists(plan['stopFile'])):
        v, s = pairs[i % len(pairs)]
        i += 1
        get(v, s)
        time.sleep(plan['intervalMs'] / 1000.0)
`;

/** Runs the plan on the client host and returns every request's result. */
export async function clientTraffic(clientAddress: string, plan: TrafficPlan): Promise<HttpResult[]> {
  await assertLabRoute(clientAddress);
  const r = await tryRun('ssh', [...labSshArgs(clientAddress), '--', `python3 - ${quote(JSON.stringify(plan))}`], {
    input: SCRIPT,
    timeoutMs: (plan.seconds + 120) * 1000,
  });
  if (r.code !== 0) throw new Error(`client traffic exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as HttpResult);
}

/** Adds the addresses to the client's eth0 (idempotent). */
export function addSourcesCommand(addresses: string[] = ALL_SOURCES, prefix = 24): string {
  return addresses.map((a) => `ip address replace ${a}/${prefix} dev eth0`).join(' && ');
}

/** HTTP(S): status 200; UDP (no status): an answer came */
export const ok = (r: HttpResult) => !r.error && (r.status === undefined ? r.body !== undefined : r.status === 200);

/** The real servers that answered, per VIP. */
export function answeredBy(results: HttpResult[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const r of results.filter(ok)) {
    out[r.vip] ??= new Set();
    out[r.vip].add(r.body!);
  }
  return Object.fromEntries(Object.entries(out).map(([v, s]) => [v, [...s].sort()]));
}

/**
 * The longest stretch with failed requests, per VIP: from the start of the
 * first failed request after a success to the start of the next success
 * (an upper bound of the outage as the client saw it), in ms.
 */
export function worstGapMs(results: HttpResult[], vip: string): { gapMs: number; failed: number } {
  const rs = results.filter((r) => r.vip === vip).sort((a, b) => a.t - b.t);
  let worst = 0;
  let since: number | null = null;
  let failed = 0;
  for (const r of rs) {
    if (!ok(r)) {
      failed++;
      since ??= r.t;
    } else if (since !== null) {
      worst = Math.max(worst, (r.t - since) * 1000);
      since = null;
    }
  }
  if (since !== null && rs.length) worst = Math.max(worst, (rs.at(-1)!.t - since) * 1000 + rs.at(-1)!.ms);
  return { gapMs: Math.round(worst), failed };
}
