// What a new keepalived.conf does to a running director, found by comparing
// the config on the host (parsed) with the rendered one, instance by
// instance (keepalived matches instances across a reload by name):
//
//   disruptive  virtual_router_id, interface or unicast_src_ip changed:
//               keepalived deletes the instance and creates it again, so the
//               VIP drops on reload;
//   must-agree  advert_int, authentication, the VIP list, the VRRP version,
//               the unicast peers: a peer rejects adverts that differ, so if
//               the directors disagree for longer than Master_Down_Interval
//               each one takes the VIP (split brain). A changed router id or
//               interface also makes two different routers: both kinds.
//   reload-safe everything else (priorities, virtual servers, new or removed
//               instances, global settings). Measured for issue 13's keywords
//               (test/deploy/reload-classes.test.ts: one director reloaded,
//               then the other, both VIPs followed on one clock): adding
//               track_script, track_interface, a vrrp_sync_group, nopreempt
//               (state MASTER -> BACKUP included), preempt_delay,
//               garp_master_* or a notify script moved no VIP and left none
//               without a holder; switching to unicast on one director put
//               both VIPs on both directors for 3.9 s (as classified here).
//
// Reasons never quote authentication values: configs are compared as they
// are, but printed through redactNode (an auth_pass a hand-edited config puts
// anywhere shows as <redacted>), and a parse error quotes its line redacted.

import { child, type KaNode, nodeText, parseKeepalivedConf } from '../../keepalived/parse.js';
import { redactNode } from '../../keepalived/redact.js';
import type { Classified } from './types.js';

const RECREATES = ['virtual_router_id', 'interface', 'unicast_src_ip'];
const MUST_AGREE = ['advert_int', 'authentication', 'virtual_ipaddress', 'virtual_ipaddress_excluded', 'version', 'unicast_peer'];
/** keywords that are both: a different router id or interface is a different virtual router */
const BOTH = ['virtual_router_id', 'interface'];

const instances = (conf: KaNode[]) => new Map(conf.filter((n) => n.keyword === 'vrrp_instance').map((n) => [n.values[0] ?? '', n]));
const text = (n: KaNode | undefined) => (n ? nodeText(n) : '(none)');
/** a node's value(s) in a reason, redacted; authentication only as set or none */
const shown = (keyword: string, n: KaNode | undefined) => {
  if (keyword === 'authentication') return n ? 'set' : 'none';
  if (!n) return 'unset';
  const r = redactNode(n);
  return r.children ? r.children.map(nodeText).join(', ') || 'empty' : r.values.join(' ');
};

/** Parses, or says why it cannot: a config that cannot be read is treated as disruptive. */
export function parseOrWhy(conf: string): KaNode[] | string {
  try {
    return parseKeepalivedConf(conf);
  } catch (e) {
    return (e as Error).message;
  }
}

export function classifyConfigChange(current: string, next: string): Classified[] {
  const before = parseOrWhy(current);
  const after = parseOrWhy(next);
  if (typeof before === 'string')
    return [{ class: 'disruptive', reason: `the keepalived.conf on the host cannot be read (${before}): treated as a restart` }];
  if (typeof after === 'string') throw new Error(`rendered keepalived.conf cannot be parsed: ${after}`); // lvs-play rendered it: a bug
  const out: Classified[] = [];
  const old = instances(before);
  for (const [name, inst] of instances(after)) {
    const was = old.get(name);
    if (!was) {
      out.push({ class: 'reload-safe', reason: `vrrp_instance ${name} is new` });
      continue;
    }
    for (const keyword of [...RECREATES, ...MUST_AGREE]) {
      const a = child(was, keyword);
      const b = child(inst, keyword);
      if (text(a) === text(b)) continue;
      const what = `vrrp_instance ${name}: ${keyword} ${shown(keyword, a)} -> ${shown(keyword, b)}`;
      if (RECREATES.includes(keyword))
        out.push({ class: 'disruptive', reason: `${what} (keepalived deletes and recreates the instance: the VIP drops)` });
      if (MUST_AGREE.includes(keyword) || BOTH.includes(keyword))
        out.push({ class: 'must-agree', reason: `${what} (peers reject adverts that differ)` });
    }
    const rest = (n: KaNode) =>
      (n.children ?? [])
        .filter((c) => !RECREATES.includes(c.keyword) && !MUST_AGREE.includes(c.keyword))
        .map(nodeText)
        .join('; ');
    if (rest(was) !== rest(inst))
      out.push({ class: 'reload-safe', reason: `vrrp_instance ${name}: ${changedKeywords(was, inst).join(', ')} changed` });
  }
  for (const name of old.keys())
    if (!instances(after).has(name)) out.push({ class: 'reload-safe', reason: `vrrp_instance ${name} is removed` });
  const others = (conf: KaNode[]) => conf.filter((n) => n.keyword !== 'vrrp_instance');
  const changedBlocks = blockChanges(others(before), others(after));
  if (changedBlocks.length) out.push({ class: 'reload-safe', reason: `${changedBlocks.join(', ')} changed` });
  return out;
}

/** The keywords of two blocks whose lines differ, in order, each once. */
function changedKeywords(a: KaNode, b: KaNode): string[] {
  const lines = (n: KaNode) => (n.children ?? []).map((c) => ({ k: c.keyword, t: nodeText(c) }));
  const la = lines(a);
  const lb = lines(b);
  const seen = new Set<string>();
  for (const x of [...la.filter((l) => !lb.some((m) => m.t === l.t)), ...lb.filter((l) => !la.some((m) => m.t === l.t))]) seen.add(x.k);
  return [...seen];
}

/** Top-level blocks (by keyword and values) that were added, removed or changed. */
function blockChanges(before: KaNode[], after: KaNode[]): string[] {
  const key = (n: KaNode) => [n.keyword, ...n.values].join(' ');
  const name = (n: KaNode) => key(redactNode(n));
  const a = new Map(before.map((n) => [key(n), { text: nodeText(n), name: name(n) }]));
  const b = new Map(after.map((n) => [key(n), { text: nodeText(n), name: name(n) }]));
  const out: string[] = [];
  for (const [k, x] of b) if (a.get(k)?.text !== x.text) out.push(a.has(k) ? x.name : `${x.name} (new)`);
  for (const [k, x] of a) if (!b.has(k)) out.push(`${x.name} (removed)`);
  return out;
}
