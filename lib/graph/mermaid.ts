// A ClusterGraph as a Mermaid flowchart (GitHub and most wikis render it):
// directors on the left, their VIPs (solid: MASTER, dotted: BACKUP), each
// VIP's services, their real servers. With --live, the holder's edge is
// thick and says "holds", and what is wrong is red (down, split brain,
// unreachable) or grey (out of the pool).

import { type ClusterGraph, ids, vipStatus } from './model.js';

const text = (s: string) => s.replace(/["<>]/g, (c) => ({ '"': '#quot;', '<': '#lt;', '>': '#gt;' })[c]!);

export function renderMermaid(g: ClusterGraph): string {
  const out = ['flowchart LR', `  %% cluster ${text(g.cluster)}${g.live ? ' (live: from what verify read)' : ''}`];
  out.push(
    '  classDef director fill:#dbeafe,stroke:#1e40af',
    '  classDef realserver fill:#dcfce7,stroke:#166534',
    '  classDef vip fill:#fef9c3,stroke:#854d0e',
    '  classDef service fill:#f3f4f6,stroke:#374151',
    '  classDef bad fill:#fee2e2,stroke:#b91c1c,color:#7f1d1d',
    '  classDef out fill:#e5e7eb,stroke:#6b7280,color:#6b7280,stroke-dasharray:4 3',
  );
  for (const h of g.hosts) {
    const note = h.unreachable ? '<br/>unreachable' : '';
    out.push(`  ${ids.host(g, h.name)}["${text(h.name)}<br/>${text(h.address)}${note}"]:::${h.unreachable ? 'bad' : h.role}`);
  }
  for (const v of g.vips) {
    const status = vipStatus(v);
    const note =
      status === 'down'
        ? '<br/>held by none'
        : status === 'split'
          ? '<br/>SPLIT BRAIN'
          : status === 'on-backup'
            ? '<br/>on its BACKUP'
            : '';
    out.push(
      `  ${ids.vip(g, v.address)}(("VIP ${text(v.address)}<br/>${text(v.instance)}${note}")):::${status === 'down' || status === 'split' ? 'bad' : 'vip'}`,
    );
  }
  for (const [i, s] of g.services.entries()) out.push(`  ${ids.service(i)}["${text(s.label)}"]:::service`);
  for (const v of g.vips) {
    for (const d of v.directors) {
      const holds = v.holders?.includes(d.name);
      const label = `${d.role} ${d.priority}${holds ? ' · holds' : ''}`;
      const arrow = holds ? `== "${label}" ==>` : d.role === 'MASTER' ? `-- "${label}" -->` : `-. "${label}" .->`;
      out.push(`  ${ids.host(g, d.name)} ${arrow} ${ids.vip(g, v.address)}`);
    }
  }
  g.services.forEach((s, i) => {
    out.push(`  ${ids.vip(g, s.vip)} --> ${ids.service(i)}`);
    for (const r of s.realServers) {
      out.push(
        r.out
          ? `  ${ids.service(i)} -. "${text(`out: ${r.out}`)}" .-> ${ids.host(g, r.host)}`
          : `  ${ids.service(i)} -- "weight ${r.weight}" --> ${ids.host(g, r.host)}`,
      );
    }
  });
  const outOfPool = new Set(g.services.flatMap((s) => s.realServers.filter((r) => r.out).map((r) => r.host)));
  for (const h of g.hosts) if (outOfPool.has(h.name) && !h.unreachable) out.push(`  class ${ids.host(g, h.name)} out`);
  return `${out.join('\n')}\n`;
}
