// defineTask: how every task is made, lvs-play's own and the operator's. It
// checks the task's shape when it is defined, and what diff() returns each
// time it runs, so a custom task's mistake is reported with the task and
// the host ("task nftables on lvs-dr: step 2 has unknown kind ...") instead
// of failing somewhere in the runner. diff() may return the changes alone.

import { UserError } from '../errors.js';
import type { Fact, FactValues } from '../facts/fact.js';
import type { Step } from './step.js';
import type { Change, Task, TaskContext, TaskDiff } from './task.js';

export interface TaskSpec {
  name: string;
  facts(ctx: TaskContext): Fact<unknown>[];
  /** pure: the changes that bring the host to the wanted state, [] when in sync */
  diff(ctx: TaskContext, facts: FactValues): TaskDiff | Change[];
}

const STEP_KINDS: ReadonlySet<Step['kind']> = new Set(['write', 'remove', 'install', 'sysctl', 'module', 'service', 'wait']);

export function defineTask(spec: TaskSpec): Task {
  const name = spec?.name;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(name)) {
    throw new UserError(`defineTask: name must be lowercase letters, digits and '-', starting with a letter, got ${JSON.stringify(name)}`);
  }
  if (typeof spec.facts !== 'function') throw new UserError(`task ${name}: facts must be a function (ctx) => Fact[]`);
  if (typeof spec.diff !== 'function') throw new UserError(`task ${name}: diff must be a function (ctx, facts) => changes`);
  return Object.freeze({
    name,
    facts: (ctx: TaskContext) => {
      const facts = spec.facts(ctx);
      if (
        !Array.isArray(facts) ||
        facts.some((f) => typeof f?.id !== 'string' || typeof f.command !== 'string' || typeof f.parse !== 'function')
      ) {
        throw new UserError(`task ${name} on ${ctx.host.name}: facts() must return an array of facts (made with defineFact)`);
      }
      return facts;
    },
    diff: (ctx: TaskContext, facts: FactValues): TaskDiff => checkedDiff(name, ctx.host.name, spec.diff(ctx, facts)),
  });
}

function checkedDiff(task: string, host: string, got: TaskDiff | Change[]): TaskDiff {
  const where = `task ${task} on ${host}`;
  const diff: TaskDiff = Array.isArray(got) ? { changes: got, notes: [] } : { changes: got?.changes, notes: got?.notes ?? [] };
  if (!Array.isArray(diff.changes) || !Array.isArray(diff.notes)) {
    throw new UserError(`${where}: diff() returned ${describe(got)}`, {
      hint: 'return the changes (an array, [] when in sync), or { changes, notes }',
    });
  }
  diff.changes.forEach((c, i) => {
    if (typeof c?.summary !== 'string' || c.summary === '')
      throw new UserError(`${where}: change ${i + 1} has no summary`, { hint: 'say in one line what differs' });
    if (!Array.isArray(c.steps) || c.steps.length === 0)
      throw new UserError(`${where}: change "${c.summary}" has no steps`, { hint: 'a change runs at least one step' });
    c.steps.forEach((s, j) => {
      if (!STEP_KINDS.has(s?.kind)) {
        throw new UserError(`${where}: change "${c.summary}", step ${j + 1} has unknown kind ${JSON.stringify(s?.kind)}`, {
          hint: `use one of ${[...STEP_KINDS].join(', ')} (each has a known undo)`,
        });
      }
    });
  });
  return diff;
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object without a changes array' : String(v);
}
