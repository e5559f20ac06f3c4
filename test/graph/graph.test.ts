// `lvs-play graph`: the pure model and both renderers on every example
// inventory, the DOT rendered to SVG by Graphviz itself (installed by the
// test prerequisites), and --live's colouring from fixture observations (the
// lab suite cli-paths draws the running lab).

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { renderDot } from '../../lib/graph/dot.js';
import { liveState } from '../../lib/graph/live.js';
import { renderMermaid } from '../../lib/graph/mermaid.js';
import { clusterGraph } from '../../lib/graph/model.js';
import { loadInventory } from '../../lib/inventory/load.js';
import type { Cluster } from '../../lib/inventory/types.js';
import { loadCluster } from '../render/clusters.js';
import { lvsPlay, repoRoot } from '../support/cli.js';
import { clusterOf } from '../support/clusters.js';
import { healthy } from '../verify/observations.js';

const examples = readdirSync(`${repoRoot}inventory`)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('graph: every example inventory drawn', function () {
  this.timeout(60_000);
  for (const file of examples) {
    it(`${file}: Mermaid and DOT name every director, VIP and real server; Graphviz renders the DOT to SVG`, async () => {
      // the cloud and three-director examples read their VRRP password from the environment
      const { cluster } = await loadInventory(`${repoRoot}inventory/${file}`, {
        env: { ...process.env, LVS_PLAY_VRRP_PASSWORD: 'example1' },
      });
      const g = clusterGraph(cluster);
      const mermaid = renderMermaid(g);
      const dot = renderDot(g);
      assert.match(mermaid, /^flowchart LR\n/);
      for (const v of cluster.vips) {
        for (const text of [mermaid, dot]) assert.ok(text.includes(`VIP ${v.address}`), `${v.address} in ${text.slice(0, 20)}`);
        // one edge per director of the instance: MASTER solid, the others BACKUP
        assert.equal(
          mermaid.split('\n').filter((l) => l.endsWith(`> v${cluster.vips.indexOf(v)}`) && /MASTER|BACKUP/.test(l)).length,
          Object.keys(v.priorities).length,
        );
      }
      for (const h of g.hosts) for (const text of [mermaid, dot]) assert.ok(text.includes(h.name) && text.includes(h.address), h.name);
      const svg = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
      assert.equal(svg.status, 0, svg.stderr);
      assert.equal(svg.stderr, '', 'Graphviz warned about the DOT');
      assert.match(svg.stdout, /<svg /);
      for (const v of cluster.vips) assert.ok(svg.stdout.includes(`VIP ${v.address}`), `the SVG shows VIP ${v.address}`);
    });
  }

  it('three directors with three VIPs (the 3-director fixture): each VIP has one MASTER edge and two BACKUP edges; Graphviz renders it', async () => {
    const cluster = await loadCluster('threeDirectors');
    const dot = renderDot(clusterGraph(cluster));
    for (const [i] of cluster.vips.entries()) {
      const edges = dot.split('\n').filter((l) => new RegExp(`-> v${i} \\[`).test(l));
      assert.deepEqual(edges.map((l) => /label="(MASTER|BACKUP)/.exec(l)![1]).sort(), ['BACKUP', 'BACKUP', 'MASTER']);
    }
    assert.equal(spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' }).status, 0);
  });

  it('the seed: each director MASTER of one VIP (solid) and BACKUP of the other (dotted), with priorities; each service with its check', () => {
    const mermaid = renderMermaid(clusterGraph(clusterOf('example')));
    const edges = mermaid
      .split('\n')
      .filter((l) => /^ {2}h\d .* v\d$/.test(l))
      .map((l) => l.trim());
    assert.deepEqual(edges, [
      'h0 -- "MASTER 150" --> v0',
      'h1 -. "BACKUP 120" .-> v0',
      'h1 -- "MASTER 150" --> v1',
      'h0 -. "BACKUP 120" .-> v1',
    ]);
    assert.match(mermaid, /s1\["TCP 80 · rr · DR · persistent 50s · HTTP_GET \/index\.html"\]:::service/);
  });
});

describe('graph --live: coloured from what verify read (fixtures)', () => {
  const cluster: Cluster = clusterOf('lab');

  it('a healthy cluster: each VIP held by its MASTER, nothing out of the pool', () => {
    const live = liveState(cluster, healthy(cluster));
    assert.deepEqual(live, { unreachable: {}, holders: { '198.18.0.100': ['lvs-dr'], '198.18.0.110': ['lvs-dr2'] }, outOfPool: {} });
    assert.match(renderMermaid(clusterGraph(cluster, live)), /^ {2}h0 == "MASTER 150 · holds" ==> v0$/m);
  });

  it('a VIP on both directors is drawn as split brain, one on neither as held by none, in red', () => {
    const obs = healthy(cluster);
    const [dr, dr2] = [obs.hosts[0]!, obs.hosts[1]!];
    assert.ok(dr.reachable && dr2.reachable);
    const eth0 = (h: typeof dr) => (h.reachable ? h.interfaces.find((i) => i.name === 'eth0')! : null);
    eth0(dr2)!.addresses.push({ address: '198.18.0.100', prefix: 32 }); // 100 on both
    eth0(dr2)!.addresses = eth0(dr2)!.addresses.filter((a) => a.address !== '198.18.0.110'); // 110 on none
    const g = clusterGraph(cluster, liveState(cluster, obs));
    const mermaid = renderMermaid(g);
    assert.match(mermaid, /v0\(\("VIP 198\.18\.0\.100<br\/>bl_one<br\/>SPLIT BRAIN"\)\):::bad/);
    assert.match(mermaid, /v1\(\("VIP 198\.18\.0\.110<br\/>bl_two<br\/>held by none"\)\):::bad/);
    assert.match(
      renderDot(g),
      /v0 \[shape=ellipse, style=filled, fillcolor="#fee2e2", color="#b91c1c", label="VIP 198\.18\.0\.100\\nbl_one\\nSPLIT BRAIN"\];/,
    );
  });

  it('a VIP on its BACKUP is marked so; a drained real server and an unreachable host are marked', () => {
    const obs = healthy(cluster);
    const dr = obs.hosts.find((h) => h.host === 'lvs-dr')!;
    const dr2 = obs.hosts.find((h) => h.host === 'lvs-dr2')!;
    assert.ok(dr.reachable && dr2.reachable && dr.director);
    const move = dr.interfaces.find((i) => i.name === 'eth0')!.addresses.find((a) => a.address === '198.18.0.100')!;
    dr.interfaces.find((i) => i.name === 'eth0')!.addresses = dr.interfaces
      .find((i) => i.name === 'eth0')!
      .addresses.filter((a) => a !== move);
    dr2.interfaces.find((i) => i.name === 'eth0')!.addresses.push(move);
    dr.director.switches = { 'drain-lvs01': 1 };
    const i = obs.hosts.findIndex((h) => h.host === 'lvs02');
    obs.hosts[i] = { host: 'lvs02', reachable: false, error: 'connect ECONNREFUSED 198.18.0.20:22' };
    const g = clusterGraph(cluster, liveState(cluster, obs));
    const mermaid = renderMermaid(g);
    assert.match(mermaid, /on its BACKUP/);
    assert.match(mermaid, /^ {2}h1 == "BACKUP 120 · holds" ==> v0$/m);
    assert.match(mermaid, /^ {2}s0 -\. "out: drained on lvs-dr" \.-> h2$/m);
    assert.match(mermaid, /^ {2}h3\["lvs02<br\/>198\.18\.0\.20<br\/>unreachable"\]:::bad$/m);
  });

  it("a real server at weight 0 in a director's IPVS table (a failed health check) is out of the pool", () => {
    const seed = clusterOf('example');
    const obs = healthy(seed);
    const dr = obs.hosts.find((h) => h.host === 'lvs-dr')!;
    assert.ok(dr.reachable && dr.director?.ipvs.table);
    for (const svc of dr.director.ipvs.table) for (const r of svc.realServers) if (r.address === '192.168.122.20') r.weight = 0;
    assert.deepEqual(liveState(seed, obs).outOfPool, { lvs02: 'weight 0 on lvs-dr' });
  });
});

describe('lvs-play graph (built CLI)', function () {
  this.timeout(30_000);
  it('prints Mermaid by default and DOT with --format dot; an unknown format is exit 1 naming the known ones', async () => {
    const m = await lvsPlay(['graph', 'inventory/example.json']);
    assert.equal(m.code, 0, m.stderr);
    assert.equal(m.stdout, renderMermaid(clusterGraph(clusterOf('example'))));
    const d = await lvsPlay(['graph', 'inventory/example.json', '--format', 'dot']);
    assert.equal(d.code, 0, d.stderr);
    assert.match(execFileSync('dot', ['-Tsvg'], { input: d.stdout, encoding: 'utf8' }), /<svg /);
    const bad = await lvsPlay(['graph', 'inventory/example.json', '--format', 'svg']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--format "svg" is not a graph format/);
    assert.match(bad.stderr, /mermaid, dot/);
  });

  it('docs/architecture.md shows exactly what graph prints for the example (the picture cannot go stale)', () => {
    const doc = readFileSync(`${repoRoot}docs/architecture.md`, 'utf8');
    const block = /```mermaid\n([\s\S]*?)```/.exec(doc);
    assert.ok(block, 'a mermaid block in docs/architecture.md');
    assert.equal(block[1], renderMermaid(clusterGraph(clusterOf('example'))));
  });
});
