// Every task's diff on hosts of the RHEL family (Rocky, Alma, CentOS Stream
// 8 and 9), from fact fixtures: their /etc/os-release as such hosts print it
// (test/fixtures/facts/os-release) and the package's own files as they ship.
// No RPM repository is reachable here, so this family is fixture-proven; the
// Debian family is lab-proven (the lab's containers and VMs are Debian 12).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { UserError } from '../../lib/errors.js';
import { FactValues } from '../../lib/facts/fact.js';
import { type OsRelease, parseOsRelease } from '../../lib/facts/os-release.js';
import type { Cluster } from '../../lib/inventory/types.js';
import { DR_CLIENT_PATHS } from '../../lib/render/dr-client.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { NOTIFY_SCRIPT_PATH } from '../../lib/render/notify.js';
import { DEBIAN_LAYOUT, hostLayout, RHEL_LAYOUT } from '../../lib/render/os-layout.js';
import { SWITCHES_README } from '../../lib/render/switches.js';
import { hostSysctls, SYSCTL_CONF_PATH } from '../../lib/render/sysctl.js';
import { gatherFacts } from '../../lib/run/gather.js';
import { drClientTask } from '../../lib/tasks/dr-client.js';
import { keepalivedTask } from '../../lib/tasks/keepalived.js';
import { packagesTask } from '../../lib/tasks/packages.js';
import type { Step } from '../../lib/tasks/step.js';
import { sysctlTask } from '../../lib/tasks/sysctl.js';
import type { Task, TaskContext, TaskDiff } from '../../lib/tasks/task.js';
import { timeSyncTask } from '../../lib/tasks/time-sync.js';
import { keepalivedFiles } from '../../lib/verify/facts.js';
import { checkKeepalived } from '../../lib/verify/keepalived.js';
import { clusterOf } from '../support/clusters.js';
import { FakeHost, fileOutput, osReleaseOutput, serviceOutput } from '../support/fake-host.js';
import { absentFile, missingService, presentFile, service } from '../support/task-facts.js';
import { healthy } from '../verify/observations.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/facts/os-release/${name}.txt`, import.meta.url), 'utf8');
const os = (name: string): OsRelease => parseOsRelease(fixture(name));

const RHEL_HOSTS = ['rocky-9.6', 'rocky-8.10', 'almalinux-9.6', 'almalinux-8.9', 'centos-stream-9', 'centos-stream-8'];

/** What keepalived's RPM ships in /etc/sysconfig/keepalived (keepalived.sysconfig in keepalived's source). */
const PACKAGE_SYSCONFIG = [
  "# Options for keepalived. See `keepalived --help' output and keepalived(8) and",
  '# keepalived.conf(5) man pages for a list of all options. Here are the most',
  '# common ones :',
  '#',
  '# --vrrp               -P    Only run with VRRP subsystem.',
  '# --check              -C    Only run with Health-checker subsystem.',
  '# --log-detail         -D    Detailed log messages.',
  '#',
  '',
  'KEEPALIVED_OPTIONS="-D"',
  '',
].join('\n');

/** The head of chrony's RPM /etc/chrony.conf on Rocky 9 (a pool, DHCP sources, its own drift file). */
const PACKAGE_CHRONY_CONF = [
  '# Use public servers from the pool.ntp.org project.',
  'pool 2.rocky.pool.ntp.org iburst',
  'sourcedir /run/chrony-dhcp',
  'driftfile /var/lib/chrony/drift',
  'makestep 1.0 3',
  'rtcsync',
  'keyfile /etc/chrony.keys',
  'ntsdumpdir /var/lib/chrony',
  'leapsectz right/UTC',
  'logdir /var/log/chrony',
  '',
].join('\n');

/** Fact values of one host: its os-release, every fact the task reads absent/missing, then `set` on top. */
function factsOf(task: Task, ctx: TaskContext, osName: string, set: Record<string, unknown>): FactValues {
  const values = new FactValues();
  for (const fact of task.facts(ctx)) {
    const [kind, rest] = [fact.id.split(':')[0], fact.id.slice(fact.id.indexOf(':') + 1)];
    if (fact.id in set) values.set(fact.id, set[fact.id]);
    else if (fact.id === 'os-release') values.set(fact.id, os(osName));
    else if (kind === 'file') values.set(fact.id, absentFile(rest));
    else if (kind === 'service') values.set(fact.id, missingService(rest));
    else if (fact.id === 'recorded-sysctls') values.set(fact.id, {});
    else throw new Error(`test gives no value for fact ${fact.id}`);
  }
  return values;
}

const ctxOf = (cluster: Cluster, name: string): TaskContext => ({ cluster, host: cluster.hosts.find((h) => h.name === name)! });
const summaries = (d: TaskDiff) => d.changes.map((c) => c.summary);
const steps = (d: TaskDiff): Step[] => d.changes.flatMap((c) => c.steps);
const writes = (d: TaskDiff) => steps(d).flatMap((s) => (s.kind === 'write' ? [s.path] : []));
const rhelFile = (cluster: Cluster, host: string, path: string) => hostFiles(cluster, host, RHEL_LAYOUT).find((f) => f.path === path)!;
const inSyncOnRhel = (cluster: Cluster, host: string, path: string) => {
  const f = rhelFile(cluster, host, path);
  return presentFile(path, f.content, f.mode);
};

describe('OS families: os-release as the hosts print it', () => {
  it('places every RHEL-family fixture in the RHEL family, with dnf', () => {
    for (const name of RHEL_HOSTS) {
      const o = os(name);
      assert.equal(o.family, 'rhel', name);
      assert.equal(o.packageManager, 'dnf', name);
      assert.equal(hostLayout(o, 'h'), RHEL_LAYOUT, name);
    }
  });

  it('places Debian 12 and Ubuntu 24.04 in the Debian family, with apt', () => {
    for (const name of ['debian-12', 'ubuntu-24.04']) {
      assert.equal(os(name).family, 'debian', name);
      assert.equal(os(name).packageManager, 'apt', name);
      assert.equal(hostLayout(os(name), 'h'), DEBIAN_LAYOUT, name);
    }
  });

  it('refuses a host of neither family, naming the host and its OS', () => {
    assert.throws(
      () => hostLayout(os('alpine-3.20'), 'lvs-dr'),
      (e: UserError) =>
        e instanceof UserError &&
        /^lvs-dr: its OS "alpine" is neither of the Debian family nor of the RHEL family/.test(e.message) &&
        /RHEL\/Rocky\/Alma/.test(e.hint ?? ''),
    );
  });
});

describe('OS families: every task on a RHEL-family host (fixture-proven)', () => {
  const seed = clusterOf('example'); // keepalived in full mode, the seed's cluster
  const lab = clusterOf('lab'); // vrrp-only: keepalived gets --vrrp
  const dr = ctxOf(seed, 'lvs-dr');
  const rs = ctxOf(seed, 'lvs01');

  for (const osName of RHEL_HOSTS) {
    it(`${osName}, a bare director: packages with dnf, chrony at /etc/chrony.conf run as chronyd, keepalived's options in /etc/sysconfig`, () => {
      const packages = packagesTask.diff(
        dr,
        factsOf(packagesTask, dr, osName, {
          'packages:ipvsadm,keepalived': { installed: { ipvsadm: null, keepalived: null }, aptListsPresent: false },
        }),
      );
      assert.deepEqual(steps(packages), [{ kind: 'install', packages: ['ipvsadm', 'keepalived'], manager: 'dnf', refresh: false }]);

      const time = timeSyncTask.diff(
        dr,
        factsOf(timeSyncTask, dr, osName, {
          'packages:chrony': { installed: { chrony: null }, aptListsPresent: false },
          capabilities: { canSetClock: true },
        }),
      );
      assert.deepEqual(summaries(time), [
        'not installed: chrony',
        '/etc/chrony.conf: missing',
        'chronyd.service not enabled',
        'chronyd.service not running',
        'wait until chrony reports the clock synchronised',
      ]);
      assert.ok(steps(time).every((s) => s.kind !== 'service' || s.unit === 'chronyd.service'));

      const keepalived = keepalivedTask.diff(dr, factsOf(keepalivedTask, dr, osName, {}));
      assert.deepEqual(writes(keepalived), [SWITCHES_README, KEEPALIVED_CONF_PATH, '/etc/sysconfig/keepalived']);
      assert.deepEqual(summaries(keepalived).slice(3), ['keepalived.service not enabled', 'keepalived.service not running']);
    });
  }

  it('chrony as the RPM ships it (enabled, running, its own pool): /etc/chrony.conf replaced, chronyd restarted, the Debian path never touched', () => {
    const d = timeSyncTask.diff(
      dr,
      factsOf(timeSyncTask, dr, 'rocky-9.6', {
        'packages:chrony': { installed: { chrony: '4.6.1-1.el9' }, aptListsPresent: false },
        'file:/etc/chrony.conf': presentFile('/etc/chrony.conf', PACKAGE_CHRONY_CONF),
        'service:chronyd.service': service('chronyd.service'),
        capabilities: { canSetClock: true },
      }),
    );
    assert.deepEqual(summaries(d), [
      '/etc/chrony.conf: content differs',
      'chronyd.service must restart (chrony.conf changed)',
      'wait until chrony reports the clock synchronised',
    ]);
    const conf = steps(d)[0];
    assert.ok(conf.kind === 'write');
    for (const server of seed.time.servers) assert.ok(conf.content.includes(`\nserver ${server} iburst\n`), server);
    assert.match(conf.content, /^keyfile \/etc\/chrony\.keys$/m);
    assert.match(conf.content, /^driftfile \/var\/lib\/chrony\/drift$/m);
    assert.doesNotMatch(conf.content, /^pool |sourcedir|\/etc\/chrony\/chrony/m);
  });

  it("keepalived's options as the RPM ships them (-D): rewritten keeping -D, which restarts keepalived", () => {
    const d = keepalivedTask.diff(
      dr,
      factsOf(keepalivedTask, dr, 'almalinux-9.6', {
        [`file:${SWITCHES_README}`]: inSyncOnRhel(seed, 'lvs-dr', SWITCHES_README),
        [`file:${KEEPALIVED_CONF_PATH}`]: inSyncOnRhel(seed, 'lvs-dr', KEEPALIVED_CONF_PATH),
        'file:/etc/sysconfig/keepalived': presentFile('/etc/sysconfig/keepalived', PACKAGE_SYSCONFIG),
        'service:keepalived.service': service('keepalived.service'),
      }),
    );
    assert.deepEqual(summaries(d), [
      '/etc/sysconfig/keepalived: content differs',
      'keepalived.service must restart (daemon options changed)',
    ]);
    assert.match(rhelFile(seed, 'lvs-dr', '/etc/sysconfig/keepalived').content, /^KEEPALIVED_OPTIONS="-D"$/m);
    assert.match(rhelFile(lab, 'lvs-dr', '/etc/sysconfig/keepalived').content, /^KEEPALIVED_OPTIONS="-D --vrrp"$/m);
  });

  it('a RHEL-family director and real server rendered and in place: every task in sync', () => {
    const inSync = (ctx: TaskContext, task: Task, extra: Record<string, unknown> = {}) => {
      const set: Record<string, unknown> = { ...extra };
      for (const f of hostFiles(ctx.cluster, ctx.host.name, RHEL_LAYOUT)) set[`file:${f.path}`] = presentFile(f.path, f.content, f.mode);
      return task.diff(ctx, factsOf(task, ctx, 'centos-stream-9', set));
    };
    // the running values are the wanted ones
    const sysctls = (ctx: TaskContext) =>
      Object.fromEntries(
        sysctlTask
          .facts(ctx)
          .filter((f) => f.id.startsWith('sysctl:'))
          .map((f) => [f.id, hostSysctls(ctx.cluster, ctx.host.name)]),
      );
    for (const ctx of [dr, rs]) {
      assert.deepEqual(
        inSync(ctx, packagesTask, {
          [packagesTask.facts(ctx)[1].id]: { installed: { ipvsadm: '1.31-6.el9', keepalived: '2.2.8-4.el9' }, aptListsPresent: false },
        }).changes,
        [],
        ctx.host.name,
      );
      assert.deepEqual(
        inSync(ctx, timeSyncTask, {
          'packages:chrony': { installed: { chrony: '4.6.1-1.el9' }, aptListsPresent: false },
          'service:chronyd.service': service('chronyd.service'),
          capabilities: { canSetClock: true },
        }).changes,
        [],
        ctx.host.name,
      );
      assert.deepEqual(inSync(ctx, sysctlTask, sysctls(ctx)).changes, [], ctx.host.name);
    }
    assert.deepEqual(inSync(dr, keepalivedTask, { 'service:keepalived.service': service('keepalived.service') }).changes, []);
    const lo = [{ address: '127.0.0.1', prefix: 8 }, ...['192.168.122.100', '192.168.122.110'].map((address) => ({ address, prefix: 32 }))];
    const arp = {
      'net.ipv4.conf.all.arp_announce': '2',
      'net.ipv4.conf.all.arp_ignore': '1',
      'net.ipv4.conf.lo.arp_announce': '2',
      'net.ipv4.conf.lo.arp_ignore': '1',
    };
    const arpId = drClientTask.facts(rs).find((f) => f.id.startsWith('sysctl:'))!.id;
    assert.deepEqual(
      inSync(rs, drClientTask, {
        'service:lvs-play-dr-client.service': service('lvs-play-dr-client.service'),
        'addresses:lo': lo,
        [arpId]: arp,
      }).changes,
      [],
    );
  });

  it("the real server's files are where they are on Debian: the dr_client unit, script and VIP list, and sysctl.d", () => {
    const d = drClientTask.diff(
      rs,
      factsOf(drClientTask, rs, 'rocky-9.6', {
        'addresses:lo': [{ address: '127.0.0.1', prefix: 8 }],
        [drClientTask.facts(rs).find((f) => f.id.startsWith('sysctl:'))!.id]: {},
      }),
    );
    assert.deepEqual(writes(d), [DR_CLIENT_PATHS.script, DR_CLIENT_PATHS.vips, DR_CLIENT_PATHS.unit]);
    assert.deepEqual(
      hostFiles(seed, 'lvs01', RHEL_LAYOUT).map((f) => f.path),
      [SYSCTL_CONF_PATH, '/etc/chrony.conf', ...writes(d)],
    );
  });

  it("one round trip reads both families' paths; a Rocky director is judged by /etc/sysconfig/keepalived, not by /etc/default/keepalived", async () => {
    const host = seed.hosts.find((h) => h.name === 'lvs-dr')!;
    const fake = new FakeHost(host, [
      osReleaseOutput('rocky-9.6'),
      fileOutput(inSyncOnRhel(seed, 'lvs-dr', SWITCHES_README)),
      fileOutput(absentFile(NOTIFY_SCRIPT_PATH)),
      fileOutput(inSyncOnRhel(seed, 'lvs-dr', KEEPALIVED_CONF_PATH)),
      fileOutput(inSyncOnRhel(seed, 'lvs-dr', '/etc/sysconfig/keepalived')),
      // a leftover Debian-style file means nothing on this host
      fileOutput(presentFile('/etc/default/keepalived', 'DAEMON_ARGS="--bogus"\n')),
      serviceOutput(service('keepalived.service')),
    ]);
    const facts = await gatherFacts(fake.transport, keepalivedTask.facts(dr));
    assert.deepEqual(keepalivedTask.diff(dr, facts).changes, []);
  });

  it("verify compares a RHEL-family director's /etc/sysconfig/keepalived, and names it when it differs", () => {
    const obs = healthy(seed);
    for (const h of obs.hosts) {
      if (!h.reachable || !h.director) continue;
      h.director.osFamily = 'rhel';
      h.director.osId = 'rocky';
      h.director.files = keepalivedFiles(RHEL_LAYOUT).map((path) => inSyncOnRhel(seed, h.host, path));
    }
    const rows = () => checkKeepalived(seed, obs).filter((r) => r.check === 'keepalived-config');
    assert.deepEqual(
      rows().map((r) => [r.status, r.detail]),
      ['lvs-dr', 'lvs-dr2'].map(() => ['pass', '/etc/keepalived/keepalived.conf and /etc/sysconfig/keepalived are the rendered ones']),
    );
    const dr2 = obs.hosts.find((h) => h.host === 'lvs-dr2')!;
    assert.ok(dr2.reachable && dr2.director);
    dr2.director.files[1] = presentFile('/etc/sysconfig/keepalived', PACKAGE_SYSCONFIG);
    const row = rows().find((r) => r.host === 'lvs-dr2')!;
    assert.equal(row.status, 'fail');
    assert.match(row.detail, /\/etc\/sysconfig\/keepalived differs from the rendered one at line 1/);
  });

  it('verify fails a director of neither family by its OS, instead of comparing files it cannot place', () => {
    const obs = healthy(seed);
    const dr1 = obs.hosts.find((h) => h.host === 'lvs-dr')!;
    assert.ok(dr1.reachable && dr1.director);
    dr1.director.osFamily = null;
    dr1.director.osId = 'alpine';
    const row = checkKeepalived(seed, obs).find((r) => r.check === 'keepalived-config' && r.host === 'lvs-dr')!;
    assert.equal(row.status, 'fail');
    assert.match(row.detail, /its OS "alpine" is neither of the Debian nor of the RHEL family/);
  });
});
