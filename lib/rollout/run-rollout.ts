// `lvs-play rollout` (and `deploy --rolling`): read every host once, plan,
// print the plan, and with --check stop there (exit 2 if anything would
// change, 0 if nothing, 1 if a host cannot be read). Otherwise undo what an
// interrupted run left set, carry the plan out, and exit 0, or 1 naming the
// stage that failed and where every VIP is.

import { UserError } from '../errors.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import type { Playbook } from '../playbook.js';
import { plainObserver } from '../report/plain-observer.js';
import { secretsRedactor } from '../run/redactor.js';
import { newRunId } from '../run/runner.js';
import { ConnectionPool } from '../ssh/pool.js';
import type { BatchSpec } from './batches.js';
import { directorsAccess, type RolloutContext } from './context.js';
import { executePlan } from './execute.js';
import { formatPlan } from './format.js';
import { onInterrupt } from './interrupt.js';
import { planRollout } from './plan.js';
import { readHost, roleOf } from './read-hosts.js';
import { assertNotRunning, clearRecordedHandovers, undrainRecorded } from './recover.js';
import { formatRolloutReport, type RolloutReport } from './report.js';
import { readRecord } from './switch-record.js';
import { Switchboard } from './switchboard.js';
import type { RolloutPlan } from './types.js';

export interface RolloutOptions {
  cluster: Cluster;
  inventoryFile: string;
  playbook: Playbook;
  /** the hosts to change (--limit); every director is read and gated on anyway */
  hosts: Host[];
  batch: BatchSpec;
  drainTimeoutMs: number;
  check: boolean;
  rollback: boolean;
  json: boolean;
  acceptNewHostKeys: boolean;
  /** stdout, and progress (stderr under --json) */
  out(text: string): void;
  progress(line: string): void;
  command: string;
}

export async function runRollout(o: RolloutOptions): Promise<number> {
  const redact = secretsRedactor(o.cluster);
  const pool = new ConnectionPool(o.cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys });
  const runId = newRunId();
  try {
    const directors = o.cluster.groups[DIRECTORS] ?? [];
    const toRead = o.cluster.hosts.filter((h) => o.hosts.includes(h) || directors.includes(h.name));
    const states = await Promise.all(toRead.filter((h) => o.hosts.includes(h) || roleOf(o.cluster, h.name) === 'director')
      .map((h) => readHost(o.cluster, o.playbook, h, () => pool.get(h), redact)));
    const plan = planRollout({ cluster: o.cluster, states, selected: o.hosts.map((h) => h.name), batch: o.batch, drainTimeoutMs: o.drainTimeoutMs });
    const changes = new Map(states.map((s) => [s.host, s.changes]));
    const text = formatPlan(plan, changes, o.inventoryFile);
    if (o.check) {
      o.out(o.json ? JSON.stringify(planJson(plan, changes, o.inventoryFile), null, 2) : text);
      return plan.problems.length ? 1 : plan.stages.length ? 2 : 0;
    }
    o.progress(text);
    if (plan.problems.length) throw new UserError(`rollout not started: ${plan.problems.map((p) => `${p.host}: ${p.error}`).join('; ')}`, { hint: 'every host the rollout touches, and every director, must be readable' });

    const old = await readRecord(o.cluster.name);
    if (old) assertNotRunning(old, o.cluster.name);
    const switchboard = await Switchboard.open({ cluster: o.cluster, inventoryFile: o.inventoryFile, runId, command: o.command, connect: (h) => pool.get(h) });
    const controller = new AbortController();
    const ctx: RolloutContext = {
      cluster: o.cluster, playbook: o.playbook, runId, inventoryFile: o.inventoryFile, connect: (h) => pool.get(h), redact,
      rollback: o.rollback, switchboard, signal: controller.signal,
      log: (line) => o.progress(redact(`[rollout] ${line}`)),
      observer: plainObserver((line) => o.progress(redact(`[rollout]   ${line}`)), 'deploy'),
    };
    const off = onInterrupt(controller, () => switchboard.undrain(switchboard.drained, directors), ctx.log);
    let report: RolloutReport;
    try {
      await undrainRecorded(switchboard, ctx.log);
      report = await executePlan(ctx, plan);
      // handovers an earlier, interrupted run left set: undone once everything converged
      if (report.status === 'ok' && switchboard.record.handovers.length) await clearRecordedHandovers(switchboard, directorsAccess(ctx), ctx.log);
    } finally {
      off();
    }
    o.out(o.json ? JSON.stringify(report, null, 2) : formatRolloutReport(report));
    return report.status === 'ok' ? 0 : 1;
  } finally {
    await pool.closeAll();
  }
}

function planJson(plan: RolloutPlan, changes: Map<string, { task: string; summary: string }[]>, inventory: string) {
  return { inventory, ...plan, stages: plan.stages.map((s) => ({ ...s, changes: Object.fromEntries(s.hosts.map((h) => [h, changes.get(h) ?? []])) })) };
}
