// The seed's cluster: time synchronised on every host first, then packages,
// kernel modules (ip_vs on directors in full mode) and sysctls, then the fwmark services' nftables marks (only where the
// inventory has fwmark services), keepalived on the directors (dual-master VRRP and the
// LVS-DR virtual servers) and the dr_client service on the real servers.
// Built from the public API only, as any playbook is (docs/playbooks.md).

import { definePlaybook, tasks } from '../lib/api/index.js';
import { SEED_DIRECTORS, SEED_REAL_SERVERS } from './seed-groups.js';

export const seedPlaybook = definePlaybook({
  name: 'seed',
  description: "LVS-DR with keepalived in dual-master mode (the seed article's cluster)",
  plays: [
    { hosts: SEED_DIRECTORS, tasks: [tasks.timeSync, tasks.packages, tasks.kernelModules, tasks.sysctl, tasks.fwmark, tasks.keepalived] },
    { hosts: SEED_REAL_SERVERS, tasks: [tasks.timeSync, tasks.packages, tasks.sysctl, tasks.drClient, tasks.natRoute] },
  ],
});

export default seedPlaybook;
