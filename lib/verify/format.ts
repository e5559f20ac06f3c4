// The report as a table of plain aligned columns (check, host/VIP, status,
// detail) and a verdict line: the same text on a terminal and in a pipe or a
// CI log. Colour only on a terminal that allows it (NO_COLOR unset).

import type { CheckStatus, VerifyReport } from './types.js';

const COLOURS: Record<CheckStatus, string> = { pass: '32', degraded: '33', fail: '31', 'not-checkable': '36' };

export function formatReport(report: VerifyReport, opts: { colour?: boolean } = {}): string {
  const header = ['CHECK', 'HOST/VIP', 'STATUS', 'DETAIL'];
  const rows = report.checks.map((c) => [c.check, c.target, c.status, c.detail]);
  const width = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const paint = (status: string, padded: string) =>
    opts.colour ? `\x1b[${COLOURS[status as CheckStatus] ?? '0'}m${padded}\x1b[0m` : padded;
  const line = (r: string[], isHeader = false) =>
    [r[0]!.padEnd(width[0]!), r[1]!.padEnd(width[1]!), isHeader ? r[2]!.padEnd(width[2]!) : paint(r[2]!, r[2]!.padEnd(width[2]!)), r[3]!]
      .join('  ')
      .trimEnd();
  const c = report.counts;
  const unchecked = c['not-checkable'] ? `${c['not-checkable']} not checkable (not counted as passed)` : '0 not checkable';
  const summary = `${report.cluster}: ${c.pass} pass, ${c.degraded} degraded, ${c.fail} fail, ${unchecked}: exit ${report.exitCode}, ${report.verdict}`;
  return [line(header, true), ...rows.map((r) => line(r)), '', summary].join('\n');
}
