// A ClusterGraph in Graphviz DOT (`lvs-play graph INV --format dot | dot -Tsvg`),
// drawn as mermaid.ts draws it: MASTER edges solid, BACKUP dashed, the
// holder's edge bold with --live, red for what is down or split, grey for
// real servers out of the pool.

import { type ClusterGraph, ids, vipStatus } from './model.js';

const quoted = (s: string) => `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\n')}"`;

export function renderDot(g: ClusterGraph): string {
  const out = [
    `digraph ${quoted(`lvs-play ${g.cluster}`)} {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  if (g.live) out.push(`  label=${quoted(`cluster ${g.cluster} (live: from what verify read)`)}; labelloc=t;`);
  const outHosts = new Set(g.services.flatMap((s) => s.realServers.filter((r) => r.out).map((r) => r.host)));
  for (const h of g.hosts) {
    const style = h.unreachable
      ? 'fillcolor="#fee2e2", color="#b91c1c"'
      : outHosts.has(h.name)
        ? 'fillcolor="#e5e7eb", color="#6b7280", fontcolor="#6b7280", style="filled,dashed"'
        : h.role === 'director'
          ? 'fillcolor="#dbeafe", color="#1e40af"'
          : 'fillcolor="#dcfce7", color="#166534"';
    out.push(
      `  ${ids.host(g, h.name)} [shape=box, style=filled, ${style}, label=${quoted(`${h.name}\n${h.address}${h.unreachable ? '\nunreachable' : ''}`)}];`,
    );
  }
  for (const v of g.vips) {
    const status = vipStatus(v);
    const note =
      status === 'down' ? '\nheld by none' : status === 'split' ? '\nSPLIT BRAIN' : status === 'on-backup' ? '\non its BACKUP' : '';
    const colour =
      status === 'down' || status === 'split' ? 'fillcolor="#fee2e2", color="#b91c1c"' : 'fillcolor="#fef9c3", color="#854d0e"';
    out.push(
      `  ${ids.vip(g, v.address)} [shape=ellipse, style=filled, ${colour}, label=${quoted(`VIP ${v.address}\n${v.instance}${note}`)}];`,
    );
  }
  for (const [i, s] of g.services.entries())
    out.push(`  ${ids.service(i)} [shape=note, style=filled, fillcolor="#f3f4f6", label=${quoted(s.label)}];`);
  for (const v of g.vips) {
    for (const d of v.directors) {
      const holds = v.holders?.includes(d.name);
      const style = holds ? 'style=bold, penwidth=2.5' : d.role === 'MASTER' ? 'style=solid' : 'style=dashed';
      out.push(
        `  ${ids.host(g, d.name)} -> ${ids.vip(g, v.address)} [${style}, label=${quoted(`${d.role} ${d.priority}${holds ? ' · holds' : ''}`)}];`,
      );
    }
  }
  g.services.forEach((s, i) => {
    out.push(`  ${ids.vip(g, s.vip)} -> ${ids.service(i)};`);
    for (const r of s.realServers) {
      out.push(
        r.out
          ? `  ${ids.service(i)} -> ${ids.host(g, r.host)} [style=dashed, color="#6b7280", label=${quoted(`out: ${r.out}`)}];`
          : `  ${ids.service(i)} -> ${ids.host(g, r.host)} [label=${quoted(`weight ${r.weight}`)}];`,
      );
    }
  });
  out.push('}');
  return `${out.join('\n')}\n`;
}
