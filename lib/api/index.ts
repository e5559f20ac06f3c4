// lvs-play's public API for playbooks written in TypeScript or JavaScript:
//
//   import { definePlaybook, defineTask, defineFact, tasks, facts, changes, sh } from 'lvs-play';
//
// Everything here is what lvs-play's own seed playbook and tasks are built
// from; docs/playbooks.md walks through a custom task. The package's root
// (lib/index.ts) adds the seed playbook itself.

import { addressesFact } from '../facts/addresses.js';
import { fileFact } from '../facts/file.js';
import { modulesFact } from '../facts/modules.js';
import { osReleaseFact } from '../facts/os-release.js';
import { packagesFact } from '../facts/packages.js';
import { serviceFact } from '../facts/service.js';
import { sysctlFact } from '../facts/sysctl.js';
import { drClientTask } from '../tasks/dr-client.js';
import { absentFileChange, wantedFileChange } from '../tasks/file-change.js';
import { fwmarkTask } from '../tasks/fwmark.js';
import { keepalivedTask } from '../tasks/keepalived.js';
import { kernelModulesTask } from '../tasks/kernel-modules.js';
import { natRouteTask } from '../tasks/nat-route.js';
import { installChange, packagesTask } from '../tasks/packages.js';
import { serviceChanges } from '../tasks/service-change.js';
import { sysctlTask } from '../tasks/sysctl.js';
import { timeSyncTask } from '../tasks/time-sync.js';

export { defineFact } from '../facts/define-fact.js';
export { type Fact, type FactOutput, FactValues } from '../facts/fact.js';
export type { FileState } from '../facts/file.js';
export type { OsRelease } from '../facts/os-release.js';
export type { PackagesState } from '../facts/packages.js';
export type { ServiceState } from '../facts/service.js';
export type { Cluster, Host, RealServer, Service, Vip } from '../inventory/types.js';
export { definePlaybook, type Play, type Playbook } from '../playbook.js';
export { quote, sh } from '../shell/quote.js';
export { defineTask, type TaskSpec } from '../tasks/define-task.js';
export type { WantedFile } from '../tasks/file-change.js';
export type { ServiceWanted } from '../tasks/service-change.js';
export type { ServiceAction, Step } from '../tasks/step.js';
export type { Change, Task, TaskContext, TaskDiff, TaskNote } from '../tasks/task.js';
export { fixtureFacts } from './fixture-facts.js';

/** lvs-play's own tasks, the seed playbook's building blocks. */
export const tasks = Object.freeze({
  timeSync: timeSyncTask,
  packages: packagesTask,
  kernelModules: kernelModulesTask,
  sysctl: sysctlTask,
  fwmark: fwmarkTask,
  keepalived: keepalivedTask,
  drClient: drClientTask,
  natRoute: natRouteTask,
});

/** Facts a custom task can ask for; all of a host's facts are read in one round trip. */
export const facts = Object.freeze({
  /** a file's content, mode and owner, or its absence */
  file: fileFact,
  /** installed versions of packages (dpkg or rpm), and whether apt has package lists */
  packages: packagesFact,
  /** a systemd unit: exists, enabled, active */
  service: serviceFact,
  /** running sysctl values */
  sysctl: sysctlFact,
  /** loaded kernel modules among those named */
  modules: modulesFact,
  /** the addresses on a network device */
  addresses: addressesFact,
  /** /etc/os-release: id, family (debian or rhel), package manager */
  osRelease: osReleaseFact,
});

/** Changes built the way lvs-play's own tasks build them; each step's undo is known before it runs. */
export const changes = Object.freeze({
  /** a file in place (atomic write, optional validation, the old file kept for undo); needs facts.file(path) */
  file: wantedFileChange,
  /** a file removed (backed up in the run's journal, put back on undo), or null when it is absent; needs facts.file(path) */
  absent: absentFileChange,
  /** packages installed with apt or dnf; needs facts.osRelease and facts.packages(names) */
  install: installChange,
  /** a unit enabled, running, and reloaded or restarted when its files changed; needs facts.service(unit) */
  service: serviceChanges,
});
