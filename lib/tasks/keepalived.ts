// keepalived on a director: its config checked by `keepalived -t` on the host
// before it replaces the old one, its options file, and the daemon enabled
// and running. A changed config is taken by a reload (SIGHUP), never a
// restart, so VIPs stay where they are; changed daemon options need a restart.
// The options file is where the host's OS family keeps it (os-layout.ts).

import { executablesFact } from '../facts/executables.js';
import type { FactValues } from '../facts/fact.js';
import { fileFact } from '../facts/file.js';
import { osReleaseFact } from '../facts/os-release.js';
import { serviceFact } from '../facts/service.js';
import type { Cluster } from '../inventory/types.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../render/host-files.js';
import { NOTIFY_SCRIPT_PATH } from '../render/notify.js';
import { operatorCommands } from '../render/operator-commands.js';
import { everyFamily, hostLayout } from '../render/os-layout.js';
import { SWITCHES_README } from '../render/switches.js';
import { defineTask } from './define-task.js';
import { absentFileChange, fileChange, renderedFile } from './file-change.js';
import { serviceChanges } from './service-change.js';
import type { Change, Task, TaskNote } from './task.js';

const UNIT = 'keepalived.service';

export const keepalivedTask: Task = defineTask({
  name: 'keepalived',
  facts: ({ cluster }) => [
    osReleaseFact,
    fileFact(SWITCHES_README),
    fileFact(NOTIFY_SCRIPT_PATH),
    fileFact(KEEPALIVED_CONF_PATH),
    ...everyFamily((l) => l.keepalivedOptions.path).map(fileFact),
    serviceFact(UNIT),
    ...executablesOf(cluster),
  ],
  diff({ cluster, host }, facts) {
    const layout = hostLayout(facts.get(osReleaseFact), host.name);
    const files = hostFiles(cluster, host.name, layout);
    const optionsPath = layout.keepalivedOptions.path;
    const switches = fileChange(renderedFile(files, SWITCHES_README), facts.get(fileFact(SWITCHES_README)));
    // keepalived runs the notify script by its path on each change: a new one needs no reload
    const notify = files.some((f) => f.path === NOTIFY_SCRIPT_PATH)
      ? fileChange(renderedFile(files, NOTIFY_SCRIPT_PATH), facts.get(fileFact(NOTIFY_SCRIPT_PATH)))
      : null;
    const conf = fileChange(renderedFile(files, KEEPALIVED_CONF_PATH), facts.get(fileFact(KEEPALIVED_CONF_PATH)));
    const defaults = fileChange(renderedFile(files, optionsPath), facts.get(fileFact(optionsPath)));
    const changes: Change[] = [switches, notify, conf, defaults].filter((c): c is Change => c !== null);
    const refresh = defaults ? 'restart' : conf ? 'reload' : 'none';
    changes.push(
      ...serviceChanges(facts.get(serviceFact(UNIT)), {
        running: true,
        refresh,
        because: defaults ? 'daemon options changed' : 'keepalived.conf changed',
      }),
    );
    // a notify script the inventory dropped goes last, once keepalived runs a config that no longer names it
    const notifyLeft = files.some((f) => f.path === NOTIFY_SCRIPT_PATH)
      ? null
      : absentFileChange(NOTIFY_SCRIPT_PATH, facts.get(fileFact(NOTIFY_SCRIPT_PATH)), 'no vrrp.notify in the inventory');
    if (notifyLeft) changes.push(notifyLeft);
    return { changes, notes: missingCommands(cluster, facts) };
  },
});

/** The fact for the operator's commands, when the cluster has any. */
function executablesOf(cluster: Cluster) {
  const paths = operatorCommands(cluster).map((c) => c.executable);
  return paths.length ? [executablesFact(paths)] : [];
}

/** keepalived disables a track script or MISC_CHECK whose command is missing, and says so only in its log. */
function missingCommands(cluster: Cluster, facts: FactValues): TaskNote[] {
  const commands = operatorCommands(cluster);
  if (commands.length === 0) return [];
  const found = facts.get(executablesFact(commands.map((c) => c.executable)));
  return commands
    .filter((c) => !found[c.executable])
    .map((c) => ({
      message: `${c.executable} is not an executable on this director, so keepalived disables ${c.purpose} until it is: install it (e.g. in packages.directors) or fix the command`,
    }));
}
