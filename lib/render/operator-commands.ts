// The operator's commands keepalived runs on a director, each with what it is
// for: the track scripts, the MISC_CHECK health checks and the quorum hooks. Their first word
// is the executable that must exist there (lvs-play does not install it).

import { serviceLabel } from '../inventory/service-label.js';
import type { Cluster } from '../inventory/types.js';

export interface OperatorCommand {
  executable: string;
  command: string;
  purpose: string;
}

export function operatorCommands(cluster: Cluster): OperatorCommand[] {
  const scripts = cluster.vrrp.trackScripts.map((t) => ({ command: t.command, purpose: `the track script "${t.name}"` }));
  const checks = cluster.vips.flatMap((v) =>
    v.services.flatMap((s) =>
      s.realServers
        .filter((r) => r.healthCheck.type === 'MISC_CHECK')
        .map((r) => ({
          command: r.healthCheck.command ?? '',
          purpose: `the MISC_CHECK of ${r.host} in ${s.fwmark ? serviceLabel(s) : `${s.protocol} ${v.address}:${s.port}`}`,
        })),
    ),
  );
  const hooks = cluster.vips.flatMap((v) =>
    v.services.flatMap((s) =>
      (['up', 'down'] as const).flatMap((edge) => {
        const command = s.quorum?.[edge];
        const label = s.fwmark ? serviceLabel(s) : `${s.protocol} ${v.address}:${s.port}`;
        return command ? [{ command, purpose: `the quorum_${edge} of ${label}` }] : [];
      }),
    ),
  );
  return [...scripts, ...checks, ...hooks].map((c) => ({ ...c, executable: c.command.split(' ')[0]! }));
}
