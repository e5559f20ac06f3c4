// A playbook composes tasks per group: each play names a group (or "all")
// and the tasks its hosts run, in order. A host runs the tasks of every play
// it belongs to, in playbook order, each task once.

import { UserError } from './errors.js';
import type { Cluster, Host } from './inventory/types.js';
import type { Task } from './tasks/task.js';

export interface Play {
  hosts: string;
  tasks: Task[];
}
export interface Playbook {
  name: string;
  description: string;
  plays: Play[];
}

/** A playbook, checked when it is defined: each play names a group (or "all") and runs tasks made with defineTask. */
export function definePlaybook(spec: Playbook): Playbook {
  const name = spec?.name;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9_-]{0,62}$/.test(name)) {
    throw new UserError(
      `definePlaybook: name must be lowercase letters, digits, '_' and '-', starting with a letter, got ${JSON.stringify(name)}`,
    );
  }
  if (!Array.isArray(spec.plays) || spec.plays.length === 0)
    throw new UserError(`playbook ${name}: plays must be a non-empty array of { hosts, tasks }`);
  spec.plays.forEach((play, i) => {
    if (typeof play?.hosts !== 'string' || play.hosts === '')
      throw new UserError(`playbook ${name}, play ${i + 1}: hosts must name a group of the inventory, or "all"`);
    if (
      !Array.isArray(play.tasks) ||
      play.tasks.some((t) => typeof t?.name !== 'string' || typeof t.diff !== 'function' || typeof t.facts !== 'function')
    ) {
      throw new UserError(`playbook ${name}, play ${i + 1} (${play.hosts}): tasks must be an array of tasks made with defineTask`);
    }
  });
  const byName = new Map<string, Task>();
  for (const task of spec.plays.flatMap((p) => p.tasks)) {
    const other = byName.get(task.name);
    if (other && other !== task) {
      throw new UserError(`playbook ${name}: two different tasks are called ${task.name}`, {
        hint: 'a host runs each task once, by name: give each task its own name',
      });
    }
    byName.set(task.name, task);
  }
  return Object.freeze({
    name,
    description: String(spec.description ?? ''),
    plays: spec.plays.map((p) => Object.freeze({ hosts: p.hosts, tasks: [...p.tasks] })),
  });
}

export function tasksFor(playbook: Playbook, host: Host): Task[] {
  const tasks: Task[] = [];
  for (const play of playbook.plays) {
    if (play.hosts !== 'all' && !host.groups.includes(play.hosts)) continue;
    for (const task of play.tasks) if (!tasks.some((t) => t.name === task.name)) tasks.push(task);
  }
  return tasks;
}

/** Hosts that run at least one task of the playbook (the lab's client runs none). */
export function hostsOf(playbook: Playbook, cluster: Cluster): Host[] {
  return cluster.hosts.filter((h) => tasksFor(playbook, h).length > 0);
}
