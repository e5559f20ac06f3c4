// fwmark services on a director: nftables installed, lvs-play's ruleset
// (checked with `nft -c` on the host before it replaces the old one) and the
// unit that loads it, enabled and running, and the table really loaded.
// A changed ruleset is taken by a reload (the file replaces the whole table
// in one transaction). A cluster without fwmark services reads only whether
// an earlier deploy left the unit and the ruleset, and removes them if so
// (fwmark-removal.ts); a host that never had them changes nothing here.

import { fileFact } from '../facts/file.js';
import { nftTableFact } from '../facts/nft-table.js';
import { osReleaseFact } from '../facts/os-release.js';
import { packagesFact } from '../facts/packages.js';
import { serviceFact } from '../facts/service.js';
import { hostFiles } from '../render/host-files.js';
import { FWMARK_PATHS, FWMARK_TABLE, FWMARK_UNIT_NAME, fwmarkServices } from '../render/nft-fwmark.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import { fwmarkRemovalChanges } from './fwmark-removal.js';
import { installChange } from './packages.js';
import { serviceChanges } from './service-change.js';
import type { Change, Task } from './task.js';

export const FWMARK_PACKAGES = ['nftables'];
const loadedTable = nftTableFact('ip', FWMARK_TABLE);

export const fwmarkTask: Task = defineTask({
  name: 'fwmark',
  facts: ({ cluster }) =>
    fwmarkServices(cluster).length === 0
      ? [fileFact(FWMARK_PATHS.ruleset), fileFact(FWMARK_PATHS.unit), serviceFact(FWMARK_UNIT_NAME)]
      : [
          osReleaseFact,
          packagesFact(FWMARK_PACKAGES),
          fileFact(FWMARK_PATHS.ruleset),
          fileFact(FWMARK_PATHS.unit),
          serviceFact(FWMARK_UNIT_NAME),
          loadedTable,
        ],
  diff(ctx, facts) {
    const { cluster, host } = ctx;
    if (fwmarkServices(cluster).length === 0)
      return fwmarkRemovalChanges({
        ruleset: facts.get(fileFact(FWMARK_PATHS.ruleset)),
        unitFile: facts.get(fileFact(FWMARK_PATHS.unit)),
        service: facts.get(serviceFact(FWMARK_UNIT_NAME)),
      });
    const files = hostFiles(cluster, host.name);
    // nft must be there before the ruleset is checked with it
    const install = installChange(ctx, facts, FWMARK_PACKAGES);
    const ruleset = fileChange(renderedFile(files, FWMARK_PATHS.ruleset), facts.get(fileFact(FWMARK_PATHS.ruleset)));
    const unit = fileChange(renderedFile(files, FWMARK_PATHS.unit), facts.get(fileFact(FWMARK_PATHS.unit)));
    const changes: Change[] = [install, ruleset, unit].filter((c): c is Change => c !== null);
    if (unit) {
      changes.push({
        summary: 'systemd must re-read the changed unit',
        steps: [{ kind: 'service', unit: FWMARK_UNIT_NAME, action: 'daemon-reload' }],
      });
    }
    const missing = facts.get(loadedTable) !== 'present';
    const because = [ruleset ? 'its ruleset changed' : '', missing ? `table ip ${FWMARK_TABLE} is not loaded` : '']
      .filter(Boolean)
      .join('; ');
    changes.push(
      ...serviceChanges(facts.get(serviceFact(FWMARK_UNIT_NAME)), { running: true, refresh: because ? 'reload' : 'none', because }),
    );
    return { changes, notes: [] };
  },
});
