// `lvs-play graph INVENTORY [--format mermaid|dot] [--live]`: the cluster as
// a picture. Without --live it reads only the inventory; with --live it reads
// the hosts as verify does (one round trip each, nothing written) and colours
// who holds each VIP and which real servers are out of the pool.

import { UserError } from '../../errors.js';
import { renderDot } from '../../graph/dot.js';
import { liveState } from '../../graph/live.js';
import { renderMermaid } from '../../graph/mermaid.js';
import { clusterGraph, type LiveState } from '../../graph/model.js';
import { loadInventory } from '../../inventory/load.js';
import { secretsRedactor } from '../../run/redactor.js';
import { ConnectionPool } from '../../ssh/pool.js';
import { quoted, safeText } from '../../terminal-text.js';
import { gatherObservations } from '../../verify/gather.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { cliRouteGuard } from '../route-guard.js';

const FORMATS = { mermaid: renderMermaid, dot: renderDot } as const;

export const graphCommand: Command = {
  name: 'graph',
  usage: `Usage: lvs-play graph INVENTORY [--format mermaid|dot] [--live] [--accept-new-host-keys]

Draws the cluster: directors, the VIPs each is MASTER (solid) or BACKUP
(dotted) of with its priority, each VIP's virtual services, and their real
servers with their weights. Without --live no host is contacted.

  --format F              mermaid (default: a Mermaid flowchart, as GitHub
                          renders it) or dot (Graphviz: | dot -Tsvg > c.svg)
  --live                  read the hosts as verify does (never writes) and
                          mark who holds each VIP now (thick edge, "holds"),
                          a VIP held by none or by two (red), real servers out
                          of the pool (grey: drained, or weight 0 in IPVS)
                          and hosts that could not be read (red)
  --accept-new-host-keys  with --live: trust and record host keys not yet in
                          known_hosts

Exit codes: 0 drawn (with --live, whatever the cluster's state: verify judges
it); 1 unreadable or invalid inventory, unknown format.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'graph',
      args,
      {
        format: { type: 'string', default: 'mermaid' },
        live: { type: 'boolean', default: false },
        'accept-new-host-keys': { type: 'boolean', default: false },
      },
      1,
    );
    if (positionals.length !== 1) throw new UserError('missing INVENTORY', { hint: 'lvs-play graph inventory/example.json' });
    if (!Object.hasOwn(FORMATS, values.format)) {
      throw new UserError(`--format ${quoted(values.format)} is not a graph format`, {
        hint: `use one of: ${Object.keys(FORMATS).join(', ')}`,
      });
    }
    const render = FORMATS[values.format as keyof typeof FORMATS];
    const { cluster } = await loadInventory(positionals[0]!);
    let live: LiveState | undefined;
    if (values.live) {
      const pool = new ConnectionPool(cluster.hosts, { acceptNewHostKeys: values['accept-new-host-keys'], routeGuard: cliRouteGuard });
      try {
        live = liveState(
          cluster,
          await gatherObservations({ cluster, hosts: cluster.hosts, connect: (h) => pool.get(h), redact: secretsRedactor(cluster) }),
        );
      } finally {
        await pool.closeAll();
      }
    }
    // the picture marks them; the reason goes to stderr, so stdout stays a clean graph in a pipe
    for (const [host, why] of Object.entries(live?.unreachable ?? {}))
      process.stderr.write(`warning: ${host} could not be read: ${safeText(why)}\n`);
    process.stdout.write(render(clusterGraph(cluster, live)));
    return 0;
  },
};
