// The end-of-run summary: one line per host with counts, then what drifted
// (check) or failed (deploy), naming host, task and what differs.

import { describeInterrupted } from '../run/interrupted.js';
import type { RunReport, TaskStatus } from '../run/report.js';

const COUNTED: TaskStatus[] = ['ok', 'changed', 'failed', 'skipped', 'unreachable'];

/** From this many hosts on, hosts with the same counts share a line, and so do identical DRIFT, FAILED and UNREACHABLE lines
 * (the per-host list stays in --json). Below it, one line per host as before. */
export const GROUP_RECAP_FROM = 21;

export function recap(report: RunReport): string {
  const lines: string[] = [];
  const verb = report.mode === 'check' ? 'check' : 'deploy';
  lines.push(
    `RECAP ${verb} ${report.cluster} (${report.inventory}): ${report.hosts.length} host(s) in ${(report.durationMs / 1000).toFixed(1)}s`,
  );
  const grouped = report.hosts.length >= GROUP_RECAP_FROM;
  const countsOf = (h: RunReport['hosts'][number]) =>
    COUNTED.map((s) => `${report.mode === 'check' && s === 'changed' ? 'drift' : s}=${h.tasks.filter((t) => t.status === s).length}`).join(
      ' ',
    );
  if (grouped) {
    for (const [counts, hosts] of groupBy(report.hosts.map((h) => [countsOf(h), h.host]))) lines.push(`  ${counts}  ${hostList(hosts)}`);
  } else {
    const width = Math.max(4, ...report.hosts.map((h) => h.host.length));
    for (const h of report.hosts) lines.push(`  ${h.host.padEnd(width)}  ${countsOf(h)}`);
  }
  // per host, in order: what drifted or failed, then what happened to the host
  const findings: Finding[] = [];
  const perHost: string[] = [];
  for (const h of report.hosts) {
    const mine: Finding[] = [];
    for (const t of h.tasks) {
      if (t.status === 'changed' && report.mode === 'check')
        for (const c of t.changes) mine.push(finding(`DRIFT \u0000 ${t.task}: `, c.summary, h.host));
      if (t.status === 'failed') mine.push(finding(`FAILED \u0000 ${t.task}: `, t.error ?? '', h.host));
    }
    if (h.status === 'unreachable') mine.push(finding('UNREACHABLE \u0000: ', h.error ?? '', h.host, true));
    // a host that failed outside its tasks (stopped on its last change, an interrupted run it could not undo) or was
    // never started (--max-fail, a stopped run): its reason, which no task line carries
    else if (h.error && !h.tasks.some((t) => t.status === 'failed'))
      mine.push(finding(h.status === 'skipped' ? 'SKIPPED \u0000: ' : 'FAILED \u0000: ', h.error, h.host));
    const events: string[] = [];
    for (const r of h.interrupted ?? []) {
      events.push(
        r.rolledBack
          ? `RECOVERED ${h.host}: ${describeInterrupted(r, 'recovered')}`
          : `INTERRUPTED ${h.host}: ${describeInterrupted(r, 'found')}; lvs-play deploy (or lvs-play recover) rolls it back first`,
      );
    }
    if (h.runInProgress) events.push(`IN PROGRESS ${h.host}: another run holds this host: ${h.runInProgress}`);
    if (h.rolledBack)
      events.push(
        `ROLLED BACK ${h.host}: ${h.rolledBack.length} change(s) undone${h.rolledBack.length ? `: ${h.rolledBack.join('; ')}` : ''}`,
      );
    if (h.rollbackFailed) events.push(`ROLLBACK INCOMPLETE ${h.host}: ${h.rollbackFailed.join('; ')}`);
    if (h.packagesInstalled?.length)
      events.push(
        `INSTALLED ${h.host}: ${h.packagesInstalled.join(' ')}${h.rolledBack ? ' (packages stay installed after a rollback)' : ''}`,
      );
    if (grouped) {
      findings.push(...mine);
      perHost.push(...events);
    } else {
      lines.push(...mine.map((f) => withHost(f.line, f.host)), ...events);
    }
  }
  const firstOf = new Map<string, Finding>();
  for (const f of findings) if (!firstOf.has(f.key)) firstOf.set(f.key, f);
  for (const [key, hosts] of groupBy(findings.map((f) => [f.key, f.host]))) {
    const first = firstOf.get(key)!;
    lines.push(hosts.length > 1 ? withHost(key, `on ${hosts.length} hosts (${hostList(hosts)})`) : withHost(first.line, first.host));
  }
  lines.push(...perHost);
  return lines.join('\n');
}

/**
 * A line of the recap about one host, and the key it is grouped by: the same
 * text with the host's own name (and, for a host that could not be reached,
 * the addresses in the connection error, which are its own) in neutral words,
 * so 200 hosts refused for the same reason make one line, not 200.
 */
interface Finding {
  line: string; // with \u0000 where the host goes
  key: string;
  host: string;
}

function finding(head: string, message: string, host: string, ownAddresses = false): Finding {
  // a HostError's message starts with the host's name, which the line already says
  const detail = message.startsWith(`${host}: `) ? message.slice(host.length + 2) : message;
  let neutral = detail.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(host)}(?![\\w-])`, 'g'), '<host>');
  if (ownAddresses) neutral = neutral.replace(/(?<![\d.])\d{1,3}(\.\d{1,3}){3}(?![\d.])/g, '<address>');
  return { line: head + detail, key: head + neutral, host };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "DRIFT \u0000 task: ..." with the host (or "on N hosts (...)") in place of the marker; "UNREACHABLE host: ...". */
function withHost(line: string, host: string): string {
  return line.replace('\u0000', host);
}

/** [key, host] pairs -> key -> hosts, keys in order of first appearance. */
function groupBy(pairs: [string, string][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  // appended in place: copying a group's list for each host would cost hosts^2 for 2,000 identical hosts
  for (const [key, host] of pairs) {
    const hosts = out.get(key);
    if (hosts) hosts.push(host);
    else out.set(key, [host]);
  }
  return out;
}

/** A few names, then how many more: "web001, web002, web003, web004, web005 +195". */
function hostList(hosts: string[], shown = 5): string {
  return hosts.length <= shown ? hosts.join(', ') : `${hosts.slice(0, shown).join(', ')} +${hosts.length - shown}`;
}
