// Kernel settings: the persisted file under /etc/sysctl.d and the running
// values, each compared on its own (a value changed by hand is drift even
// when the file is right).

import { fileFact } from '../facts/file.js';
import { sysctlFact } from '../facts/sysctl.js';
import { hostFiles } from '../render/host-files.js';
import { hostSysctls, SYSCTL_CONF_PATH } from '../render/sysctl.js';
import { fileChange, renderedFile } from './file-change.js';
import type { Change, Task } from './task.js';

export const sysctlTask: Task = {
  name: 'sysctl',
  facts: ({ cluster, host }) => [fileFact(SYSCTL_CONF_PATH), sysctlFact(Object.keys(hostSysctls(cluster, host.name)))],
  diff({ cluster, host }, facts) {
    const wanted = hostSysctls(cluster, host.name);
    const changes: Change[] = [];
    const file = fileChange(renderedFile(hostFiles(cluster, host.name), SYSCTL_CONF_PATH), facts.get(fileFact(SYSCTL_CONF_PATH)));
    if (file) changes.push(file);
    const running = facts.get(sysctlFact(Object.keys(wanted)));
    for (const key of Object.keys(wanted).sort()) {
      const now = running[key];
      if (now === wanted[key]) continue;
      changes.push({
        summary: now === null ? `${key} does not exist on this host` : `${key} is ${now}, want ${wanted[key]}`,
        diff: { label: `sysctl ${key}`, before: now === null ? null : `${now}\n`, after: `${wanted[key]}\n`, secret: false },
        steps: [{ kind: 'sysctl', key, value: wanted[key], previous: now }],
      });
    }
    return { changes, notes: [] };
  },
};
