// Time first, as the seed says: chrony installed, configured with the
// inventory's servers, enabled and running. A host that may not set its
// clock (a container without CAP_SYS_TIME, where chrony's unit is skipped by
// ConditionCapability) gets chrony configured and enabled, a note saying so,
// and no "not running" drift on every run.

import { capabilitiesFact } from '../facts/capabilities.js';
import { fileFact } from '../facts/file.js';
import { osReleaseFact } from '../facts/os-release.js';
import { packagesFact } from '../facts/packages.js';
import { serviceFact } from '../facts/service.js';
import { hostFiles } from '../render/host-files.js';
import { everyFamily, hostLayout } from '../render/os-layout.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import { installChange } from './packages.js';
import { serviceChanges } from './service-change.js';
import type { Change, Task } from './task.js';

const PACKAGE = 'chrony';
/** bounded wait for the first sync: 30 tries, 1 s apart */
const WAIT_SYNC = 'chronyc waitsync 30 0 0 1';

export const timeSyncTask: Task = defineTask({
  name: 'time-sync',
  // both families' config paths and unit names are read in the one round
  // trip; diff() uses the host's family's (chrony.conf vs /etc/chrony.conf)
  facts: () => [
    osReleaseFact,
    packagesFact([PACKAGE]),
    ...everyFamily((l) => l.chrony.conf).map(fileFact),
    ...everyFamily((l) => l.chrony.unit).map(serviceFact),
    capabilitiesFact,
  ],
  diff(ctx, facts) {
    const layout = hostLayout(facts.get(osReleaseFact), ctx.host.name);
    const changes: Change[] = [];
    const install = installChange(ctx, facts, [PACKAGE]);
    if (install) changes.push(install);
    const path = layout.chrony.conf;
    const conf = fileChange(renderedFile(hostFiles(ctx.cluster, ctx.host.name, layout), path), facts.get(fileFact(path)));
    if (conf) changes.push(conf);
    const { canSetClock } = facts.get(capabilitiesFact);
    const service = serviceChanges(facts.get(serviceFact(layout.chrony.unit)), {
      running: canSetClock,
      refresh: conf ? 'restart' : 'none',
      because: 'chrony.conf changed',
    });
    // Debian's postinst starts chrony as soon as it is installed, with the
    // package's own chrony.conf: a plain "start" afterwards would be a no-op
    // and leave that config running (seen on the datapath lab's VMs)
    if (install) for (const c of service) for (const s of c.steps) if (s.kind === 'service' && s.action === 'start') s.action = 'restart';
    changes.push(...service);
    if (canSetClock && changes.length > 0) {
      changes.push({
        summary: 'wait until chrony reports the clock synchronised',
        steps: [{ kind: 'wait', command: WAIT_SYNC, description: 'chronyc waitsync (30 s at most)', timeoutMs: 45_000 }],
      });
    }
    const notes = canSetClock
      ? []
      : [
          {
            message:
              "this host may not set its clock (no CAP_SYS_TIME, e.g. a container): chrony is configured and enabled but not started; its clock is its container host's",
          },
        ];
    return { changes, notes };
  },
});
