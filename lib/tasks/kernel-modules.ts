// The kernel modules a director needs (ip_vs in full mode): listed in
// modules-load.d for the next boot and loaded now, before the sysctl task
// sets keys that exist only once the module is loaded (net.ipv4.vs.*).

import { fileFact } from '../facts/file.js';
import { modulesFact } from '../facts/modules.js';
import { hostFiles } from '../render/host-files.js';
import { hostModules, MODULES_LOAD_PATH } from '../render/kernel-modules.js';
import { defineTask } from './define-task.js';
import { fileChange, renderedFile } from './file-change.js';
import type { Change, Task } from './task.js';

export const kernelModulesTask: Task = defineTask({
  name: 'kernel-modules',
  facts: ({ cluster, host }) => [fileFact(MODULES_LOAD_PATH), modulesFact(hostModules(cluster, host.name))],
  diff({ cluster, host }, facts) {
    const changes: Change[] = [];
    const file = fileChange(renderedFile(hostFiles(cluster, host.name), MODULES_LOAD_PATH), facts.get(fileFact(MODULES_LOAD_PATH)));
    if (file) changes.push(file);
    const wanted = hostModules(cluster, host.name);
    const loaded = facts.get(modulesFact(wanted));
    for (const module of wanted.filter((m) => !loaded[m])) {
      changes.push({ summary: `kernel module ${module} not loaded`, steps: [{ kind: 'module', module }] });
    }
    return { changes, notes: [] };
  },
});
