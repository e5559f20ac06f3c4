// A check of the seed playbook connects to its first hosts before the
// playbook's tasks are loaded (lib/cli/run-command.ts): it must pick exactly
// the hosts the run's first workers will take, and never one the playbook has
// no task for (the lab's client), so nothing is contacted that the run would
// not have contacted.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { seedHostsFirst } from '../../lib/cli/run-command.js';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import { selectHosts } from '../../lib/inventory/select.js';
import { hostsOf } from '../../lib/playbook.js';
import { seedPlaybook } from '../../playbooks/seed.js';
import { SEED_GROUPS } from '../../playbooks/seed-groups.js';
import { repoRoot } from '../support/cli.js';

const lab = () =>
  resolveInventory(JSON.parse(readFileSync(`${repoRoot}/inventory/lab.json`, 'utf8')), { baseDir: repoRoot, env: { HOME: '/root' } });

describe('early connections of a check (seed playbook)', () => {
  it("the seed playbook's plays run on SEED_GROUPS and nothing else", () => {
    assert.deepEqual([...new Set(seedPlaybook.plays.map((p) => p.hosts))].sort(), [...SEED_GROUPS].sort());
  });

  it('picks the hosts the run queues first, in inventory order, and never the client', () => {
    const cluster = lab();
    const names = (hs: { name: string }[]) => hs.map((h) => h.name);
    const queued = hostsOf(seedPlaybook, cluster);
    assert.ok(
      cluster.hosts.some((h) => !queued.includes(h)),
      'the lab has a host the playbook has no task for',
    );
    assert.deepEqual(names(seedHostsFirst(cluster.hosts, 16)), names(queued));
    assert.deepEqual(names(seedHostsFirst(cluster.hosts, 2)), names(queued.slice(0, 2)));
    assert.deepEqual(names(seedHostsFirst(selectHosts(cluster, 'client'), 16)), []);
    assert.deepEqual(names(seedHostsFirst(selectHosts(cluster, 'realservers,client'), 16)), names(selectHosts(cluster, 'realservers')));
  });
});
