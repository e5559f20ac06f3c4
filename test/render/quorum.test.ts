// keepalived's quorum (issue 14): a virtual service that counts as up only
// while its live real servers weigh enough, with the operator's hooks run on
// the director when it goes down and up. (keepalived -t on it: keepalived-check.test.ts.)

import { strict as assert } from 'node:assert';
import { validateInventory } from '../../lib/inventory/validate.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { operatorCommands } from '../../lib/render/operator-commands.js';
import { clusterOf, inventoryJson } from '../support/clusters.js';

describe('quorum (keepalived virtual_server quorum, hysteresis, quorum_up, quorum_down)', () => {
  const withQuorum = () =>
    clusterOf('lab', (inv) => {
      inv.vips[0]!.services[0]!.quorum = {
        weight: 2,
        hysteresis: 1,
        up: '/usr/local/bin/page quorum-up',
        down: '/usr/local/bin/page quorum-down',
      };
    });

  it('renders the quorum lines in the virtual_server, script security on, and the hooks among the commands the directors must have', () => {
    const cluster = withQuorum();
    const conf = renderKeepalivedConf(cluster, 'lvs-dr');
    const vs = conf.slice(conf.indexOf(`virtual_server ${cluster.vips[0]!.address}`));
    assert.match(
      vs,
      /persistence_timeout 50\n\s+protocol TCP\n\s+quorum 2\n\s+hysteresis 1\n\s+quorum_up "\/usr\/local\/bin\/page quorum-up"\n\s+quorum_down "\/usr\/local\/bin\/page quorum-down"\n\s+real_server/,
    );
    assert.match(conf, /script_user root\n\s+enable_script_security/);
    assert.deepEqual(
      operatorCommands(cluster).map((c) => [c.executable, c.purpose]),
      [
        ['/usr/local/bin/page', `the quorum_up of TCP ${cluster.vips[0]!.address}:80`],
        ['/usr/local/bin/page', `the quorum_down of TCP ${cluster.vips[0]!.address}:80`],
      ],
    );
  });

  it('without quorum the config has none of it (the seed renders as before)', () => {
    const conf = renderKeepalivedConf(clusterOf('lab'), 'lvs-dr');
    assert.doesNotMatch(conf, /quorum|hysteresis/);
  });

  it('refuses a quorum the real servers cannot reach and a hysteresis not below it, naming the field and the limit', () => {
    const inv = inventoryJson('lab');
    inv.vips[0]!.services[0]!.quorum = { weight: 3, hysteresis: 3 };
    assert.deepEqual(
      validateInventory(inv).map((p) => `${p.path}: ${p.message}`),
      [
        '/vips/0/services/0/quorum/hysteresis: 3 is not below the quorum weight 3, so the service would never count as down; use at most 2',
        "/vips/0/services/0/quorum/weight: 3 is more than the 2 all of this service's real servers weigh together, so it would never be up; use at most 2",
      ],
    );
    inv.vips[0]!.services[0]!.quorum = { weight: 2, up: 'page me' };
    assert.ok(
      validateInventory(inv).some((p) => p.path === '/vips/0/services/0/quorum/up'),
      'a relative command is refused by the schema',
    );
  });
});
