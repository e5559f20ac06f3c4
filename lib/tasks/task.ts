// A task reads facts and returns the changes that would bring the host to the
// desired state. diff() is pure: `check` calls it and reports the changes,
// `deploy` calls the same function and applies them, so what is reported and
// what is changed cannot disagree. An empty list means "in sync".

import type { Fact, FactValues } from '../facts/fact.js';
import type { Cluster, Host } from '../inventory/types.js';
import type { Step } from './step.js';

export interface TaskContext {
  cluster: Cluster;
  host: Host;
}

export interface Change {
  /** what differs, one line: "keepalived.conf content differs", "chrony not installed" */
  summary: string;
  /** for --diff: before/after text; secret ones are redacted before printing */
  diff?: { label: string; before: string | null; after: string; secret: boolean };
  /** what deploy runs, in order; each step knows its own undo */
  steps: Step[];
}

/** A note that is not drift: said once per run, e.g. "this host cannot set its clock". */
export interface TaskNote {
  message: string;
}

export interface TaskDiff {
  changes: Change[];
  notes: TaskNote[];
}

export interface Task {
  name: string;
  /** the facts diff() needs, all gathered in one round trip */
  facts(ctx: TaskContext): Fact<unknown>[];
  diff(ctx: TaskContext, facts: FactValues): TaskDiff;
}
