// The seed's cluster: time synchronised on every host first, then packages,
// kernel modules (ip_vs on directors in full mode) and sysctls, then keepalived on the directors (dual-master VRRP and the
// LVS-DR virtual servers) and the dr_client service on the real servers.
// Write another playbook from the same tasks: export a Playbook as default.

import type { Playbook } from '../lib/playbook.js';
import { drClientTask } from '../lib/tasks/dr-client.js';
import { keepalivedTask } from '../lib/tasks/keepalived.js';
import { kernelModulesTask } from '../lib/tasks/kernel-modules.js';
import { packagesTask } from '../lib/tasks/packages.js';
import { sysctlTask } from '../lib/tasks/sysctl.js';
import { timeSyncTask } from '../lib/tasks/time-sync.js';

export const seedPlaybook: Playbook = {
  name: 'seed',
  description: 'LVS-DR with keepalived in dual-master mode (the seed article\'s cluster)',
  plays: [
    { hosts: 'directors', tasks: [timeSyncTask, packagesTask, kernelModulesTask, sysctlTask, keepalivedTask] },
    { hosts: 'realservers', tasks: [timeSyncTask, packagesTask, sysctlTask, drClientTask] },
  ],
};

export default seedPlaybook;
