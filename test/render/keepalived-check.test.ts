// Every keepalived.conf the render tests produce passes Debian 12's
// keepalived 2.2.7 checker with exit 0 and no output at all (no warning).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Cluster } from '../../lib/inventory/types.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { NOTIFY_SCRIPT_PATH } from '../../lib/render/notify.js';
import { clusterOf } from '../support/clusters.js';
import { KeepalivedChecker } from '../support/keepalived-check.js';
import { directorsOf, interfacesOf, loadCluster, loadLabCluster } from './clusters.js';
import { ahAuth, garp, noAuth, nopreempt, noSyncDaemon, passAuth, preemptDelay, syncMaxlen, unicast, vrrpOnly } from './variants.js';

const cases: Array<[string, () => Promise<Cluster>]> = [
  ['the example (seed)', () => loadCluster('example')],
  ['the NAT example: NAT VIP and gateway VIP in a sync group (issue 14)', () => loadCluster('nat')],
  ['the example in vrrp-only mode', async () => vrrpOnly(await loadCluster('example'))],
  ['the example without authentication', async () => noAuth(await loadCluster('example'))],
  ['the example without sync daemon', async () => noSyncDaemon(await loadCluster('example'))],
  ['the example with sync messages of 64 bytes (syncMaxlen)', async () => syncMaxlen(await loadCluster('example'), 64)],
  ['the example with AH authentication', async () => ahAuth(await loadCluster('example'))],
  ['3 directors, 5 VIPs, TCP_CHECK/HTTP_GET, UDP, NAT, TUN, two interfaces', () => loadCluster('threeDirectors')],
  ['IPv6 VIPs and real servers', () => loadCluster('ipv6')],
  [
    'inventory/cloud-unicast.json: unicast, preempt_delay, a track script, SSL_GET and DNS_CHECK (issue 13)',
    () => loadCluster('cloudUnicast'),
  ],
  ['inventory/three-directors.json: three directors, each MASTER of one VIP (issue 13)', () => loadCluster('trio')],
  ['the lab inventory (vrrp-only, password from a file)', async () => loadLabCluster()],
  ['IPv6 VIPs with a password the renderer must leave out', async () => passAuth(await loadCluster('ipv6'))],
  ['the example over unicast (issue 13)', async () => unicast(await loadCluster('example'))],
  ['3 directors over unicast: two peers each', async () => unicast(await loadCluster('threeDirectors'))],
  ['IPv6 VIPs over unicast (IPv6 directors)', async () => unicast(await loadCluster('ipv6'))],
  ['the example with nopreempt', async () => nopreempt(await loadCluster('example'))],
  ['the example with preempt_delay 30', async () => preemptDelay(await loadCluster('example'), 30)],
  ['the example with garp_master_delay/repeat/refresh', async () => garp(await loadCluster('example'))],
  [
    'a sorry_server (issue 14)',
    async () =>
      clusterOf('lab', (inv) => {
        inv.keepalived = { mode: 'full' };
        inv.vips[0]!.services[0]!.realServers = [{ host: 'lvs01' }];
        inv.vips[0]!.services[0]!.sorryServer = { host: 'lvs02' };
      }),
  ],
  [
    'sh with sh-port and sh-fallback, mh with mh-port (issue 14)',
    async () =>
      clusterOf('lab', (inv) => {
        inv.keepalived = { mode: 'full' };
        Object.assign(inv.vips[0]!.services[0]!, { scheduler: 'sh', schedulerFlags: ['sh-port', 'sh-fallback'] });
        Object.assign(inv.vips[1]!.services[0]!, { scheduler: 'mh', schedulerFlags: ['mh-port'] });
      }),
  ],
  [
    'track scripts, tracked interfaces and a sync group (issue 13)',
    async () =>
      clusterOf('lab', (inv) => {
        inv.vips[1]!.master = 'lvs-dr';
        inv.vrrp = {
          ...inv.vrrp,
          trackScripts: [
            { name: 'upstream', command: '/usr/bin/test -e /run/upstream-ok', interval: 2, weight: -40, fall: 2, rise: 2 },
            { name: 'local_web', command: '/bin/true' },
          ],
          trackInterfaces: [{ interface: 'uplink0' }, { interface: 'uplink1', weight: -20 }],
          syncGroups: [{ name: 'g_web', vips: [inv.vips[0]!.address, inv.vips[1]!.address] }],
        };
      }),
  ],
  [
    'SSL_GET, MISC_CHECK (misc_dynamic), DNS_CHECK and UDP_CHECK (issue 14)',
    async () =>
      clusterOf('lab', (inv) => {
        inv.keepalived = { mode: 'full' };
        inv.vips[0]!.services = [
          { port: 443, healthCheck: { type: 'SSL_GET', path: '/healthz', status: 204 } },
          {
            port: 8080,
            healthCheck: { type: 'MISC_CHECK', command: '/usr/bin/test -e /run/lvsp-web-ok', connectTimeout: 5, dynamic: true },
          },
        ];
        inv.vips[1]!.services = [
          { port: 53, protocol: 'UDP', healthCheck: { type: 'DNS_CHECK', query: { type: 'A', name: 'lab.example.' } } },
          { port: 514, protocol: 'UDP', healthCheck: { type: 'UDP_CHECK' } },
          { port: 123, protocol: 'UDP', healthCheck: { type: 'MISC_CHECK', command: '/bin/true' } },
        ];
      }),
  ],
  [
    'quorum with hysteresis, quorum_up/quorum_down hooks and a sorry server (issue 14)',
    async () =>
      clusterOf('lab', (inv) => {
        inv.keepalived = { mode: 'full' };
        inv.vips[0]!.services[0]!.realServers = [
          { host: 'lvs01', weight: 2 },
          { host: 'lvs02', weight: 2 },
        ];
        inv.vips[0]!.services[0]!.quorum = {
          weight: 3,
          hysteresis: 1,
          up: '/usr/bin/logger quorum-up',
          down: '/usr/bin/logger quorum-down',
        };
        inv.vips[1]!.services[0]!.quorum = { weight: 2 };
      }),
  ],
  ["unicast, nopreempt and garp together in vrrp-only mode (the lab's)", async () => garp(nopreempt(unicast(loadLabCluster())))],
];

describe('keepalived -t on rendered configs', function () {
  this.timeout(60_000);
  const checker = new KeepalivedChecker();
  before(() => checker.setup());
  after(() => checker.teardown());

  for (const [title, make] of cases) {
    it(`${title}: every director's config exits 0 with no output`, async () => {
      const cluster = await make();
      for (const director of directorsOf(cluster)) {
        const result = await checker.check(renderKeepalivedConf(cluster, director), interfacesOf(cluster));
        assert.deepEqual(result, { code: 0, output: '' }, `${director}`);
      }
    });
  }

  it('a notify script (issue 13): with the script in place, the config exits 0 with no output; without script_user/enable_script_security keepalived -t calls it a security violation', async () => {
    const cluster = clusterOf('lab', (inv) => {
      inv.vrrp = { ...inv.vrrp, notify: { script: '#!/bin/sh\necho "$@" >> /var/tmp/notify.log\n' } };
    });
    for (const director of directorsOf(cluster)) {
      const script = hostFiles(cluster, director).find((f) => f.path === NOTIFY_SCRIPT_PATH)!;
      assert.deepEqual(
        await checker.check(renderKeepalivedConf(cluster, director), interfacesOf(cluster), [script]),
        { code: 0, output: '' },
        director,
      );
    }
    // keepalived 2.2.7 -t checks a script only when it exists: the same config
    // without the two global_defs lines fails, so the script really was in place
    const script = hostFiles(cluster, 'lvs-dr').find((f) => f.path === NOTIFY_SCRIPT_PATH)!;
    const insecure = renderKeepalivedConf(cluster, 'lvs-dr').replace(/^ +(script_user root|enable_script_security)\n/gm, '');
    const r = await checker.check(insecure, interfacesOf(cluster), [script]);
    assert.notEqual(r.code, 0);
    assert.match(r.output, /SECURITY VIOLATION - scripts are being executed but script_security not enabled/);
  });

  it('tracking (issue 13): keepalived -t ignores a tracked VRRP interface, and weights in a sync group without sync_group_tracking_weight, so the rules refuse the one and the renderer writes the other', async () => {
    const cluster = clusterOf('lab', (inv) => {
      inv.vips[1]!.master = 'lvs-dr';
      inv.vrrp = {
        ...inv.vrrp,
        trackInterfaces: [{ interface: 'eth0', weight: -20 }],
        syncGroups: [{ name: 'g_web', vips: [inv.vips[0]!.address, inv.vips[1]!.address] }],
      };
    });
    const text = renderKeepalivedConf(cluster, 'lvs-dr');
    const r = await checker.check(text.replace(/^ +sync_group_tracking_weight\n/m, ''), interfacesOf(cluster));
    assert.match(r.output, /\(bl_one\) Ignoring track_interface eth0 since own interface/);
    assert.match(r.output, /ignoring weight from tracked file lvsp_handover due to SYNC group/);
    assert.doesNotMatch((await checker.check(text, interfacesOf(cluster))).output, /due to SYNC group/);
  });

  // The check must be able to fail, or the cases above prove nothing.
  it('rejects the seed as printed (1.x keywords), naming nb_get_retry', async () => {
    const seed = readFileSync(new URL('../fixtures/seed/hostA.conf', import.meta.url), 'utf8');
    const result = await checker.check(seed, ['eth0']);
    assert.equal(result.code, 5);
    assert.match(result.output, /Unknown keyword 'nb_get_retry'/);
    assert.match(result.output, /lvs_sync_daemon_interface/);
  });

  it('warns about an interface the namespace lacks, so interface names are really checked', async () => {
    const text = renderKeepalivedConf(await loadCluster('example'), 'lvs-dr').replace(/interface eth0/g, 'interface eth7');
    const result = await checker.check(text, []);
    assert.equal(result.code, 5);
    assert.match(result.output, /interface eth7 for vrrp_instance bl_one doesn't exist/);
  });
});
