// Fixture facts for task tests (pyinfra's way): the parsed values a host
// would return, so a task's diff is tested with no host at all.

import { type Fact, FactValues } from '../../lib/facts/fact.js';
import type { FileState } from '../../lib/facts/file.js';
import type { ServiceState } from '../../lib/facts/service.js';
import type { Task, TaskContext } from '../../lib/tasks/task.js';

/** Every fact of the task set to `values[id]`; a fact without a fixture is an error in the test. */
export function fixtureFacts(task: Task, ctx: TaskContext, values: Record<string, unknown>): FactValues {
  const facts = new FactValues();
  for (const fact of task.facts(ctx) as Fact<unknown>[]) {
    if (!(fact.id in values)) throw new Error(`test gives no value for fact ${fact.id}`);
    facts.set(fact.id, values[fact.id]);
  }
  return facts;
}

export const absentFile = (path: string): FileState => ({ path, exists: false, content: '', mode: 0, owner: '', group: '' });
export const presentFile = (path: string, content: string, mode = 0o644): FileState => ({
  path,
  exists: true,
  content,
  mode,
  owner: 'root',
  group: 'root',
});
export const service = (unit: string, s: Partial<ServiceState> = {}): ServiceState => ({
  unit,
  exists: true,
  enabled: true,
  active: true,
  conditionFailed: false,
  ...s,
});
export const missingService = (unit: string): ServiceState => ({
  unit,
  exists: false,
  enabled: false,
  active: false,
  conditionFailed: false,
});
