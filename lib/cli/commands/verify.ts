// `lvs-play verify INVENTORY`: the seed's section 4 (checking the cluster by
// hand) as one read-only command: VIP placement, keepalived and its config,
// the real servers' lo and ARP settings, the IPVS tables, and optionally an
// HTTP probe of every VIP from a host the user names.

import { UserError } from '../../errors.js';
import { loadInventory } from '../../inventory/load.js';
import { limitNames, selectHosts } from '../../inventory/select.js';
import { versioned } from '../../report/json-format.js';
import { colourAllowed } from '../../report/terminal-kind.js';
import { secretsRedactor } from '../../run/redactor.js';
import { ConnectionPool } from '../../ssh/pool.js';
import { quoted } from '../../terminal-text.js';
import { evaluateCluster } from '../../verify/evaluate.js';
import { formatReport } from '../../verify/format.js';
import { gatherObservations } from '../../verify/gather.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';

const usage = `Usage: lvs-play verify INVENTORY [--json] [--probe-from HOST] [--limit HOST|GROUP[,..]]

Reads the running cluster (never changes it): every host at once, one round
trip each, and checks
  vip                each VIP is held by exactly one director, its MASTER
                     (two holders: split brain; none: down; its BACKUP: degraded)
  keepalived         keepalived runs on each director
  keepalived-config  keepalived.conf and its options file (/etc/default/
                     keepalived, RHEL: /etc/sysconfig/keepalived) are the
                     rendered ones (compared by content)
  realserver-vips    each real server has every VIP on lo as /32 (/128)
  realserver-arp     arp_ignore=1, arp_announce=2 on lo and all
  ipvs               each director's IPVS table (ipvsadm -Ln) holds every
                     virtual service with its scheduler and persistence, and
                     every real server with its forwarding and weight; "not
                     checkable" where keepalived runs VRRP-only (no IP_VS)
  probe              with --probe-from: an HTTP GET from HOST to every VIP's
                     TCP service (HTTPS where SSL_GET checks it), naming the
                     real server whose page answered

Options:
  --probe-from HOST        an inventory host to send the HTTP requests from (curl,
                           else python3, else bash /dev/tcp on that host)
  --limit HOST|GROUP[,..]  only these hosts (VIP placement needs every director)
  --json                   print the report as JSON on stdout
  --accept-new-host-keys   trust and record host keys not yet in known_hosts

Statuses: pass, degraded, fail, not-checkable (what this platform or
selection cannot show: listed and counted, never reported as passed).

Exit codes:
  0  every check passed (not-checkable rows alone do not change this)
  2  degraded but serving: a VIP on its BACKUP, keepalived stopped on one
     director, a real server out of the pool or at another weight
  1  something is down, wrong or could not be checked: a VIP held by none or
     by two, a config that differs, a VIP missing from a real server's lo, an
     unreachable host, a probe without answer`;

export const verifyCommand: Command = {
  name: 'verify',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'verify',
      args,
      {
        json: { type: 'boolean', default: false },
        'probe-from': { type: 'string' },
        limit: { type: 'string' },
        'accept-new-host-keys': { type: 'boolean', default: false },
      },
      1,
    );
    const [file] = positionals;
    if (values.limit !== undefined) limitNames(values.limit);
    if (!file) throw new UserError('missing INVENTORY', { hint: 'lvs-play verify inventory.json' });
    const { cluster, file: path } = await loadInventory(file);
    const hosts = selectHosts(cluster, values.limit);
    const probeName = values['probe-from'];
    const probeFrom = probeName === undefined ? undefined : cluster.hosts.find((h) => h.name === probeName);
    if (probeName !== undefined && !probeFrom) {
      throw new UserError(`--probe-from: ${quoted(probeName)} is not a host of cluster ${cluster.name}`, {
        hint: `hosts: ${cluster.hosts.map((h) => h.name).join(', ')}`,
      });
    }
    const redact = secretsRedactor(cluster);
    const pool = new ConnectionPool(cluster.hosts, { acceptNewHostKeys: values['accept-new-host-keys'], routeGuard: cliRouteGuard });
    let observations: Awaited<ReturnType<typeof gatherObservations>>;
    try {
      observations = await gatherObservations({ cluster, hosts, probeFrom, connect: (h) => pool.get(h), redact });
    } finally {
      await pool.closeAll();
    }
    const report = evaluateCluster(cluster, observations, path);
    const text = values.json
      ? JSON.stringify(versioned({ inventory: path, ...report }), null, 2)
      : formatReport(report, { colour: colourAllowed() });
    process.stdout.write(`${redact(text)}\n`);
    return report.exitCode;
  },
};
