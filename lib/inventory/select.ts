// --limit HOST|GROUP[,more]: the hosts a command works on, in inventory order.

import { UserError } from '../errors.js';
import { quoted } from '../terminal-text.js';
import type { Cluster, Host } from './types.js';

/**
 * The names a --limit value lists. A value that lists none ("", ",", " , ")
 * is refused: selecting nothing would check nothing and report "in sync".
 * Checked before anything else, with the other options.
 */
export function limitNames(limit: string): string[] {
  const names = limit
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) {
    throw new UserError(`--limit ${quoted(limit)} names no host or group`, {
      hint: 'give host or group names separated by commas, e.g. --limit directors or --limit lvs01,lvs02; leave --limit out for every host',
    });
  }
  return names;
}

/** Every host without a limit; with one, the hosts it names and the members of the groups it names. */
export function selectHosts(cluster: Cluster, limit?: string): Host[] {
  if (limit === undefined) return [...cluster.hosts];
  const wanted = new Set<string>();
  for (const name of limitNames(limit)) {
    // group names are the user's: "constructor" is a name like any other, never Object.prototype's
    if (cluster.hosts.some((h) => h.name === name)) wanted.add(name);
    else if (Object.hasOwn(cluster.groups, name)) for (const m of cluster.groups[name]) wanted.add(m);
    else {
      throw new UserError(`--limit: ${quoted(name)} is neither a host nor a group of cluster ${cluster.name}`, {
        hint: `hosts: ${cluster.hosts.map((h) => h.name).join(', ')}; groups: ${Object.keys(cluster.groups).join(', ')}`,
      });
    }
  }
  return cluster.hosts.filter((h) => wanted.has(h.name));
}
