// What is left of lvs-play's fwmark marks on a director once the inventory
// has no fwmark service any more: the unit is stopped (its ExecStop deletes
// lvs-play's table) and disabled, and the unit file and the ruleset removed,
// each removal backed up in the journal so a failed run puts them back.
// Only lvs-play's own names are touched; the nftables package stays, as
// every installed package does. (keepalived, the next task, then drops the
// fwmark virtual services; until its reload they see no marked packets.)

import type { FileState } from '../facts/file.js';
import type { ServiceState } from '../facts/service.js';
import { FWMARK_PATHS, FWMARK_TABLE, FWMARK_UNIT_NAME } from '../render/nft-fwmark.js';
import { absentFileChange } from './file-change.js';
import type { Change } from './task.js';

export interface FwmarkLeftovers {
  ruleset: FileState;
  unitFile: FileState;
  service: ServiceState;
}

export function fwmarkRemovalChanges(left: FwmarkLeftovers): Change[] {
  const why = 'no fwmark service in the inventory';
  const changes: Change[] = [];
  if (left.service.active)
    changes.push({
      summary: `${FWMARK_UNIT_NAME} running with ${why} (stopping it deletes table ip ${FWMARK_TABLE})`,
      steps: [{ kind: 'service', unit: FWMARK_UNIT_NAME, action: 'stop' }],
    });
  if (left.service.enabled)
    changes.push({
      summary: `${FWMARK_UNIT_NAME} enabled with ${why}`,
      steps: [{ kind: 'service', unit: FWMARK_UNIT_NAME, action: 'disable' }],
    });
  if (left.unitFile.exists)
    changes.push({
      summary: `${FWMARK_PATHS.unit}: left over, ${why}`,
      steps: [
        { kind: 'remove', path: FWMARK_PATHS.unit },
        { kind: 'service', unit: FWMARK_UNIT_NAME, action: 'daemon-reload' },
      ],
    });
  const ruleset = absentFileChange(FWMARK_PATHS.ruleset, left.ruleset, why);
  if (ruleset) changes.push(ruleset);
  return changes;
}
