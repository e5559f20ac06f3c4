import { strict as assert } from 'node:assert';
import type { HttpProbeResult } from '../../lib/facts/http-probe.js';
import { answeringHost, checkProbe, probeTargets } from '../../lib/verify/probe.js';
import type { Observations } from '../../lib/verify/types.js';
import { loadCluster } from '../render/clusters.js';
import { clusterOf } from '../support/clusters.js';

const lab = clusterOf('lab');
const ok = (body: string, status = 200): HttpProbeResult => ({ tool: 'curl', status, body, error: null });
const probed = (results: (HttpProbeResult | null)[], cluster = lab): Observations => ({
  hosts: [],
  probe: { from: 'client', error: null, results: probeTargets(cluster).map((target, i) => ({ target, result: results[i] ?? null })) },
});

describe('verify/probe', () => {
  it("targets every VIP service, with the HTTP_GET check's path where there is one", () => {
    assert.deepEqual(probeTargets(lab), [
      { vip: '198.18.0.100', port: 80, protocol: 'TCP', path: '/', realServers: ['lvs01', 'lvs02'] },
      { vip: '198.18.0.110', port: 80, protocol: 'TCP', path: '/index.html', realServers: ['lvs01', 'lvs02'] },
    ]);
  });

  it('names the real server whose page answered', () => {
    const rows = checkProbe(lab, probed([ok('<h1>lvs02</h1>\n'), ok('lvs01\n')]));
    assert.deepEqual(
      rows.map((r) => [r.target, r.status, r.answeredBy]),
      [
        ['198.18.0.100:80 from client', 'pass', 'lvs02'],
        ['198.18.0.110:80 from client', 'pass', 'lvs01'],
      ],
    );
    assert.equal(rows[1]!.detail, 'HTTP 200 for GET /index.html, answered by lvs01 (curl)');
  });

  it('a page that names no real server still passes, quoting the page', () => {
    const [r] = checkProbe(lab, probed([ok('<html><title>Welcome to nginx!</title>\n')]));
    assert.equal(r!.status, 'pass');
    assert.equal(r!.answeredBy, undefined);
    assert.match(r!.detail, /answered, page names no real server \("<html><title>Welcome to nginx!<\/title>"\)/);
  });

  it('an error status is degraded; no answer is a fail; an unreachable probe host is a fail', () => {
    const rows = checkProbe(
      lab,
      probed([ok('lvs01 is overloaded', 503), { tool: 'bash', status: null, body: '', error: 'no answer within 5 s' }]),
    );
    assert.deepEqual(
      rows.map((r) => r.status),
      ['degraded', 'fail'],
    );
    assert.match(rows[0]!.detail, /HTTP 503 .* answered by lvs01/);
    assert.equal(
      rows[1]!.detail,
      'no answer to GET /index.html (bash): no answer within 5 s (keepalived.mode is "vrrp-only": no director forwards to the real servers)',
    );
    const full = clusterOf('lab', (inv) => {
      inv.keepalived = { mode: 'full' };
    });
    assert.equal(
      checkProbe(full, probed([null, { tool: 'curl', status: null, body: '', error: 'refused' }]))[1]!.detail,
      'no answer to GET /index.html (curl): refused',
    );
    const down = checkProbe(lab, { hosts: [], probe: { from: 'client', error: 'cannot connect: refused', results: [] } });
    assert.deepEqual(
      down.map((r) => [r.target, r.status, r.detail]),
      [['client', 'fail', 'cannot probe from client: cannot connect: refused']],
    );
  });

  it("probes a service checked with SSL_GET over HTTPS, on its check's path (issue 14)", () => {
    const ssl = clusterOf('lab', (inv) => {
      inv.vips[1]!.services = [{ port: 443, healthCheck: { type: 'SSL_GET', path: '/healthz' } }];
    });
    assert.deepEqual(probeTargets(ssl)[1], {
      vip: '198.18.0.110',
      port: 443,
      protocol: 'TCP',
      path: '/healthz',
      tls: true,
      realServers: ['lvs01', 'lvs02'],
    });
    assert.equal(probeTargets(ssl)[0]!.tls, undefined);
    const rows = checkProbe(ssl, probed([ok('lvs01'), ok('lvs02')], ssl));
    assert.equal(rows[1]!.detail, 'HTTPS 200 for GET /healthz, answered by lvs02 (curl)');
  });

  it('UDP services are not checkable by an HTTP probe', async () => {
    const wide = await loadCluster('threeDirectors');
    const rows = checkProbe(
      wide,
      probed(
        probeTargets(wide).map((t) => (t.protocol === 'TCP' ? ok('web1') : null)),
        wide,
      ),
    );
    const udp = rows.filter((r) => r.status === 'not-checkable');
    assert.ok(udp.length > 0);
    assert.ok(udp.every((r) => /not checkable: UDP/.test(r.detail)));
  });

  it('tells host names apart by whole words, longest first', () => {
    assert.equal(answeringHost('served by web10', ['web1', 'web10']), 'web10');
    assert.equal(answeringHost('web1', ['web1', 'web10']), 'web1');
    assert.equal(answeringHost('<b>lvs01</b>', ['lvs0', 'lvs01']), 'lvs01');
    assert.equal(answeringHost('lvs011', ['lvs01']), null);
    assert.equal(answeringHost('nothing here', ['lvs01']), null);
  });

  it('says nothing without --probe-from', () => {
    assert.deepEqual(checkProbe(lab, { hosts: [] }), []);
  });
});
