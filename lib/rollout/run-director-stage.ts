// Carries out a director stage (director-stage.ts made its actions). When a
// gate, a wait or a change fails (or Ctrl-C), it stops there: the directors
// this stage changed are rolled back (newest first, while their switches
// still keep them out of the way), then their switches are undone: a
// director taken out comes back in at priority 1 and proves it agrees, then
// each is handed its VIPs back. No other stage's host is touched.
// nopreempt: the instance switches this stage set are cleared (givers first),
// and each director of the stage takes back the VIPs it held when read.

import type { HandoverLevel, InstanceLevel } from '../render/switches.js';
import { serviceCommand } from '../run/step-commands.js';
import { type Changed, changeHosts, failed, forgetChanged, rollBackChanged } from './change-hosts.js';
import { checkSignal, directorsAccess, hostOf, type RolloutContext } from './context.js';
import { allHome, awayFrom, gate, homeOn, settledAlone, settledAway, takenProbe, vipProbe } from './director-checks.js';
import { ChangeFailed, KeepalivedServiceFailed } from './errors.js';
import { clearInstanceSwitches, handBackNow } from './instance-moves.js';
import { describeAction } from './plan/describe.js';
import type { StageOutcome } from './plan/report.js';
import type { Action, Stage } from './plan/types.js';
import { holdFor, waitUntil } from './wait-until.js';

const KEEPALIVED = 'keepalived.service';
/** a director coming back in proves it agrees over this long (it runs at priority 1: 3 x advert + ~advert) */
const CONFIRM_MS = 10_000;

interface State {
  changed: Changed[];
  levels: Map<string, HandoverLevel>;
  stopped: Set<string>;
  observe: Map<string, number>;
  /** nopreempt: instance switches set and not yet cleared, "director instance" -> level */
  instances: Map<string, { director: string; instance: string; level: Exclude<InstanceLevel, 'normal'> }>;
  /** nopreempt: where each VIP goes back to (the confirm action's holders) */
  holders: Record<string, string> | null;
}

export async function runDirectorStage(ctx: RolloutContext, stage: Stage, outcome: StageOutcome): Promise<void> {
  const state: State = { changed: [], levels: new Map(), stopped: new Set(), observe: new Map(), instances: new Map(), holders: null };
  for (const a of stage.actions) if (a.kind === 'settle' && !a.alone) state.observe.set(a.director, a.observeMs);
  for (const a of stage.actions) if (a.kind === 'confirm-vips' && a.holders) state.holders = a.holders;
  try {
    for (const a of stage.actions) {
      checkSignal(ctx, describeAction(a, ctx));
      ctx.log(`${who(a)}: ${describeAction(a, ctx)}`);
      await runAction(ctx, a, state, outcome);
    }
    for (const c of state.changed) await forgetChanged(ctx, c);
  } catch (err) {
    outcome.error = ctx.redact((err as Error).message);
    ctx.log(`FAILED: ${outcome.error}`);
    await restore(ctx, stage, state, outcome);
    throw err;
  }
}

function who(a: Action): string {
  if ('director' in a) return a.director;
  if (a.kind === 'change') return a.hosts.join(', ');
  return 'directors';
}

async function runAction(ctx: RolloutContext, a: Action, state: State, outcome: StageOutcome): Promise<void> {
  const access = directorsAccess(ctx);
  const wait = (what: string, timeoutMs: number) => ({ what, timeoutMs, log: (l: string) => ctx.log(`  ${l}`), signal: ctx.signal });
  switch (a.kind) {
    case 'gate':
      ctx.log(`  gate passed: ${await gate(access, a.director, a.changedPeers, wait('', a.timeoutMs))}`);
      return;
    case 'switch':
      await setSwitch(ctx, state, a.director, a.level, a.stop === true);
      return;
    case 'instance-switch':
      for (const i of a.instances) {
        const key = `${a.director} ${i}`;
        if (a.level === 'normal') continue;
        state.instances.set(key, { director: a.director, instance: i, level: a.level });
      }
      await ctx.switchboard.instanceSwitch(a.director, a.instances, a.level, a.forMs ?? 0);
      if (a.level === 'normal') for (const i of a.instances) state.instances.delete(`${a.director} ${i}`);
      return;
    case 'wait-vips-taken': {
      const ms = await waitUntil(
        wait(`for ${a.moves.map((m) => `${m.to} to take ${m.vip}`).join(', ')}`, a.timeoutMs),
        takenProbe(access, a.moves),
      );
      ctx.log(`  ${a.moves.map((m) => `${m.vip} on ${m.to}`).join(', ')} after ${(ms / 1000).toFixed(1)} s`);
      return;
    }
    case 'wait-vips-away': {
      const ms = await waitUntil(
        wait(`for ${a.director}'s VIPs to move to its peers`, a.timeoutMs),
        vipProbe(access, awayFrom(a.director)),
      );
      ctx.log(`  ${a.director} holds no VIP after ${(ms / 1000).toFixed(1)} s`);
      return;
    }
    case 'change': {
      const changed = await changeHosts(
        ctx,
        a.hosts.map((h) => hostOf(ctx.cluster, h)),
      );
      state.changed.push(...changed);
      outcome.hostReports.push(...changed.map((c) => c.report));
      const bad = changed.filter(failed);
      if (bad.length)
        throw new ChangeFailed(
          bad.map((c) => `${c.host.name}: ${c.report.error ?? c.report.status}${c.report.rolledBack ? ' (rolled back)' : ''}`).join('; '),
          { hosts: bad.map((c) => c.host.name) },
        );
      return;
    }
    case 'settle':
      if (a.alone) {
        await waitUntil(
          wait(`for keepalived on ${a.director}, alone in the election, to hold every VIP`, a.timeoutMs),
          vipProbe(access, settledAlone(a.director)),
        );
        return;
      }
      await waitUntil(
        wait(`for keepalived to run on ${a.director}, holding no VIP`, a.timeoutMs - a.observeMs),
        vipProbe(access, settledAway(a.director)),
      );
      await holdFor(
        { ...wait(`${a.director} claiming no VIP (its adverts agree with its peers')`, a.observeMs), observeMs: a.observeMs },
        vipProbe(access, settledAway(a.director)),
      );
      return;
    case 'wait-vips-home': {
      const ms = await waitUntil(
        wait(`for ${a.director} to take back ${a.vips.join(', ') || 'its VIPs'}`, a.timeoutMs),
        vipProbe(access, holding(a.director, a.vips)),
      );
      ctx.log(`  ${a.director} holds its VIPs after ${(ms / 1000).toFixed(1)} s`);
      return;
    }
    case 'confirm-vips':
      if (a.holders) {
        const want = a.holders;
        await waitUntil(
          wait('for every VIP where it was', CONFIRM_MS),
          vipProbe(access, (_v, on) => ctx.cluster.vips.every((v) => (on.get(v.address) ?? []).join() === want[v.address])),
        );
        return;
      }
      await waitUntil(wait('for every VIP on its MASTER', CONFIRM_MS), vipProbe(access, allHome(ctx.cluster)));
      return;
    default:
      throw new Error(`a director stage cannot run "${a.kind}"`); // the planner makes no such stage: a bug
  }
}

async function setSwitch(ctx: RolloutContext, state: State, director: string, level: HandoverLevel, stop: boolean): Promise<void> {
  await ctx.switchboard.handover(director, level);
  const transport = await ctx.connect(hostOf(ctx.cluster, director));
  if (level !== 'normal') state.levels.set(director, level);
  if (stop) {
    // its running config has no switch: stopping keepalived is its handover (priority-0 adverts)
    const r = await transport.exec(serviceCommand(KEEPALIVED, 'stop'), { timeoutMs: 60_000 });
    if (r.code !== 0)
      throw new KeepalivedServiceFailed(`${director}: systemctl stop keepalived failed: ${r.stderr.trim()}`, { hosts: [director] });
    state.stopped.add(director);
  }
  if (level === 'normal') {
    state.levels.delete(director);
    // a director stopped for its handover whose change was rolled back runs its old config again
    const r = await transport.exec(`systemctl is-active -q ${KEEPALIVED} || ${serviceCommand(KEEPALIVED, 'start')}`, { timeoutMs: 60_000 });
    if (r.code !== 0)
      throw new KeepalivedServiceFailed(`${director}: keepalived does not start: ${r.stderr.trim()}`, { hosts: [director] });
    state.stopped.delete(director);
  }
}

/** Every VIP held once, and these on the director (its MASTER VIPs; under nopreempt the ones it held when read). */
const holding = (director: string, vips: string[]) => (_v: unknown, on: Map<string, string[]>) =>
  [...on.values()].every((h) => h.length === 1) && vips.every((v) => on.get(v)?.[0] === director);

/** After a failure: roll back, then undo the switches; each step goes on when another fails, and says so. */
async function restore(ctx: RolloutContext, stage: Stage, state: State, outcome: StageOutcome): Promise<void> {
  const access = directorsAccess(ctx);
  const note = (what: string, err: unknown) => {
    const m = `${what} did not complete: ${ctx.redact((err as Error).message)}`;
    outcome.notes.push(m);
    ctx.log(`  ${m}`);
  };
  const quiet = { log: (l: string) => ctx.log(`  ${l}`) };
  for (const c of [...state.changed].reverse()) {
    try {
      const r = await rollBackChanged(ctx, c);
      if (r.undone.length || r.failed.length) {
        outcome.rolledBack.push({ host: c.host.name, ...r });
        ctx.log(`${c.host.name}: rolled back ${r.undone.length} change(s)${r.failed.length ? `; FAILED: ${r.failed.join('; ')}` : ''}`);
      }
    } catch (err) {
      note(`rolling back ${c.host.name}`, err);
    }
  }
  // a preemption under preempt_delay waits the delay first
  const backMs = 60_000 + ctx.cluster.vrrp.preempt.delay * 1000;
  if (state.instances.size) {
    try {
      const entries = [...state.instances.values()].map((e) => ({ ...e, since: '' }));
      await clearInstanceSwitches(ctx.switchboard, access, entries, { ...quiet, timeoutMs: 60_000 }, ctx.log);
      state.instances.clear();
    } catch (err) {
      note('clearing the instance switches', err);
    }
  }
  for (const [director, level] of [...state.levels]) {
    try {
      if (level === 'out') {
        ctx.log(`${director}: back in the election at priority 1, to show it agrees with its peers`);
        await setSwitch(ctx, state, director, 'yield', false);
        const observe = state.observe.get(director) ?? 12_000;
        await waitUntil(
          { ...quiet, what: `for keepalived on ${director}, holding no VIP`, timeoutMs: 60_000 },
          vipProbe(access, settledAway(director)),
        );
        await holdFor(
          { ...quiet, what: `${director} claiming no VIP`, timeoutMs: observe, observeMs: observe },
          vipProbe(access, settledAway(director)),
        );
      }
      ctx.log(`${director}: handing its VIPs back`);
      await setSwitch(ctx, state, director, 'normal', false);
      // under nopreempt nothing preempts: handBackNow below moves its VIPs
      if (!state.holders)
        await waitUntil(
          { ...quiet, what: `for ${director} to take back its VIPs`, timeoutMs: backMs },
          vipProbe(access, homeOn(ctx.cluster, director)),
        );
    } catch (err) {
      note(`handing ${director} its VIPs back`, err);
    }
  }
  if (state.holders) {
    const start = state.holders;
    for (const d of stage.hosts) {
      try {
        const vips = Object.keys(start).filter((v) => start[v] === d);
        await handBackNow(ctx.switchboard, access, d, vips, { ...quiet, timeoutMs: 60_000 }, ctx.log);
      } catch (err) {
        note(`handing ${d} its VIPs back`, err);
      }
    }
  }
}
