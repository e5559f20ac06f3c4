// Kernel settings: the persisted file under /etc/sysctl.d and the running
// values, each compared on its own (a value changed by hand is drift even
// when the file is right). The value a key had before lvs-play first set it
// is recorded on the host first (sysctl-originals.conf), and put back when
// the key leaves the inventory: removing it from sysctl.d alone would leave
// the running value until the next boot.

import { fileFact } from '../facts/file.js';
import { recordedSysctlsFact } from '../facts/recorded-sysctls.js';
import { sysctlFact } from '../facts/sysctl.js';
import { DIRECTORS } from '../inventory/defaults.js';
import { hostFiles } from '../render/host-files.js';
import { hostSysctls, SYSCTL_CONF_PATH } from '../render/sysctl.js';
import { parseSysctlOriginals, renderSysctlOriginals, SYSCTL_ORIGINALS_PATH } from '../render/sysctl-originals.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import type { Change, Task } from './task.js';

export const sysctlTask: Task = defineTask({
  name: 'sysctl',
  facts: ({ cluster, host }) => [
    fileFact(SYSCTL_CONF_PATH),
    sysctlFact(Object.keys(hostSysctls(cluster, host.name))),
    fileFact(SYSCTL_ORIGINALS_PATH),
    recordedSysctlsFact,
  ],
  diff({ cluster, host }, facts) {
    const wanted = hostSysctls(cluster, host.name);
    const running = facts.get(sysctlFact(Object.keys(wanted)));
    const recordFile = facts.get(fileFact(SYSCTL_ORIGINALS_PATH));
    const recorded = recordFile.exists ? parseSysctlOriginals(recordFile.content) : {};
    const recordedRunning = facts.get(recordedSysctlsFact);

    const sets: Change[] = [];
    const originals = { ...recorded };
    const newlyRecorded: string[] = [];
    for (const key of Object.keys(wanted).sort()) {
      const now = running[key];
      if (now === wanted[key]) continue;
      if (now !== null && !(key in originals)) {
        originals[key] = now;
        newlyRecorded.push(`${key}=${now}`);
      }
      sets.push({
        summary: now === null ? `${key} does not exist on this host` : `${key} is ${now}, want ${wanted[key]}`,
        diff: { label: `sysctl ${key}`, before: now === null ? null : `${now}\n`, after: `${wanted[key]}\n`, secret: false },
        steps: [{ kind: 'sysctl', key, value: wanted[key], previous: now }],
      });
    }
    const restores: Change[] = [];
    for (const key of Object.keys(recorded).sort()) {
      if (key in wanted) continue;
      delete originals[key];
      const now = recordedRunning[key] ?? null;
      if (now === null || now === recorded[key]) continue;
      restores.push({
        summary: `${key} is no longer in the inventory: back to ${recorded[key]}, its value before lvs-play set it (now ${now})`,
        diff: { label: `sysctl ${key}`, before: `${now}\n`, after: `${recorded[key]}\n`, secret: false },
        steps: [{ kind: 'sysctl', key, value: recorded[key], previous: now }],
      });
    }

    // the record is written before any value changes, so a run cut in between still knows what to put back
    const changes: Change[] = [];
    // a host lvs-play never changed a value on gets no record file at all
    const record =
      recordFile.exists || Object.keys(originals).length > 0
        ? fileChange(
            {
              path: SYSCTL_ORIGINALS_PATH,
              content: renderSysctlOriginals(cluster.name, host.name, originals),
              mode: 0o644,
              owner: 'root',
              secret: false,
            },
            recordFile,
          )
        : null;
    if (record)
      changes.push(
        newlyRecorded.length
          ? { ...record, summary: `record ${newlyRecorded.join(', ')} (the value before lvs-play sets it) in ${SYSCTL_ORIGINALS_PATH}` }
          : record,
      );
    const file = fileChange(renderedFile(hostFiles(cluster, host.name), SYSCTL_CONF_PATH), facts.get(fileFact(SYSCTL_CONF_PATH)));
    if (file) changes.push(file);
    changes.push(...sets, ...restores);
    const notes =
      host.groups.includes(DIRECTORS) && cluster.nat === null && cluster.vips.some((v) => v.services.some((s) => s.forwarding === 'NAT'))
        ? [
            {
              message:
                'NAT services without "nat" in the inventory: lvs-play neither enables forwarding here nor routes the real servers\' replies through this director; set nat.gateway to have it done',
            },
          ]
        : [];
    return { changes, notes };
  },
});
