// Runs a rollout plan stage by stage. A stage that fails has already rolled
// its own hosts back and undone its switches (its runner does that); the
// rollout then stops: later stages are not started, and the report says
// where every VIP is.

import { UserError } from '../errors.js';
import { changeHosts, failed, forgetChanged } from './change-hosts.js';
import { directorsAccess, hostOf, type RolloutContext } from './context.js';
import { viewAll } from './director-checks.js';
import { describeHolders } from './director-view.js';
import { Interrupted } from './errors.js';
import type { RolloutReport, StageOutcome } from './plan/report.js';
import type { RolloutPlan } from './plan/types.js';
import { runDirectorStage } from './run-director-stage.js';
import { runRealServerStage } from './run-realserver-stage.js';

export async function executePlan(ctx: RolloutContext, plan: RolloutPlan): Promise<RolloutReport> {
  const started = new Date();
  const outcomes: StageOutcome[] = plan.stages.map((s, i) => ({
    stage: i + 1,
    kind: s.kind,
    hosts: s.hosts,
    status: 'not-started',
    hostReports: [],
    rolledBack: [],
    notes: [],
    durationMs: 0,
  }));
  let status: RolloutReport['status'] = 'ok';
  for (const [i, stage] of plan.stages.entries()) {
    const outcome = outcomes[i]!;
    const t0 = Date.now();
    ctx.log(`=== stage ${i + 1}/${plan.stages.length}: ${stage.kind} ${stage.hosts.join(', ')}`);
    try {
      if (ctx.signal.aborted) throw new Interrupted(`before stage ${i + 1}`);
      if (stage.kind === 'director' || stage.kind === 'directors-agree') await runDirectorStage(ctx, stage, outcome);
      else if (stage.kind === 'realservers') await runRealServerStage(ctx, stage, outcome);
      else await runOther(ctx, stage.hosts, outcome);
      outcome.status = outcome.error ? 'failed' : 'done';
    } catch (err) {
      outcome.status = 'failed';
      outcome.error ??= ctx.redact(stageFailure(err));
      if (!(err instanceof UserError)) ctx.log(ctx.redact(`internal error: ${(err as Error).stack ?? String(err)}`));
      if (err instanceof Interrupted || ctx.signal.aborted) status = 'interrupted';
    }
    outcome.durationMs = Date.now() - t0;
    if (outcome.status === 'failed') {
      if (status === 'ok') status = 'failed';
      break;
    }
  }
  const vips = describeHolders(ctx.cluster, await viewAll(directorsAccess(ctx)));
  ctx.log(`VIPs: ${vips}`);
  return {
    cluster: ctx.cluster.name,
    inventory: ctx.inventoryFile,
    runId: ctx.runId,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    status,
    stages: outcomes,
    vips,
  };
}

/** A host with no part in load balancing: the deploy engine's run, rolled back on failure. */
async function runOther(ctx: RolloutContext, hosts: string[], outcome: StageOutcome): Promise<void> {
  ctx.log(`${hosts.join(', ')}: change`);
  const changed = await changeHosts(
    ctx,
    hosts.map((h) => hostOf(ctx.cluster, h)),
  );
  outcome.hostReports.push(...changed.map((c) => c.report));
  for (const c of changed) await forgetChanged(ctx, c);
  const bad = changed.filter(failed);
  if (bad.length) outcome.error = bad.map((c) => `${c.host.name}: ${c.report.error ?? c.report.status}`).join('; ');
}

/** A stage's failure as the report says it: a host's or a check's failure as it is, anything else as the bug it is. */
export function stageFailure(err: unknown): string {
  if (err instanceof UserError) return err.message;
  return `internal error in lvs-play (please report it; the stage was rolled back): ${err instanceof Error ? err.message : String(err)}`;
}
