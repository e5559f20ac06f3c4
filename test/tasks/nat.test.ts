// LVS-NAT on the hosts (issue 14), from fixture facts: the directors forward
// (sysctl task), the real servers route the replies via the gateway VIP
// (nat-route task) and hold no VIP on lo for a NAT-only service.

import { strict as assert } from 'node:assert';
import { routesFact } from '../../lib/facts/routes.js';
import type { Cluster } from '../../lib/inventory/types.js';
import { drClientVips } from '../../lib/render/dr-client.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { NAT_ROUTE_UNIT_NAME, NAT_ROUTE_UNIT_PATH, natRoutes, renderNatRouteUnit } from '../../lib/render/nat-route.js';
import { hostSysctls } from '../../lib/render/sysctl.js';
import { natRouteTask } from '../../lib/tasks/nat-route.js';
import { sysctlTask } from '../../lib/tasks/sysctl.js';
import type { TaskContext } from '../../lib/tasks/task.js';
import { loadCluster } from '../render/clusters.js';
import { clusterOf } from '../support/clusters.js';
import { absentFile, fixtureFacts, missingService, presentFile, service } from '../support/task-facts.js';

const summaries = (d: { changes: { summary: string }[] }) => d.changes.map((c) => c.summary);
const ctxOf = (cluster: Cluster, name: string): TaskContext => ({ cluster, host: cluster.hosts.find((h) => h.name === name)! });

describe('NAT: rendering (issue 14)', () => {
  let nat: Cluster;
  before(async () => {
    nat = await loadCluster('nat');
  });

  it('directors forward, with IPv4 redirects off; real servers do not forward', () => {
    const dr = hostSysctls(nat, 'lvs-dr');
    assert.equal(dr['net.ipv4.ip_forward'], '1');
    assert.equal(dr['net.ipv4.conf.all.send_redirects'], '0');
    assert.equal(dr['net.ipv4.conf.eth0.send_redirects'], '0');
    assert.deepEqual(hostSysctls(nat, 'lvs-dr2'), dr);
    assert.equal(hostSysctls(nat, 'web1')['net.ipv4.ip_forward'], undefined);
  });

  it('NAT services without "nat": nothing prepared (today\'s rendering), and the director\'s sysctl check says so', () => {
    const bare = clusterOf('lab', (inv) => {
      inv.vips[0]!.services[0]!.forwarding = 'NAT';
    });
    assert.equal(hostSysctls(bare, 'lvs-dr')['net.ipv4.ip_forward'], undefined);
    assert.deepEqual(natRoutes(bare, 'lvs01'), []);
    const ctx = ctxOf(bare, 'lvs-dr');
    const keys = Object.keys(hostSysctls(bare, 'lvs-dr')).sort();
    const conf = hostFiles(bare, 'lvs-dr').find((f) => f.path === '/etc/sysctl.d/90-lvs-play.conf')!;
    const d = sysctlTask.diff(
      ctx,
      fixtureFacts(sysctlTask, ctx, {
        'file:/etc/sysctl.d/90-lvs-play.conf': presentFile(conf.path, conf.content),
        [`sysctl:${keys.join(',')}`]: Object.fromEntries(keys.map((k) => [k, hostSysctls(bare, 'lvs-dr')[k]])),
        'file:/var/lib/lvs-play/sysctl-originals.conf': absentFile('/var/lib/lvs-play/sysctl-originals.conf'),
        'recorded-sysctls': {},
      }),
    );
    assert.deepEqual(summaries(d), []);
    assert.match(d.notes.map((n) => n.message).join('\n'), /NAT services without "nat".*set nat\.gateway/);
  });

  it('the seed has no NAT: no forwarding, no nat-route unit anywhere', async () => {
    const seed = await loadCluster('example');
    for (const h of seed.hosts) {
      assert.equal(hostSysctls(seed, h.name)['net.ipv4.ip_forward'], undefined);
      assert.equal(
        hostFiles(seed, h.name).some((f) => f.path === NAT_ROUTE_UNIT_PATH),
        false,
      );
    }
  });

  it('an IPv6 NAT VIP: net.ipv6.conf.all.forwarding=1; the inventory may override a default', () => {
    const six = clusterOf('lab', (inv) => {
      inv.hosts = inv.hosts.map((h) => ({ ...h, ipv6: `fd00::${h.address.split('.')[3]}` }));
      inv.vips.push({ address: 'fd00::254', routerId: 99, master: 'lvs-dr', services: [{ port: 80, forwarding: 'NAT' }] });
      inv.nat = { gateway: 'fd00::254' };
      inv.sysctl = { directors: { 'net.ipv4.conf.all.send_redirects': 1 } };
    });
    const dr = hostSysctls(six, 'lvs-dr');
    assert.equal(dr['net.ipv6.conf.all.forwarding'], '1');
    assert.equal(dr['net.ipv4.ip_forward'], undefined);
    const four = clusterOf('lab', (inv) => {
      inv.vips[0]!.services[0]!.forwarding = 'NAT';
      inv.nat = { gateway: inv.vips[0]!.address };
      inv.sysctl = { directors: { 'net.ipv4.conf.all.send_redirects': 1 } };
    });
    assert.equal(hostSysctls(four, 'lvs-dr')['net.ipv4.conf.all.send_redirects'], '1');
  });

  it('a NAT real server: the route unit, with the same replace for start and reload; no VIP of the NAT service on lo', () => {
    assert.deepEqual(natRoutes(nat, 'web1'), [{ to: 'default', via: '192.168.122.254', family: 4 }]);
    assert.deepEqual(natRoutes(nat, 'lvs-dr'), []);
    const unit = renderNatRouteUnit(nat, 'web1');
    assert.match(unit, /^ExecStart=ip route replace default via 192\.168\.122\.254$/m);
    assert.match(unit, /^ExecReload=ip route replace default via 192\.168\.122\.254$/m);
    assert.match(unit, /^ExecStop=-ip route del default via 192\.168\.122\.254$/m);
    assert.match(unit, /^After=network-online\.target$/m);
    // the NAT VIP .100 is not on lo; the DR VIP .110 of the same host is
    assert.deepEqual(drClientVips(nat, 'web1'), ['192.168.122.110']);
    assert.ok(hostFiles(nat, 'web1').some((f) => f.path === NAT_ROUTE_UNIT_PATH));
  });

  it('listed client networks: one route each, IPv6 with ip -6', () => {
    const c: Cluster = { ...nat, nat: { gateway: '192.168.122.254', prefixLength: 24, routes: ['203.0.113.0/24', '198.51.100.0/24'] } };
    assert.deepEqual(
      renderNatRouteUnit(c, 'web2')
        .split('\n')
        .filter((l) => l.startsWith('ExecStart=')),
      ['ExecStart=ip route replace 203.0.113.0/24 via 192.168.122.254', 'ExecStart=ip route replace 198.51.100.0/24 via 192.168.122.254'],
    );
    const six: Cluster = { ...nat, nat: { gateway: 'fd00::254', prefixLength: 64, routes: ['default'] } };
    assert.match(renderNatRouteUnit(six, 'web2'), /^ExecStart=ip -6 route replace default via fd00::254$/m);
  });
});

describe('NAT: task diffs from fixture facts (issue 14)', () => {
  let nat: Cluster;
  let unitContent: string;
  before(async () => {
    nat = await loadCluster('nat');
    unitContent = hostFiles(nat, 'web1').find((f) => f.path === NAT_ROUTE_UNIT_PATH)!.content;
  });
  const routeFact = 'routes:4 default';
  const unitFact = `file:${NAT_ROUTE_UNIT_PATH}`;
  const serviceFactId = `service:${NAT_ROUTE_UNIT_NAME}`;

  it('a bare real server: the unit, daemon-reload, enable and start', () => {
    const ctx = ctxOf(nat, 'web1');
    const d = natRouteTask.diff(
      ctx,
      fixtureFacts(natRouteTask, ctx, {
        [unitFact]: absentFile(NAT_ROUTE_UNIT_PATH),
        [serviceFactId]: missingService(NAT_ROUTE_UNIT_NAME),
        [routeFact]: { default: '192.168.122.1' },
      }),
    );
    assert.deepEqual(summaries(d), [
      `${NAT_ROUTE_UNIT_PATH}: missing`,
      'systemd must re-read the changed unit',
      `${NAT_ROUTE_UNIT_NAME} not enabled`,
      `${NAT_ROUTE_UNIT_NAME} not running`,
    ]);
    assert.deepEqual(
      d.changes.flatMap((c) => c.steps.map((s) => s.kind + ('action' in s ? `:${s.action}` : ''))),
      ['write', 'service:daemon-reload', 'service:enable', 'service:start'],
    );
  });

  it('in sync: no change; the default route changed by hand is drift, repaired by a reload', () => {
    const ctx = ctxOf(nat, 'web1');
    const facts = (via: string | null) =>
      fixtureFacts(natRouteTask, ctx, {
        [unitFact]: presentFile(NAT_ROUTE_UNIT_PATH, unitContent),
        [serviceFactId]: service(NAT_ROUTE_UNIT_NAME),
        [routeFact]: { default: via },
      });
    assert.deepEqual(summaries(natRouteTask.diff(ctx, facts('192.168.122.254'))), []);
    assert.deepEqual(summaries(natRouteTask.diff(ctx, facts('192.168.122.1'))), [
      `${NAT_ROUTE_UNIT_NAME} must reload (route default via 192.168.122.1, want via 192.168.122.254)`,
    ]);
    assert.deepEqual(summaries(natRouteTask.diff(ctx, facts(null))), [
      `${NAT_ROUTE_UNIT_NAME} must reload (no route default via 192.168.122.254)`,
    ]);
  });

  it('a changed gateway: the unit rewritten and the service restarted', () => {
    const ctx = ctxOf(nat, 'web1');
    const d = natRouteTask.diff(
      ctx,
      fixtureFacts(natRouteTask, ctx, {
        [unitFact]: presentFile(NAT_ROUTE_UNIT_PATH, unitContent.replaceAll('192.168.122.254', '192.168.122.253')),
        [serviceFactId]: service(NAT_ROUTE_UNIT_NAME),
        [routeFact]: { default: '192.168.122.253' },
      }),
    );
    assert.deepEqual(summaries(d), [
      `${NAT_ROUTE_UNIT_PATH}: content differs`,
      'systemd must re-read the changed unit',
      `${NAT_ROUTE_UNIT_NAME} must restart (its routes changed; route default via 192.168.122.253, want via 192.168.122.254)`,
    ]);
  });

  it('a host that serves NAT no more: stopped, disabled, unit removed; a DR host without it: nothing', () => {
    const seed = clusterOf('lab');
    const ctx = ctxOf(seed, 'lvs01');
    assert.deepEqual(
      natRouteTask.facts(ctx).map((f) => f.id),
      [unitFact, serviceFactId],
    );
    const left = natRouteTask.diff(
      ctx,
      fixtureFacts(natRouteTask, ctx, {
        [unitFact]: presentFile(NAT_ROUTE_UNIT_PATH, unitContent),
        [serviceFactId]: service(NAT_ROUTE_UNIT_NAME),
      }),
    );
    assert.deepEqual(summaries(left), [
      `${NAT_ROUTE_UNIT_NAME} running while this host serves no NAT service (stopping it deletes its routes)`,
      `${NAT_ROUTE_UNIT_NAME} enabled while this host serves no NAT service`,
      `${NAT_ROUTE_UNIT_PATH}: left over, this host serves no NAT service`,
    ]);
    const none = natRouteTask.diff(
      ctx,
      fixtureFacts(natRouteTask, ctx, {
        [unitFact]: absentFile(NAT_ROUTE_UNIT_PATH),
        [serviceFactId]: missingService(NAT_ROUTE_UNIT_NAME),
      }),
    );
    assert.deepEqual(summaries(none), []);
  });

  it('sysctl on a director: ip_forward and send_redirects predicted, the old values recorded first', () => {
    const ctx = ctxOf(nat, 'lvs-dr');
    const keys = Object.keys(hostSysctls(nat, 'lvs-dr')).sort();
    const d = sysctlTask.diff(
      ctx,
      fixtureFacts(sysctlTask, ctx, {
        'file:/etc/sysctl.d/90-lvs-play.conf': absentFile('/etc/sysctl.d/90-lvs-play.conf'),
        [`sysctl:${keys.join(',')}`]: {
          'net.ipv4.conf.all.send_redirects': '1',
          'net.ipv4.conf.eth0.send_redirects': '1',
          'net.ipv4.ip_forward': '0',
          'net.ipv4.vs.expire_nodest_conn': '1',
          'net.ipv4.vs.expire_quiescent_template': '1',
        },
        'file:/var/lib/lvs-play/sysctl-originals.conf': absentFile('/var/lib/lvs-play/sysctl-originals.conf'),
        'recorded-sysctls': {},
      }),
    );
    const s = summaries(d);
    assert.match(
      s[0]!,
      /^record net\.ipv4\.conf\.all\.send_redirects=1, net\.ipv4\.conf\.eth0\.send_redirects=1, net\.ipv4\.ip_forward=0 /,
    );
    assert.deepEqual(s.slice(1), [
      '/etc/sysctl.d/90-lvs-play.conf: missing',
      'net.ipv4.conf.all.send_redirects is 1, want 0',
      'net.ipv4.conf.eth0.send_redirects is 1, want 0',
      'net.ipv4.ip_forward is 0, want 1',
    ]);
  });
});

describe('NAT: the routes fact (issue 14)', () => {
  it('reads `ip -o route show exact` per destination: the via address, or null without a route or gateway', () => {
    const fact = routesFact([
      { to: 'default', family: 4 },
      { to: '203.0.113.0/24', family: 4 },
      { to: '198.51.100.0/24', family: 4 },
    ]);
    assert.match(fact.command, /ip -4 -o route show exact '?0\.0\.0\.0\/0'?/);
    assert.deepEqual(
      fact.parse({
        stdout:
          'route 198.51.100.0/24 \nroute 203.0.113.0/24 203.0.113.0/24 dev eth0 proto kernel scope link\nroute default default via 192.168.122.254 dev eth0 \n',
        code: 0,
      }),
      { default: '192.168.122.254', '203.0.113.0/24': null, '198.51.100.0/24': null },
    );
  });
});
