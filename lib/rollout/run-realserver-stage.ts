// Carries out a real-server stage: a gate (every service keeps another real
// server answering), drain on every director (recorded on the
// control machine first), wait for connections to finish, change, check the
// health check sees them serving, undrain, confirm the weights. The undrain
// is in a finally: a failed change (rolled back), a failed check (the hosts
// are rolled back), a timeout or Ctrl-C all end with the real servers
// undrained. Only a run killed outright skips it, and the record says so.
// Real servers the operator drained by hand (`lvs-play drain`) are changed
// while out of the pool and stay drained: the plan has no check, undrain or
// confirm for them.

import { type Changed, changeHosts, failed, forgetChanged, rollBackChanged } from './change-hosts.js';
import { checkSignal, directorsAccess, hostOf, type RolloutContext } from './context.js';
import { viewAll } from './director-checks.js';
import { ChangeFailed, WaitTimeout } from './errors.js';
import { drainSwitchesOn, outOfPool } from './out-of-pool.js';
import { describeAction } from './plan/describe.js';
import type { StageOutcome } from './plan/report.js';
import type { Action, Stage } from './plan/types.js';
import { checkCapacity, checkServing, connectionsProbe, tablesUnreadable, weightsProbe } from './realserver-checks.js';
import { waitUntil } from './wait-until.js';

type Of<K extends Action['kind']> = Extract<Action, { kind: K }>;

export async function runRealServerStage(ctx: RolloutContext, stage: Stage, outcome: StageOutcome): Promise<void> {
  const find = <K extends Action['kind']>(k: K) => stage.actions.find((a): a is Of<K> => a.kind === k)!;
  // absent when every host of the batch was drained by hand: those stay drained, unchecked
  const maybe = <K extends Action['kind']>(k: K) => stage.actions.find((a): a is Of<K> => a.kind === k);
  const drain = find('drain');
  const access = directorsAccess(ctx);
  const views = () => viewAll(access, true);
  const log = (a: Action) => ctx.log(`${stage.hosts.join(', ')}: ${describeAction(a, ctx)}`);
  const sub = (l: string) => ctx.log(`  ${l}`);
  let changed: Changed[] = [];
  let drained = false;
  try {
    const from = access.directors[0]!;
    const capacity = maybe('capacity');
    if (capacity) {
      log(capacity);
      // the directors' own switches too: a drain this machine's record does not list still takes a server out
      const out = outOfPool(capacity.drainedByHand ?? [], await drainSwitchesOn(access.directors, ctx.connect), capacity.realServers);
      sub(`${(await checkCapacity(ctx.cluster, await ctx.connect(from), capacity.realServers, out)).join('; ')} (asked from ${from.name})`);
    }
    checkSignal(ctx, describeAction(drain, ctx));
    log(drain);
    drained = true; // from here on the finally undrains: the switch may be half set
    await ctx.switchboard.drain(drain.realServers, drain.directors);

    const conns = find('wait-connections');
    checkSignal(ctx, describeAction(conns, ctx));
    log(conns);
    const unreadable = tablesUnreadable(ctx.cluster, await views());
    if (unreadable) outcome.notes.push(note(sub, `connections not observable: ${unreadable}`));
    else {
      try {
        await waitUntil(
          { what: 'for connections to finish', timeoutMs: conns.timeoutMs, log: sub, signal: ctx.signal },
          connectionsProbe(ctx.cluster, views, conns.realServers),
        );
      } catch (err) {
        if (!(err instanceof WaitTimeout)) throw err;
        outcome.notes.push(note(sub, `connections still active after ${conns.timeoutMs / 1000} s, going on: ${err.lastState}`));
      }
    }

    const change = find('change');
    checkSignal(ctx, describeAction(change, ctx));
    log(change);
    changed = await changeHosts(
      ctx,
      change.hosts.map((h) => hostOf(ctx.cluster, h)),
    );
    outcome.hostReports.push(...changed.map((c) => c.report));
    const bad = changed.filter(failed);
    if (bad.length)
      throw new ChangeFailed(
        bad.map((c) => `${c.host.name}: ${c.report.error ?? c.report.status}${c.report.rolledBack ? ' (rolled back)' : ''}`).join('; '),
        { hosts: bad.map((c) => c.host.name) },
      );
    // Ctrl-C during the change: the change ran to its end (a step is never cut), and is now rolled back. Checked
    // here, not only at the next step: a batch drained by hand has none after it
    checkSignal(ctx, `after ${describeAction(change, ctx)}`);

    const serving = maybe('check-serving');
    if (serving) {
      checkSignal(ctx, describeAction(serving, ctx));
      log(serving);
      sub(`answered from ${from.name}: ${(await checkServing(ctx.cluster, await ctx.connect(from), serving.realServers)).join('; ')}`);
    }
    for (const c of changed) await forgetChanged(ctx, c);
    changed = [];
  } catch (err) {
    outcome.error = ctx.redact((err as Error).message);
    ctx.log(`FAILED: ${outcome.error}`);
    for (const c of changed.filter((x) => !failed(x))) {
      const r = await rollBackChanged(ctx, c).catch((e: Error) => ({ undone: [], failed: [e.message] }));
      outcome.rolledBack.push({ host: c.host.name, ...r });
      ctx.log(`${c.host.name}: rolled back ${r.undone.length} change(s)${r.failed.length ? `; FAILED: ${r.failed.join('; ')}` : ''}`);
    }
    throw err;
  } finally {
    if (drained) await undrain(ctx, stage, outcome, maybe, views, sub);
  }
}

async function undrain(
  ctx: RolloutContext,
  stage: Stage,
  outcome: StageOutcome,
  maybe: <K extends Action['kind']>(k: K) => Of<K> | undefined,
  views: () => Promise<import('./director-view.js').DirectorView[]>,
  sub: (l: string) => void,
): Promise<void> {
  const u = maybe('undrain');
  if (!u) return; // every host of the batch was drained by hand: it stays so
  ctx.log(`${stage.hosts.join(', ')}: ${describeAction(u, ctx)}`);
  try {
    await ctx.switchboard.undrain(u.realServers, u.directors);
  } catch (err) {
    const m = `UNDRAIN INCOMPLETE (still recorded; lvs-play deploy or lvs-play undrain clears it): ${(err as Error).message}`;
    outcome.notes.push(note(sub, m));
    outcome.error ??= m;
    return;
  }
  const confirm = maybe('confirm-weights')!;
  ctx.log(`${stage.hosts.join(', ')}: ${describeAction(confirm, ctx)}`);
  const unreadable = tablesUnreadable(ctx.cluster, await views());
  if (unreadable) {
    outcome.notes.push(note(sub, `weights not checkable: ${unreadable}`));
    return;
  }
  try {
    // not aborted by Ctrl-C: an undrain is always confirmed or reported
    await waitUntil(
      { what: "for the inventory's weights", timeoutMs: confirm.timeoutMs, log: sub },
      weightsProbe(ctx.cluster, views, confirm.realServers, confirm.directors),
    );
  } catch (err) {
    const m = `weights not back: ${(err as Error).message}`;
    outcome.notes.push(note(sub, m));
    outcome.error ??= m;
  }
}

function note(sub: (l: string) => void, m: string): string {
  sub(m);
  return m;
}
