// The example inventory is the seed article's cluster: its rendered
// keepalived.conf must say what the seed's HostA and HostB configs say,
// translated to keepalived 2.x keywords. Compared as parsed structures.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { type KaNode, parseKeepalivedConf, walk } from '../../lib/keepalived/parse.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { loadCluster } from './clusters.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');

/**
 * The seed in 2.x terms: nb_get_retry -> retry; lb_kind -> lvs_method;
 * lvs_sync_daemon_interface (per instance, deprecated) -> global_defs
 * lvs_sync_daemon; a bare VIP -> VIP/32 (keepalived's default prefix).
 */
function modernise(seed: KaNode[]): KaNode[] {
  let syncInterface: string | undefined;
  const rename: Record<string, string> = { nb_get_retry: 'retry', lb_kind: 'lvs_method' };
  const strip = (nodes: KaNode[]): KaNode[] =>
    nodes.flatMap((n): KaNode[] => {
      if (n.keyword === 'lvs_sync_daemon_interface') {
        syncInterface = n.values[0];
        return [];
      }
      const out: KaNode = { keyword: rename[n.keyword] ?? n.keyword, values: [...n.values] };
      if (n.children) out.children = strip(n.children);
      if (n.keyword === 'virtual_ipaddress')
        out.children = out.children!.map((c) => ({ ...c, keyword: c.keyword.includes('/') ? c.keyword : `${c.keyword}/32` }));
      return [out];
    });
  const body = strip(seed);
  assert.ok(syncInterface, 'the seed names a sync daemon interface');
  return [{ keyword: 'global_defs', values: [], children: [{ keyword: 'lvs_sync_daemon', values: [syncInterface] }] }, ...body];
}

/** What lvs-play adds on purpose; removed before comparing, and listed so that nothing else slips in. */
const EXTRAS: Array<{ parent: string; keyword: string }> = [
  { parent: 'global_defs', keyword: 'router_id' }, // names the director in logs and SNMP
  { parent: 'real_server', keyword: 'inhibit_on_failure' }, // weight 0 instead of removal: drains keep connections
  // lvs-play's switches (lib/render/switches.ts), files keepalived watches:
  { parent: '', keyword: 'track_file' }, // their definitions: handover, drain-<host> per real server
  { parent: 'vrrp_instance', keyword: 'track_file' }, // handover: priority 1 (the peer takes the VIPs) or FAULT during a rollout
  { parent: 'real_server', keyword: 'FILE_CHECK' }, // drain: the check fails, inhibit_on_failure sets weight 0
];

function withoutExtras(nodes: KaNode[]): { nodes: KaNode[]; removed: string[] } {
  const removed: string[] = [];
  const strip = (list: KaNode[], parent: string): KaNode[] =>
    list.flatMap((n): KaNode[] => {
      if (EXTRAS.some((e) => e.parent === parent && e.keyword === n.keyword)) {
        removed.push(`${parent}/${n.keyword}`);
        return [];
      }
      return [n.children ? { ...n, children: strip(n.children, n.keyword) } : n];
    });
  return { nodes: strip(nodes, ''), removed };
}

for (const [director, file] of [
  ['lvs-dr', 'hostA.conf'],
  ['lvs-dr2', 'hostB.conf'],
] as const) {
  describe(`keepalived.conf of ${director} (seed ${file})`, () => {
    const seed = parseKeepalivedConf(fixture(file));
    let rendered: KaNode[];
    before(async () => {
      rendered = parseKeepalivedConf(renderKeepalivedConf(await loadCluster('example'), director));
    });

    it('equals the seed after renaming 1.x keywords and removing the documented extras', () => {
      assert.deepEqual(withoutExtras(rendered).nodes, modernise(seed));
    });

    it('adds exactly the documented extras: router_id once, the switches, inhibit_on_failure and a drain check on each real server', () => {
      const realServers = rendered.flatMap((n) => n.children ?? []).filter((n) => n.keyword === 'real_server').length;
      assert.equal(realServers, 4);
      assert.deepEqual(
        withoutExtras(rendered).removed.sort(),
        [
          'global_defs/router_id',
          ...Array(3).fill('/track_file'), // handover, drain-lvs01, drain-lvs02
          ...Array(2).fill('vrrp_instance/track_file'),
          ...Array(realServers).fill('real_server/inhibit_on_failure'),
          ...Array(realServers).fill('real_server/FILE_CHECK'),
        ].sort(),
      );
    });

    it('uses none of the keywords keepalived 2.x deprecates', () => {
      walk(rendered, (n) => assert.ok(!['nb_get_retry', 'lvs_sync_daemon_interface', 'lb_kind'].includes(n.keyword), n.keyword));
    });
  });
}
