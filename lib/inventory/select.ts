// --limit HOST|GROUP[,more]: the hosts a command works on, in inventory order.

import { UserError } from '../errors.js';
import type { Cluster, Host } from './types.js';

export function selectHosts(cluster: Cluster, limit?: string): Host[] {
  if (limit === undefined || limit.trim() === '') return [...cluster.hosts];
  const wanted = new Set<string>();
  for (const raw of limit.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (cluster.hosts.some((h) => h.name === name)) wanted.add(name);
    else if (cluster.groups[name]) cluster.groups[name].forEach((m) => wanted.add(m));
    else {
      throw new UserError(`--limit: "${name}" is neither a host nor a group of cluster ${cluster.name}`, {
        hint: `hosts: ${cluster.hosts.map((h) => h.name).join(', ')}; groups: ${Object.keys(cluster.groups).join(', ')}`,
      });
    }
  }
  return cluster.hosts.filter((h) => wanted.has(h.name));
}
