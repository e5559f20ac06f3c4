// sorry_server (issue 14): where a service's traffic goes while every real
// server is down. The inventory rules, the rendered keyword (keepalived -t in
// test/render/keepalived-check.test.ts), the VIP on the sorry host's lo, and
// verify's reading of the IPVS table while keepalived has switched to it.

import { strict as assert } from 'node:assert';
import type { Inventory } from '../../lib/inventory/types.js';
import { validateInventory } from '../../lib/inventory/validate.js';
import { drClientVips } from '../../lib/render/dr-client.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { checkIpvsTables } from '../../lib/verify/ipvs-table.js';
import { clusterOf, inventoryJson } from '../support/clusters.js';
import { healthy, host } from './observations.js';

/** The lab in full mode, VIP 100's service served by lvs01 alone with lvs02 as its sorry server. */
const withSorry = (inv: Inventory) => {
  inv.keepalived = { mode: 'full' };
  inv.vips[0]!.services[0]!.realServers = [{ host: 'lvs01' }];
  inv.vips[0]!.services[0]!.sorryServer = { host: 'lvs02' };
};

describe('sorry_server', () => {
  it('is rendered in its virtual_server, after the protocol, and the sorry host carries the VIP on lo', () => {
    const cluster = clusterOf('lab', withSorry);
    const conf = renderKeepalivedConf(cluster, 'lvs-dr');
    assert.match(
      conf,
      /virtual_server 198\.18\.0\.100 80 \{\n(?: {4}.*\n)*? {4}protocol TCP\n {4}sorry_server 198\.18\.0\.20 80\n {4}real_server 198\.18\.0\.10 80/,
    );
    assert.equal((conf.match(/sorry_server/g) ?? []).length, 1);
    assert.ok(drClientVips(cluster, 'lvs02').includes('198.18.0.100'));
  });

  it("must be a realservers host other than the service's real servers, on the service's port under DR", () => {
    const problems = (edit: (inv: Inventory) => void) => {
      const inv = inventoryJson('lab');
      withSorry(inv);
      edit(inv);
      return validateInventory(inv).map((p) => `${p.path}: ${p.message}`);
    };
    assert.deepEqual(
      problems(() => {}),
      [],
    );
    assert.deepEqual(
      problems((inv) => {
        inv.vips[0]!.services[0]!.sorryServer = { host: 'lvs01' };
      }),
      [
        '/vips/0/services/0/sorryServer/host: "lvs01" is a real server of this service; a sorry server must be another host (it only takes traffic when every real server is down)',
      ],
    );
    assert.deepEqual(
      problems((inv) => {
        inv.vips[0]!.services[0]!.sorryServer = { host: 'client' };
      }),
      [
        '/vips/0/services/0/sorryServer/host: "client" is not in group "realservers", so it would not get the VIP on lo and would drop the traffic; add it to groups.realservers',
      ],
    );
    assert.deepEqual(
      problems((inv) => {
        inv.vips[0]!.services[0]!.sorryServer = { host: 'lvs02', port: 8080 };
      }),
      [
        '/vips/0/services/0/sorryServer/port: DR forwarding cannot change the port: the sorry server receives VIP:80, so its port must be 80',
      ],
    );
  });

  it("verify: the sorry server in a director's table, every real server at weight 0, is degraded and says so (not an unknown real server)", () => {
    const cluster = clusterOf('lab', withSorry);
    const obs = healthy(cluster);
    const svc = host(obs, 'lvs-dr').director!.ipvs.table!.find((s) => s.address === '198.18.0.100')!;
    for (const r of svc.realServers) r.weight = 0;
    svc.realServers.push({
      address: '198.18.0.20',
      port: 80,
      forwarding: 'Route',
      weight: 1,
      activeConnections: 0,
      inactiveConnections: 0,
    });
    const row = checkIpvsTables(cluster, obs).find((r) => r.target === 'lvs-dr TCP 198.18.0.100:80')!;
    assert.equal(row.status, 'degraded');
    assert.match(row.detail, /every real server is down: the sorry server lvs02 \(198\.18\.0\.20:80\) takes the traffic/);
    assert.doesNotMatch(row.detail, /not a real server of the inventory/);
  });
});
