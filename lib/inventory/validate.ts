// validateInventory: the schema's problems and the cluster rules' problems
// together, each at its JSON path, sorted by path, never quoting a secret.
// An empty list means the inventory can be resolved into a Cluster.

import { type InventoryProblem, problemLine } from '../errors.js';
import { problemsFromSchemaErrors } from './messages.js';
import { comparePaths } from './pointer.js';
import { clusterRules } from './rules.js';
import { schemaErrors } from './schema.js';
import type { Inventory } from './types.js';

export function validateInventory(data: unknown): InventoryProblem[] {
  const all = [...problemsFromSchemaErrors(schemaErrors(data)), ...clusterRules(data)];
  const seen = new Set<string>();
  const unique = all.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => comparePaths(a.path, b.path));
}

/** Type guard for callers that then resolve the inventory. */
export function isValidInventory(data: unknown): data is Inventory {
  return validateInventory(data).length === 0;
}

/** Problems as the CLI prints them: one per line, each starting with its path (control characters escaped). */
export function formatProblems(problems: InventoryProblem[]): string {
  return problems.map(problemLine).join('\n');
}
