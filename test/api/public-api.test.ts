// The public API (issue 10, item 1), through the package's own name as a
// playbook imports it ('lvs-play' resolves to this package's built dist/):
// define* check what they are given, the seed playbook is made of the API's
// tasks, a custom task's diff is tested with fixture facts and no host, and
// --playbook loads a TypeScript file.

import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import {
  type Cluster,
  changes,
  defineFact,
  definePlaybook,
  defineTask,
  type Fact,
  type FileState,
  facts,
  fixtureFacts,
  type Host,
  seedPlaybook,
  type Task,
  tasks,
} from 'lvs-play';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import { loadPlaybook } from '../../lib/playbook-file.js';
import { example } from '../inventory/fixtures.js';

const OUTSIDE_PLAYBOOK = fileURLToPath(new URL('../fixtures/outside-project/playbook.ts', import.meta.url));

const absent = (path: string): FileState => ({ path, exists: false, content: '', mode: 0, owner: '', group: '' });
const present = (path: string, content: string): FileState => ({ path, exists: true, content, mode: 0o644, owner: 'root', group: 'root' });

describe("public API (import from 'lvs-play')", () => {
  const cluster: Cluster = resolveInventory(example(), { baseDir: '/srv', env: { HOME: '/root' } });
  const director: Host = cluster.hosts.find((h) => h.name === 'lvs-dr')!;
  const ctx = { cluster, host: director };

  it("builds the seed playbook from the API's own tasks (no private back door)", () => {
    assert.equal(seedPlaybook.name, 'seed');
    assert.deepEqual(
      seedPlaybook.plays.map((p) => [p.hosts, p.tasks.map((t) => t.name)]),
      [
        ['directors', ['time-sync', 'packages', 'kernel-modules', 'sysctl', 'fwmark', 'keepalived']],
        ['realservers', ['time-sync', 'packages', 'sysctl', 'dr-client', 'nat-route']],
      ],
    );
    assert.equal(seedPlaybook.plays[0]!.tasks[4], tasks.fwmark);
    assert.equal(seedPlaybook.plays[0]!.tasks[5], tasks.keepalived);
    assert.equal(seedPlaybook.plays[1]!.tasks[3], tasks.drClient);
  });

  it('defineTask names the task and the field; checks what diff() returns on each host', () => {
    assert.throws(() => defineTask({ name: 'Bad Name', facts: () => [], diff: () => [] }), /defineTask: name must be lowercase/);
    assert.throws(() => defineTask({ name: 'x', facts: [] as never, diff: () => [] }), /task x: facts must be a function/);
    const returnsNothing = defineTask({ name: 'nothing', facts: () => [], diff: () => undefined as never });
    assert.throws(
      () => returnsNothing.diff(ctx, fixtureFacts([])),
      (e: Error & { hint?: string }) =>
        /task nothing on lvs-dr: diff\(\) returned undefined/.test(e.message) && /\[\] when in sync/.test(e.hint ?? ''),
    );
    const misspelt = defineTask({ name: 'typo', facts: () => [], diff: () => [{ summary: 'x', steps: [{ kind: 'wirte' } as never] }] });
    assert.throws(() => misspelt.diff(ctx, fixtureFacts([])), /task typo on lvs-dr: change "x", step 1 has unknown kind "wirte"/);
    const bare = defineTask({ name: 'bare', facts: () => [], diff: () => [] });
    assert.deepEqual(bare.diff(ctx, fixtureFacts([])), { changes: [], notes: [] }, 'an array of changes is the changes');
  });

  it('defineFact and definePlaybook refuse what a run could not use', () => {
    assert.throws(
      () => defineFact({ id: 'two\nlines', command: 'true', parse: () => 1 }),
      /defineFact: id must be a printable one-line string/,
    );
    assert.throws(() => defineFact({ id: 'x', command: ' ', parse: () => 1 }), /defineFact x: command must be a non-empty shell command/);
    const a: Task = defineTask({ name: 'same', facts: () => [], diff: () => [] });
    const b: Task = defineTask({ name: 'same', facts: () => [], diff: () => [] });
    assert.throws(
      () =>
        definePlaybook({
          name: 'pb',
          description: '',
          plays: [
            { hosts: 'directors', tasks: [a] },
            { hosts: 'realservers', tasks: [b] },
          ],
        }),
      /playbook pb: two different tasks are called same/,
    );
    assert.throws(
      () => definePlaybook({ name: 'pb', description: '', plays: [{ hosts: 'directors', tasks: [{}] as never }] }),
      /playbook pb, play 1 \(directors\): tasks must be an array of tasks made with defineTask/,
    );
  });

  describe("a custom task, tested with fixture facts (the outside project's vrrp-firewall)", () => {
    let vrrpFirewall: Task;
    before(async () => {
      ({ vrrpFirewall } = (await import(OUTSIDE_PLAYBOOK)) as { vrrpFirewall: Task });
    });
    const paths = ['/etc/lvs-play-vrrp/peers', '/etc/lvs-play-vrrp/vrrp.nft', '/etc/systemd/system/lvs-play-vrrp.service'];
    const bare = (): [Fact<unknown>, unknown][] => [
      [facts.osRelease, { id: 'debian', idLike: [], versionId: '12', family: 'debian', packageManager: 'apt' }],
      [facts.packages(['nftables']), { installed: { nftables: null }, aptListsPresent: true }],
      ...paths.map((p): [Fact<unknown>, unknown] => [facts.file(p), absent(p)]),
      [
        facts.service('lvs-play-vrrp.service'),
        { unit: 'lvs-play-vrrp.service', exists: false, enabled: false, active: false, conditionFailed: false },
      ],
      [vrrpFirewall.facts(ctx).at(-1)!, false],
    ];

    it('on a bare director predicts the whole chain: the package, its files, the unit, then the service', () => {
      const diff = vrrpFirewall.diff(ctx, fixtureFacts(bare()));
      assert.deepEqual(
        diff.changes.map((c) => c.summary),
        [
          'not installed: nftables',
          '/etc/lvs-play-vrrp/peers: missing',
          '/etc/lvs-play-vrrp/vrrp.nft: missing',
          '/etc/systemd/system/lvs-play-vrrp.service: missing',
          'systemd must re-read the changed unit',
          'lvs-play-vrrp.service not enabled',
          'lvs-play-vrrp.service not running',
        ],
      );
      const rules = diff.changes[2]!.steps[0]!;
      assert.ok(rules.kind === 'write' && rules.validate === 'nft -c -f {file}');
      assert.match(
        rules.kind === 'write' ? rules.content : '',
        /ip protocol 112 ip saddr \{ 192\.168\.122\.40 \} accept\n {4}meta l4proto 112 counter drop/,
      );
    });

    it('is in sync once everything is there and the table is loaded; a flushed table is reloaded', () => {
      const rendered = vrrpFirewall
        .diff(ctx, fixtureFacts(bare()))
        .changes.flatMap((c) => c.steps)
        .filter((s) => s.kind === 'write');
      const synced: [Fact<unknown>, unknown][] = [
        [facts.osRelease, { id: 'debian', idLike: [], versionId: '12', family: 'debian', packageManager: 'apt' }],
        [facts.packages(['nftables']), { installed: { nftables: '1.0.6-2' }, aptListsPresent: true }],
        ...rendered.map((s): [Fact<unknown>, unknown] => [facts.file(s.path), present(s.path, s.content)]),
        [
          facts.service('lvs-play-vrrp.service'),
          { unit: 'lvs-play-vrrp.service', exists: true, enabled: true, active: true, conditionFailed: false },
        ],
        [vrrpFirewall.facts(ctx).at(-1)!, true],
      ];
      assert.deepEqual(vrrpFirewall.diff(ctx, fixtureFacts(synced)).changes, []);
      synced[synced.length - 1] = [vrrpFirewall.facts(ctx).at(-1)!, false];
      assert.deepEqual(
        vrrpFirewall.diff(ctx, fixtureFacts(synced)).changes.map((c) => c.summary),
        ['lvs-play-vrrp.service must reload (table inet lvs_play_vrrp is not loaded)'],
      );
    });
  });

  it('changes.absent: a removal backed up in the journal while the file is there, nothing once it is gone; a relative path is refused', () => {
    const old = '/etc/nftables.d/old-vrrp.nft';
    assert.deepEqual(changes.absent(old, present(old, 'table inet x {}\n'), 'the firewall task was dropped'), {
      summary: `${old}: left over, the firewall task was dropped`,
      steps: [{ kind: 'remove', path: old }],
    });
    assert.equal(changes.absent(old, absent(old)), null);
    assert.throws(() => changes.absent('etc/x', absent('etc/x')), /changes\.absent: path must be absolute, got "etc\/x"/);
  });

  it('--playbook loads a TypeScript playbook', async () => {
    const pb = await loadPlaybook(OUTSIDE_PLAYBOOK);
    assert.equal(pb.name, 'site');
    assert.deepEqual(pb.plays.map((p) => [p.hosts, p.tasks.map((t) => t.name).join(',')]).slice(2), [
      ['directors', 'vrrp-firewall,node-exporter'],
      ['realservers', 'node-exporter'],
    ]);
  });
});
