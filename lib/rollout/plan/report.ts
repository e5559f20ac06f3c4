// What a rollout did, stage by stage: plain data, printed as text or JSON.

import type { HostReport } from '../../run/report.js';
import type { StageKind } from './types.js';

export type StageStatus = 'done' | 'failed' | 'not-started';

export interface StageOutcome {
  stage: number; // 1-based, as the plan prints it
  kind: StageKind;
  hosts: string[];
  status: StageStatus;
  error?: string;
  /** the deploy engine's report of each host changed */
  hostReports: HostReport[];
  /** hosts rolled back after a later step of the stage failed */
  rolledBack: { host: string; undone: string[]; failed: string[] }[];
  /** what this platform could not show (no IPVS table), and restorations that did not complete */
  notes: string[];
  durationMs: number;
}

export interface RolloutReport {
  cluster: string;
  inventory: string;
  runId: string;
  startedAt: string;
  durationMs: number;
  status: 'ok' | 'failed' | 'interrupted';
  stages: StageOutcome[];
  /** where each VIP is at the end: "198.18.0.100 on lvs-dr; ..." */
  vips: string;
}

export function formatRolloutReport(r: RolloutReport): string {
  const lines = [`ROLLOUT ${r.cluster} (${r.inventory}): ${r.status} in ${(r.durationMs / 1000).toFixed(1)}s, run ${r.runId}`];
  for (const s of r.stages) {
    lines.push(
      `  stage ${s.stage} ${s.kind} ${s.hosts.join(', ')}: ${s.status}${s.status === 'not-started' ? '' : ` (${(s.durationMs / 1000).toFixed(1)}s)`}`,
    );
    if (s.error) lines.push(`    FAILED: ${s.error}`);
    for (const h of s.hostReports) {
      const changed = h.tasks.filter((t) => t.status === 'changed').map((t) => t.task);
      lines.push(
        `    ${h.host}: ${h.status}${changed.length ? ` (${changed.join(', ')})` : ''}${h.rolledBack ? `, rolled back ${h.rolledBack.length} change(s)` : ''}`,
      );
    }
    for (const b of s.rolledBack)
      lines.push(
        `    ROLLED BACK ${b.host}: ${b.undone.length} change(s) undone${b.failed.length ? `; FAILED: ${b.failed.join('; ')}` : ''}`,
      );
    for (const n of s.notes) lines.push(`    note: ${n}`);
  }
  lines.push(`VIPS ${r.vips}`);
  return lines.join('\n');
}
