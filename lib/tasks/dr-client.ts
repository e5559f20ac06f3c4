// The real-server side of LVS-DR: the dr_client unit, its script and VIP
// list installed, enabled and running, and the running state checked too:
// a VIP missing from lo or an ARP sysctl changed by hand is drift, repaired
// by a reload (the unit's reload re-applies the list without a gap).

import { addressesFact } from '../facts/addresses.js';
import { fileFact } from '../facts/file.js';
import { serviceFact } from '../facts/service.js';
import { sysctlFact } from '../facts/sysctl.js';
import { DR_CLIENT_PATHS, DR_CLIENT_UNIT_NAME, drClientVips } from '../render/dr-client.js';
import { hostFiles } from '../render/host-files.js';
import { REALSERVER_SYSCTLS } from '../render/sysctl.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import { serviceChanges } from './service-change.js';
import type { Change, Task } from './task.js';

const PATHS = [DR_CLIENT_PATHS.script, DR_CLIENT_PATHS.vips, DR_CLIENT_PATHS.unit];
const ARP_KEYS = Object.keys(REALSERVER_SYSCTLS);

export const drClientTask: Task = defineTask({
  name: 'dr-client',
  facts: () => [...PATHS.map(fileFact), serviceFact(DR_CLIENT_UNIT_NAME), addressesFact('lo'), sysctlFact(ARP_KEYS)],
  diff({ cluster, host }, facts) {
    const files = hostFiles(cluster, host.name);
    const fileChanges = PATHS.map((p) => fileChange(renderedFile(files, p), facts.get(fileFact(p)))).filter((c): c is Change => c !== null);
    const changes: Change[] = [...fileChanges];
    if (fileChanges.some((c) => c.diff?.label === DR_CLIENT_PATHS.unit)) {
      changes.push({
        summary: 'systemd must re-read the changed unit',
        steps: [{ kind: 'service', unit: DR_CLIENT_UNIT_NAME, action: 'daemon-reload' }],
      });
    }
    const service = facts.get(serviceFact(DR_CLIENT_UNIT_NAME));
    // what a running unit should have put in place, checked only while it runs
    const onLo = new Set(facts.get(addressesFact('lo')).map((a) => a.address));
    const arp = facts.get(sysctlFact(ARP_KEYS));
    const runtime = [
      ...drClientVips(cluster, host.name)
        .filter((v) => !onLo.has(v))
        .map((v) => `VIP ${v} missing on lo`),
      ...ARP_KEYS.filter((k) => arp[k] !== REALSERVER_SYSCTLS[k]).map((k) => `${k} is ${arp[k]}, want ${REALSERVER_SYSCTLS[k]}`),
    ];
    const because = [fileChanges.length ? 'its files changed' : '', ...runtime].filter(Boolean).join('; ');
    changes.push(...serviceChanges(service, { running: true, refresh: because ? 'reload' : 'none', because }));
    return { changes, notes: [] };
  },
});
