// A playbook composes tasks per group: each play names a group (or "all")
// and the tasks its hosts run, in order. A host runs the tasks of every play
// it belongs to, in playbook order, each task once.

import type { Cluster, Host } from './inventory/types.js';
import type { Task } from './tasks/task.js';

export interface Play { hosts: string; tasks: Task[] }
export interface Playbook { name: string; description: string; plays: Play[] }

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
