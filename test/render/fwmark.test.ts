// Issue 14: fwmark services. One service over several ports of a VIP:
// resolved with port 0 (as IPVS shows it) and health checks on the first
// port; keepalived gets `virtual_server fwmark N` (keepalived -t silent),
// the directors an nftables ruleset and its unit, and only a cluster that
// has a fwmark service gets those files at all.

import { strict as assert } from 'node:assert';
import type { Cluster, Inventory } from '../../lib/inventory/types.js';
import { validateInventory } from '../../lib/inventory/validate.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { FWMARK_PATHS, renderFwmarkRuleset, renderFwmarkUnit } from '../../lib/render/nft-fwmark.js';
import { fwmarkTask } from '../../lib/tasks/fwmark.js';
import type { TaskContext } from '../../lib/tasks/task.js';
import { clusterOf, inventoryJson } from '../support/clusters.js';
import { KeepalivedChecker } from '../support/keepalived-check.js';
import { absentFile, fixtureFacts, missingService, presentFile, service } from '../support/task-facts.js';
import { directorsOf, interfacesOf } from './clusters.js';

/** The lab's cluster in full mode: VIP 0's service becomes fwmark 14 over TCP 80 and 8080; VIP 1 gets a UDP fwmark service too. */
const fwmarkEdit = (inv: Inventory) => {
  inv.keepalived = { mode: 'full' };
  const web = inv.vips[0]!.services[0]!;
  delete web.port;
  Object.assign(web, { fwmark: 14, ports: [80, 8080], persistence: 0 });
  web.realServers = [{ host: 'lvs01' }, { host: 'lvs02', weight: 2 }];
  inv.vips[1]!.services.push({ fwmark: 15, ports: [514], protocol: 'UDP', healthCheck: { type: 'UDP_CHECK', port: 514 } });
};
const fwmarkCluster = (): Cluster => clusterOf('lab', fwmarkEdit);

describe('fwmark services: inventory, render (issue 14)', function () {
  this.timeout(60_000);

  it('a valid fwmark inventory has no problem, and resolves to port 0 with its mark and ports; health checks on the first port', () => {
    const inv = inventoryJson('lab');
    fwmarkEdit(inv);
    assert.deepEqual(validateInventory(inv), []);
    const s = fwmarkCluster().vips[0]!.services[0]!;
    assert.equal(s.port, 0);
    assert.deepEqual(s.fwmark, { mark: 14, ports: [80, 8080] });
    assert.deepEqual(
      s.realServers.map((r) => [r.host, r.port, r.weight, r.healthCheck.port]),
      [
        ['lvs01', 0, 1, 80],
        ['lvs02', 0, 2, 80],
      ],
    );
  });

  it('a cluster without fwmark services has no fwmark file and no fwmark key: the seed renders as before', () => {
    for (const name of ['example', 'lab'] as const) {
      const cluster = clusterOf(name);
      for (const host of cluster.hosts) {
        const paths = hostFiles(cluster, host.name).map((f) => f.path);
        assert.ok(!paths.includes(FWMARK_PATHS.ruleset) && !paths.includes(FWMARK_PATHS.unit), `${name} ${host.name}`);
      }
      assert.ok(cluster.vips.every((v) => v.services.every((s) => !('fwmark' in s))));
    }
  });

  it('keepalived.conf: virtual_server fwmark N, no protocol line, real servers without a port, the check on the first port', () => {
    const text = renderKeepalivedConf(fwmarkCluster(), 'lvs-dr');
    const block = text.slice(text.indexOf('virtual_server fwmark 14 {'), text.indexOf('virtual_server 198.18.0.110 80 {'));
    assert.ok(block.length > 0, text);
    assert.doesNotMatch(block, /protocol/);
    assert.match(block, /^ {4}real_server 198\.18\.0\.10 \{$/m);
    assert.match(block, /^ {4}real_server 198\.18\.0\.20 \{$/m);
    assert.match(block, /connect_port 80$/m);
    assert.doesNotMatch(text, /virtual_server 198\.18\.0\.100 /);
    assert.match(text, /^virtual_server 198\.18\.0\.110 80 \{$/m);
  });

  it("the nft ruleset: lvs-play's own table replaced whole, one rule per fwmark service; only directors get it with its unit", () => {
    const cluster = fwmarkCluster();
    assert.equal(
      renderFwmarkRuleset(cluster, 'lvs-dr'),
      [
        '# firewall marks of the fwmark virtual services on lvs-dr, loaded by lvs-play-fwmark.service',
        '# Managed by lvs-play for cluster "lab": do not edit, changes are overwritten.',
        '',
        'table ip lvs_play_fwmark',
        'delete table ip lvs_play_fwmark',
        'table ip lvs_play_fwmark {',
        '\tchain prerouting {',
        '\t\ttype filter hook prerouting priority mangle; policy accept;',
        '\t\tip daddr 198.18.0.100 tcp dport { 80, 8080 } meta mark set 14',
        '\t\tip daddr 198.18.0.110 udp dport 514 meta mark set 15',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    const unit = renderFwmarkUnit(cluster, 'lvs-dr');
    assert.match(unit, /^ExecStart=\/usr\/sbin\/nft -f \/etc\/lvs-play\/fwmark\.nft$/m);
    assert.match(unit, /^ExecReload=\/usr\/sbin\/nft -f \/etc\/lvs-play\/fwmark\.nft$/m);
    assert.match(unit, /^ExecStop=-\/usr\/sbin\/nft delete table ip lvs_play_fwmark$/m);
    assert.match(unit, /^Before=network\.target keepalived\.service$/m);
    for (const host of cluster.hosts) {
      const files = hostFiles(cluster, host.name);
      const ruleset = files.find((f) => f.path === FWMARK_PATHS.ruleset);
      const director = host.groups.includes('directors');
      assert.equal(ruleset !== undefined, director, host.name);
      assert.equal(
        files.some((f) => f.path === FWMARK_PATHS.unit),
        director,
        host.name,
      );
      if (ruleset) assert.equal(ruleset.validate, 'nft');
    }
  });

  it('keepalived -t: every director of the fwmark cluster exits 0 with no output', async () => {
    const checker = new KeepalivedChecker();
    await checker.setup();
    try {
      const cluster = fwmarkCluster();
      for (const director of directorsOf(cluster)) {
        assert.deepEqual(
          await checker.check(renderKeepalivedConf(cluster, director), interfacesOf(cluster)),
          { code: 0, output: '' },
          director,
        );
      }
    } finally {
      await checker.teardown();
    }
  });
});

describe('fwmark task: pure diff (issue 14)', () => {
  const debian = { id: 'debian', idLike: [], versionId: '12', family: 'debian', packageManager: 'apt' };
  const unitName = 'lvs-play-fwmark.service';

  const noFwmark = () => {
    const cluster = clusterOf('lab');
    return { cluster, host: cluster.hosts.find((h) => h.name === 'lvs-dr')! } as TaskContext;
  };
  const leftovers = (ruleset: boolean, unit: boolean, state: 'missing' | 'stopped' | 'running') => ({
    [`file:${FWMARK_PATHS.ruleset}`]: ruleset
      ? presentFile(FWMARK_PATHS.ruleset, 'table ip lvs_play_fwmark {}\n')
      : absentFile(FWMARK_PATHS.ruleset),
    [`file:${FWMARK_PATHS.unit}`]: unit ? presentFile(FWMARK_PATHS.unit, '[Unit]\n') : absentFile(FWMARK_PATHS.unit),
    [`service:${unitName}`]:
      state === 'missing' ? missingService(unitName) : service(unitName, { enabled: state === 'running', active: state === 'running' }),
  });

  it('where the cluster has no fwmark service, reads only whether the unit and ruleset are left, and changes nothing on a host without them', () => {
    const ctx = noFwmark();
    assert.deepEqual(
      fwmarkTask.facts(ctx).map((f) => f.id),
      [`file:${FWMARK_PATHS.ruleset}`, `file:${FWMARK_PATHS.unit}`, `service:${unitName}`],
    );
    assert.deepEqual(fwmarkTask.diff(ctx, fixtureFacts(fwmarkTask, ctx, leftovers(false, false, 'missing'))), { changes: [], notes: [] });
  });

  it('the last fwmark service removed: stop (its ExecStop deletes the table), disable, remove the unit, daemon-reload, remove the ruleset', () => {
    const ctx = noFwmark();
    const d = fwmarkTask.diff(ctx, fixtureFacts(fwmarkTask, ctx, leftovers(true, true, 'running')));
    const steps = (Array.isArray(d) ? d : d.changes).flatMap((c) => c.steps);
    assert.deepEqual(steps, [
      { kind: 'service', unit: unitName, action: 'stop' },
      { kind: 'service', unit: unitName, action: 'disable' },
      { kind: 'remove', path: FWMARK_PATHS.unit },
      { kind: 'service', unit: unitName, action: 'daemon-reload' },
      { kind: 'remove', path: FWMARK_PATHS.ruleset },
    ]);
    assert.match((Array.isArray(d) ? d : d.changes)[0]!.summary, /no fwmark service in the inventory.*deletes table ip lvs_play_fwmark/);
  });

  it('a half-removed leftover (only the ruleset, the unit already gone) is finished: the ruleset removed', () => {
    const ctx = noFwmark();
    const d = fwmarkTask.diff(ctx, fixtureFacts(fwmarkTask, ctx, leftovers(true, false, 'missing')));
    assert.deepEqual(
      (Array.isArray(d) ? d : d.changes).flatMap((c) => c.steps),
      [{ kind: 'remove', path: FWMARK_PATHS.ruleset }],
    );
  });

  it('on a bare director: install nftables, write the ruleset (checked with nft -c) and the unit, daemon-reload, enable, start', () => {
    const cluster = fwmarkCluster();
    const ctx: TaskContext = { cluster, host: cluster.hosts.find((h) => h.name === 'lvs-dr')! };
    const d = fwmarkTask.diff(
      ctx,
      fixtureFacts(fwmarkTask, ctx, {
        'os-release': debian,
        'packages:nftables': { installed: { nftables: null }, aptListsPresent: true },
        [`file:${FWMARK_PATHS.ruleset}`]: absentFile(FWMARK_PATHS.ruleset),
        [`file:${FWMARK_PATHS.unit}`]: absentFile(FWMARK_PATHS.unit),
        [`service:${unitName}`]: missingService(unitName),
        'nft-table:ip:lvs_play_fwmark': 'no-nft',
      }),
    );
    assert.deepEqual(
      d.changes.map((c) => c.summary),
      [
        'not installed: nftables',
        `${FWMARK_PATHS.ruleset}: missing`,
        `${FWMARK_PATHS.unit}: missing`,
        'systemd must re-read the changed unit',
        `${unitName} not enabled`,
        `${unitName} not running`,
      ],
    );
    const write = d.changes[1]!.steps[0]!;
    assert.equal(write.kind === 'write' && write.validate, 'nft -c -f {file}');
  });

  it('in sync once everything is in place and the table loaded; a flushed table or a changed ruleset is reloaded', () => {
    const cluster = fwmarkCluster();
    const ctx: TaskContext = { cluster, host: cluster.hosts.find((h) => h.name === 'lvs-dr2')! };
    const files = hostFiles(cluster, 'lvs-dr2');
    const onHost = (path: string, content?: string) => presentFile(path, content ?? files.find((f) => f.path === path)!.content);
    const facts = (table: string, ruleset?: string) =>
      fixtureFacts(fwmarkTask, ctx, {
        'os-release': debian,
        'packages:nftables': { installed: { nftables: '1.0.6-2+deb12u2' }, aptListsPresent: true },
        [`file:${FWMARK_PATHS.ruleset}`]: onHost(FWMARK_PATHS.ruleset, ruleset),
        [`file:${FWMARK_PATHS.unit}`]: onHost(FWMARK_PATHS.unit),
        [`service:${unitName}`]: service(unitName),
        'nft-table:ip:lvs_play_fwmark': table,
      });
    assert.deepEqual(fwmarkTask.diff(ctx, facts('present')).changes, []);
    assert.deepEqual(
      fwmarkTask.diff(ctx, facts('absent')).changes.map((c) => c.summary),
      [`${unitName} must reload (table ip lvs_play_fwmark is not loaded)`],
    );
    assert.deepEqual(
      fwmarkTask.diff(ctx, facts('present', 'table ip lvs_play_fwmark {}\n')).changes.map((c) => c.summary),
      [`${FWMARK_PATHS.ruleset}: content differs`, `${unitName} must reload (its ruleset changed)`],
    );
  });
});
