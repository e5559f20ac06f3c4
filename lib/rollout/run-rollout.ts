// `lvs-play rollout` (and `deploy --rolling`): read every host once, plan,
// print the plan, and with --check stop there (exit 2 if anything would
// change, 0 if nothing, 1 if a host cannot be read). Otherwise undo what an
// interrupted run left set, carry the plan out, and exit 0, or 1 naming the
// stage that failed and where every VIP is.

import { UserError } from '../errors.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster, Host } from '../inventory/types.js';
import { WriteSession } from '../lock/write-session.js';
import type { Playbook } from '../playbook.js';
import { versioned } from '../report/json-format.js';
import { plainObserver } from '../report/plain-observer.js';
import { describeInterrupted, rollBackInterrupted } from '../run/interrupted.js';
import { secretsRedactor } from '../run/redactor.js';
import { ConnectionPool } from '../ssh/pool.js';
import type { RouteGuard } from '../ssh/route-guard.js';
import { directorsAccess, type RolloutContext } from './context.js';
import { executePlan } from './execute.js';
import { clearInstanceSwitches } from './instance-moves.js';
import { onInterrupt } from './interrupt.js';
import type { BatchSpec } from './plan/batches.js';
import { formatPlan } from './plan/format.js';
import { planRollout } from './plan/plan.js';
import { formatRolloutReport, type RolloutReport } from './plan/report.js';
import type { HostState, RolloutPlan, Stage } from './plan/types.js';
import { readHost, roleOf } from './read-hosts.js';
import { assertNotRunning, clearRecordedHandovers, undrainRecorded } from './recover.js';
import { readRecord, type SwitchRecordData } from './switch-record.js';
import { Switchboard } from './switchboard.js';

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
  /** checked before every connection (ConnectOptions.routeGuard) */
  routeGuard?: RouteGuard;
  /** stdout, and progress (stderr under --json) */
  out(text: string): void;
  progress(line: string): void;
  command: string;
}

export async function runRollout(o: RolloutOptions): Promise<number> {
  const redact = secretsRedactor(o.cluster);
  const directors = o.cluster.groups[DIRECTORS] ?? [];
  const toRead = o.cluster.hosts.filter((h) => o.hosts.includes(h) || roleOf(o.cluster, h.name) === 'director');
  if (o.check) {
    // read-only: no lock taken; a run in progress is said, not waited for
    const pool = new ConnectionPool(o.cluster.hosts, { acceptNewHostKeys: o.acceptNewHostKeys, routeGuard: o.routeGuard });
    try {
      const states = await Promise.all(toRead.map((h) => readHost(o.cluster, o.playbook, h, () => pool.get(h), redact)));
      for (const s of states) if (s.runInProgress) o.progress(`note: ${s.host}: a write run is in progress: ${s.runInProgress}`);
      const plan = planFrom(o, states, await readRecord(o.cluster.name));
      const changes = new Map(states.map((s) => [s.host, s.changes]));
      o.out(
        o.json
          ? JSON.stringify(versioned(planJson(plan, changes, o.inventoryFile)), null, 2)
          : formatPlan(plan, changes, o.inventoryFile, { rollback: o.rollback }),
      );
      return plan.problems.length ? 1 : plan.stages.length || plan.interrupted.length || plan.leftSwitches.length ? 2 : 0;
    } finally {
      await pool.closeAll();
    }
  }

  const session = await WriteSession.open({
    cluster: o.cluster,
    command: o.command,
    acceptNewHostKeys: o.acceptNewHostKeys,
    routeGuard: o.routeGuard,
    hosts: toRead,
  });
  const runId = session.runId;
  const connect = (h: Host) => session.connect(h);
  try {
    // a nopreempt cluster's VIPs go back where they are when read: instance switches a killed run left are cleared first
    const leftover = await readRecord(o.cluster.name);
    if (leftover?.handovers.some((h) => h.instance)) {
      assertNotRunning(leftover, o.cluster.name);
      const board = await Switchboard.open({ cluster: o.cluster, inventoryFile: o.inventoryFile, runId, command: o.command, connect });
      const access = { cluster: o.cluster, directors: o.cluster.hosts.filter((h) => directors.includes(h.name)), connect, redact };
      await clearInstanceSwitches(board, access, board.record.handovers, { timeoutMs: 60_000 }, (l) =>
        o.progress(redact(`[rollout] ${l}`)),
      );
    }
    const read = () => Promise.all(toRead.map((h) => readHost(o.cluster, o.playbook, h, () => connect(h), redact, runId)));
    let states = await read();
    // runs interrupted on these hosts are rolled back before anything is planned
    const left = states.filter((s) => s.interrupted?.length);
    if (left.length) {
      for (const s of left) {
        const host = toRead.find((h) => h.name === s.host)!;
        for (const r of await rollBackInterrupted(await connect(host), s.interrupted!)) {
          o.progress(redact(`[rollout] ${s.host}: ${describeInterrupted(r, 'recovered')}`));
          if (r.rolledBack!.failed.length)
            throw new UserError(`rollout not started: ${s.host}: an interrupted run could not be rolled back`, {
              hint: `lvs-play recover ${o.inventoryFile} --limit ${s.host} shows what is left`,
            });
        }
      }
      states = await read();
    }
    // the record as read before the instance switches were cleared: the plan names what the run cleared, as --check did
    const plan = planFrom(o, states, leftover);
    const changes = new Map(states.map((s) => [s.host, s.changes]));
    o.progress(formatPlan(plan, changes, o.inventoryFile, { rollback: o.rollback }));
    if (plan.problems.length)
      throw new UserError(`rollout not started: ${plan.problems.map((p) => `${p.host}: ${p.error}`).join('; ')}`, {
        hint: 'every host the rollout touches, and every director, must be readable',
      });

    const old = await readRecord(o.cluster.name);
    if (old) assertNotRunning(old, o.cluster.name);
    const switchboard = await Switchboard.open({ cluster: o.cluster, inventoryFile: o.inventoryFile, runId, command: o.command, connect });
    const controller = new AbortController();
    const ctx: RolloutContext = {
      cluster: o.cluster,
      playbook: o.playbook,
      runId,
      holder: session.holder,
      inventoryFile: o.inventoryFile,
      connect,
      redact,
      rollback: o.rollback,
      switchboard,
      signal: controller.signal,
      log: (line) => o.progress(redact(`[rollout] ${line}`)),
      observer: plainObserver((line) => o.progress(redact(`[rollout]   ${line}`)), 'deploy'),
    };
    const off = onInterrupt(controller, () => switchboard.undrain(switchboard.drainedByRuns, directors), ctx.log);
    let report: RolloutReport;
    try {
      await undrainRecorded(switchboard, o.cluster, ctx.log);
      report = await executePlan(ctx, plan);
      // handovers an earlier, interrupted run left set: undone once everything converged
      if (report.status === 'ok' && switchboard.record.handovers.length)
        await clearRecordedHandovers(switchboard, directorsAccess(ctx), ctx.log);
    } finally {
      off();
    }
    o.out(o.json ? JSON.stringify(versioned(report), null, 2) : formatRolloutReport(report));
    return report.status === 'ok' ? 0 : 1;
  } finally {
    await session.close();
  }
}

function planFrom(o: RolloutOptions, states: HostState[], record: SwitchRecordData | null): RolloutPlan {
  return planRollout({
    cluster: o.cluster,
    states,
    record,
    selected: o.hosts.map((h) => h.name),
    batch: o.batch,
    drainTimeoutMs: o.drainTimeoutMs,
  });
}

/** `rollout --check --json`: the plan, each stage with the changes of its hosts */
export type RolloutPlanReport = { inventory: string } & Omit<RolloutPlan, 'stages'> & {
    stages: (Stage & { changes: Record<string, { task: string; summary: string }[]> })[];
  };

function planJson(plan: RolloutPlan, changes: Map<string, { task: string; summary: string }[]>, inventory: string): RolloutPlanReport {
  return {
    inventory,
    ...plan,
    stages: plan.stages.map((s) => ({ ...s, changes: Object.fromEntries(s.hosts.map((h) => [h, changes.get(h) ?? []])) })),
  };
}
