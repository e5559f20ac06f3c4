// Which lab hosts are VMs: with `lab up --datapath`, the directors (they
// need a kernel with IP_VS, which the containers' shared kernel lacks) and
// the real servers of LVS-TUN services (they need ipip for tunl0, which it
// lacks too); other real servers and clients stay containers. The datapath inventory runs
// keepalived in full (VRRP and the health checker), which is the point.

import { dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import { DIRECTORS } from '../../inventory/defaults.js';
import { defaultLabInventory, type LabSpec } from '../inventory.js';

/** The package's inventory/lab-datapath.json: the seed's cluster of lab.json with keepalived in full mode. */
export function defaultDatapathInventory(): string {
  return join(dirname(defaultLabInventory()), 'lab-datapath.json');
}

/** The hosts that run as VMs. */
export function vmHosts(spec: LabSpec, datapath: boolean): Set<string> {
  if (!datapath) return new Set();
  return new Set(spec.hosts.filter((h) => h.groups.includes(DIRECTORS) || spec.tunnelHosts.includes(h.name)).map((h) => h.name));
}

export function assertDatapathSpec(spec: LabSpec): void {
  if (spec.keepalivedMode !== 'full') {
    throw new UserError(
      `${spec.file}: keepalived.mode is "${spec.keepalivedMode}"; the datapath lab exists to run keepalived in full (VRRP and the IPVS health checker)`,
      {
        hint: `use inventory/lab-datapath.json (lab up --datapath without an inventory), or set "keepalived": {"mode": "full"}`,
      },
    );
  }
  if (!spec.hosts.some((h) => h.groups.includes(DIRECTORS))) {
    throw new UserError(`${spec.file}: no host in group "${DIRECTORS}": the datapath lab runs the directors as VMs`);
  }
}
