// The rollout plan as text (`deploy --rolling --check`): the order, each
// stage's hosts with what changes there and how each director takes it, the
// notes, and every gate and wait with its bound. Plain lines: the same on a
// terminal and in a CI log.

import { describeInterrupted } from '../../run/interrupted.js';
import { describeAction } from './describe.js';
import type { PendingChange, RolloutPlan, Stage } from './types.js';
import { DIRECTOR_CLASSES } from './types.js';

const STAGE_TITLE: Record<Stage['kind'], string> = {
  director: 'director',
  'directors-agree': 'directors together (must agree)',
  realservers: 'real servers',
  other: 'host',
};

export function formatPlan(
  plan: RolloutPlan,
  changes: Map<string, PendingChange[]>,
  source: string,
  o: { rollback?: boolean } = {},
): string {
  const lines = [
    `ROLLOUT PLAN ${plan.cluster} (${source}): ${plan.stages.length ? `${plan.stages.length} stage(s)` : 'nothing to change'}`,
  ];
  for (const p of plan.problems) lines.push(`CANNOT PLAN ${p.host}: ${p.error}`);
  for (const l of plan.leftSwitches) lines.push(`LEFT SET ${l.what}`);
  for (const i of plan.interrupted)
    for (const r of i.runs)
      lines.push(`INTERRUPTED ${i.host}: ${describeInterrupted(r, 'found')}; the rollout rolls it back before anything else`);
  plan.stages.forEach((stage, i) => {
    const flags = stage.hosts.flatMap((h) => [...new Set((stage.classes[h] ?? []).map((c) => c.class))]);
    const shown = DIRECTOR_CLASSES.filter((c) => flags.includes(c));
    lines.push('', `Stage ${i + 1}: ${STAGE_TITLE[stage.kind]} ${stage.hosts.join(', ')}${shown.length ? ` [${shown.join(', ')}]` : ''}`);
    for (const host of stage.hosts) {
      lines.push(`  ${host} changes:`);
      for (const c of changes.get(host) ?? []) lines.push(`    ${c.task}: ${c.summary}`);
      for (const c of stage.classes[host] ?? []) lines.push(`    ${c.class.toUpperCase()}: ${c.reason}`);
    }
    for (const n of stage.notes) lines.push(`  note: ${n}`);
    lines.push('  steps:');
    for (const [j, a] of stage.actions.entries()) lines.push(`    ${j + 1}. ${describeAction(a, o)}`);
  });
  if (plan.unchanged.length) lines.push('', `In sync: ${plan.unchanged.join(', ')}`);
  return lines.join('\n');
}
