// keepalived on each director: the service runs, and its files are the ones
// lvs-play renders, compared by content (not by mtime). A stopped keepalived
// is degraded, not down: its peer takes its VIPs (the VIP rows say whether
// it did). A different config is a fail naming the host: the director runs
// something the inventory does not say.

import type { FileState } from '../facts/file.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { redactKeepalivedText } from '../keepalived/redact.js';
import { hostFiles } from '../render/host-files.js';
import { OS_LAYOUTS } from '../render/os-layout.js';
import { quoted } from '../terminal-text.js';
import { KEEPALIVED_UNIT, keepalivedFiles } from './facts.js';
import { firstDifference } from './text-difference.js';
import type { CheckResult, Observations, ReachedHost } from './types.js';

export function checkKeepalived(cluster: Cluster, obs: Observations): CheckResult[] {
  const directors = cluster.groups[DIRECTORS] ?? [];
  const out: CheckResult[] = [];
  for (const h of obs.hosts) {
    if (!h.reachable || !h.director || !directors.includes(h.host)) continue;
    out.push(serviceRow(h), configRow(cluster, h));
  }
  return out;
}

function serviceRow(h: ReachedHost): CheckResult {
  const s = h.director!.keepalived;
  const row = (status: CheckResult['status'], detail: string): CheckResult => ({
    check: 'keepalived',
    target: h.host,
    host: h.host,
    status,
    detail,
  });
  if (!s.exists) return row('fail', `${KEEPALIVED_UNIT} is not installed (run lvs-play deploy)`);
  const boot = s.enabled ? '' : '; not enabled at boot';
  if (!s.active)
    return row(
      'degraded',
      `keepalived is not running on ${h.host}: its VIPs are on its peer at best, and nothing backs up the peer${boot}`,
    );
  return row('pass', `running${boot}`);
}

function configRow(cluster: Cluster, h: ReachedHost): CheckResult {
  const row = (status: CheckResult['status'], detail: string): CheckResult => ({
    check: 'keepalived-config',
    target: h.host,
    host: h.host,
    status,
    detail,
  });
  const family = h.director!.osFamily;
  if (!family)
    return row(
      'fail',
      `${h.host}: its OS ${quoted(h.director!.osId || 'unknown')} is neither of the Debian nor of the RHEL family; lvs-play does not know where keepalived's options are`,
    );
  const layout = OS_LAYOUTS[family];
  const paths = keepalivedFiles(layout);
  const rendered = new Map(hostFiles(cluster, h.host, layout).map((f) => [f.path, f.content]));
  // a quoted line of keepalived.conf: its auth_pass value redacted before it is quoted
  const show = (line: string | null) => (line === null ? '(end of file)' : JSON.stringify(redactKeepalivedText(line.trim())));
  const problems: string[] = [];
  for (const path of paths) {
    const expected = rendered.get(path);
    const actual = h.director!.files.find((f: FileState) => f.path === path);
    if (expected === undefined || !actual) continue;
    if (!actual.exists) {
      problems.push(`${path} is missing`);
      continue;
    }
    const d = firstDifference(actual.content, expected);
    if (d)
      problems.push(`${path} differs from the rendered one at line ${d.line}: has ${show(d.actual)}, lvs-play renders ${show(d.expected)}`);
  }
  if (problems.length)
    return row('fail', `${h.host}: ${problems.join('; ')} (lvs-play check --diff shows it all; lvs-play deploy puts it back)`);
  return row('pass', `${paths.join(' and ')} are the rendered ones`);
}
