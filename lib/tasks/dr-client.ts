// The real-server side of LVS-DR and LVS-TUN: the dr_client unit, its script
// and VIP list installed, enabled and running, and the running state checked
// too: a VIP missing from lo (tunl0 for TUN) or a sysctl changed by hand is
// drift, repaired by a reload (the unit's reload re-applies the list without
// a gap; for TUN it loads ipip, which makes tunl0).

import { addressesFact } from '../facts/addresses.js';
import { fileFact } from '../facts/file.js';
import { serviceFact } from '../facts/service.js';
import { sysctlFact } from '../facts/sysctl.js';
import { DR_CLIENT_PATHS, DR_CLIENT_UNIT_NAME, type HeldVip, realServerVips, type VipDevice } from '../render/dr-client.js';
import { hostFiles } from '../render/host-files.js';
import { realServerRuntimeSysctls } from '../render/sysctl.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import { serviceChanges } from './service-change.js';
import type { Change, Task } from './task.js';

const PATHS = [DR_CLIENT_PATHS.script, DR_CLIENT_PATHS.vips, DR_CLIENT_PATHS.unit];

export const drClientTask: Task = defineTask({
  name: 'dr-client',
  facts: ({ cluster, host }) => [
    ...PATHS.map(fileFact),
    serviceFact(DR_CLIENT_UNIT_NAME),
    ...devicesOf(realServerVips(cluster, host.name)).map(deviceAddresses),
    sysctlFact(Object.keys(realServerRuntimeSysctls(cluster, host.name))),
  ],
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
    const vips = realServerVips(cluster, host.name);
    const held = new Set(devicesOf(vips).flatMap((d) => facts.get(deviceAddresses(d)).map((a) => `${a.address} ${d}`)));
    const wantSysctls = realServerRuntimeSysctls(cluster, host.name);
    const sysctls = facts.get(sysctlFact(Object.keys(wantSysctls)));
    const runtime = [
      ...vips.filter((v) => !held.has(`${v.address} ${v.device}`)).map((v) => `VIP ${v.address} missing on ${v.device}`),
      ...Object.entries(wantSysctls)
        .filter(([k, want]) => sysctls[k] !== want)
        .map(([k, want]) => `${k} is ${sysctls[k] ?? 'absent'}, want ${want}`),
    ];
    const because = [fileChanges.length ? 'its files changed' : '', ...runtime].filter(Boolean).join('; ');
    changes.push(...serviceChanges(service, { running: true, refresh: because ? 'reload' : 'none', because }));
    return { changes, notes: [] };
  },
});

/** lo always (the seed's reading, even with no VIP), tunl0 when a VIP goes there. */
function devicesOf(vips: HeldVip[]): VipDevice[] {
  return vips.some((v) => v.device === 'tunl0') ? ['lo', 'tunl0'] : ['lo'];
}

/** tunl0 exists only once ipip is loaded (the unit's start loads it) */
const deviceAddresses = (device: VipDevice) => addressesFact(device, device === 'tunl0');
