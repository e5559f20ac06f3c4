// The real-server side of LVS-NAT: lvs-play-nat-route.service installed,
// enabled and running, and its routes checked too: a route changed by hand
// (another gateway, or gone) is drift, repaired by a reload (`ip route
// replace`, no gap). A host that serves no NAT service any more loses the
// unit: stopped (which deletes its routes), disabled, removed.

import { fileFact } from '../facts/file.js';
import { routesFact } from '../facts/routes.js';
import { serviceFact } from '../facts/service.js';
import { sameIp } from '../inventory/address.js';
import { hostFiles } from '../render/host-files.js';
import { NAT_ROUTE_UNIT_NAME, NAT_ROUTE_UNIT_PATH, natRoutes } from '../render/nat-route.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import { serviceChanges } from './service-change.js';
import type { Change, Task } from './task.js';

export const natRouteTask: Task = defineTask({
  name: 'nat-route',
  facts: ({ cluster, host }) => {
    const routes = natRoutes(cluster, host.name);
    return [fileFact(NAT_ROUTE_UNIT_PATH), serviceFact(NAT_ROUTE_UNIT_NAME), ...(routes.length ? [routesFact(routes)] : [])];
  },
  diff({ cluster, host }, facts) {
    const routes = natRoutes(cluster, host.name);
    const unitFile = facts.get(fileFact(NAT_ROUTE_UNIT_PATH));
    const service = facts.get(serviceFact(NAT_ROUTE_UNIT_NAME));
    const changes: Change[] = [];
    if (routes.length === 0) {
      const why = 'this host serves no NAT service';
      if (service.active)
        changes.push({
          summary: `${NAT_ROUTE_UNIT_NAME} running while ${why} (stopping it deletes its routes)`,
          steps: [{ kind: 'service', unit: NAT_ROUTE_UNIT_NAME, action: 'stop' }],
        });
      if (service.enabled)
        changes.push({
          summary: `${NAT_ROUTE_UNIT_NAME} enabled while ${why}`,
          steps: [{ kind: 'service', unit: NAT_ROUTE_UNIT_NAME, action: 'disable' }],
        });
      if (unitFile.exists)
        changes.push({
          summary: `${NAT_ROUTE_UNIT_PATH}: left over, ${why}`,
          steps: [
            { kind: 'remove', path: NAT_ROUTE_UNIT_PATH },
            { kind: 'service', unit: NAT_ROUTE_UNIT_NAME, action: 'daemon-reload' },
          ],
        });
      return { changes, notes: [] };
    }
    const file = fileChange(renderedFile(hostFiles(cluster, host.name), NAT_ROUTE_UNIT_PATH), unitFile);
    if (file) {
      changes.push(file, {
        summary: 'systemd must re-read the changed unit',
        steps: [{ kind: 'service', unit: NAT_ROUTE_UNIT_NAME, action: 'daemon-reload' }],
      });
    }
    // what a running unit should have put in place, checked only while it runs
    const gateways = facts.get(routesFact(routes));
    const runtime = routes
      .filter((r) => gateways[r.to] == null || !sameIp(gateways[r.to]!, r.via))
      .map((r) => (gateways[r.to] == null ? `no route ${r.to} via ${r.via}` : `route ${r.to} via ${gateways[r.to]}, want via ${r.via}`));
    // a changed unit is restarted: its start applies the new routes
    const refresh = file ? 'restart' : runtime.length ? 'reload' : 'none';
    const because = [file ? 'its routes changed' : '', ...runtime].filter(Boolean).join('; ');
    changes.push(...serviceChanges(service, { running: true, refresh, because }));
    return { changes, notes: [] };
  },
});
