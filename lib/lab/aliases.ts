// `lab up --max-containers N`: an inventory of hundreds of hosts on a
// machine that boots about 20 systemd containers (its inotify instances run
// out). Past N, real servers become aliases: another lab address on a real
// server container's eth0, answered by an sshd of its own (see alias-sshd.ts),
// with its own known_hosts line. Every alias is a real SSH host with real
// state; what it leaves out is its own filesystem: an alias reads and writes
// its container's, so aliases fit real servers that want the same state as
// their container (the benchmark's farms), and a first deploy goes to the
// containers before the aliases (the files would be written twice at once).
// Pure: the plan only.

import { UserError } from '../errors.js';
import type { LabHost } from './inventory.js';

/** The group whose hosts may be aliases: real servers are alike; directors and clients are not. */
export const ALIASABLE_GROUP = 'realservers';

export interface AliasPlan {
  /** hosts that get a container of their own, inventory order */
  containers: LabHost[];
  /** container name -> the hosts it answers for besides its own, inventory order */
  aliases: Map<string, LabHost[]>;
}

/**
 * Every host a container while they fit in maxContainers. Past it, every
 * host outside the real servers keeps a container, the first real servers
 * fill the rest, and the remaining real servers are spread over those
 * containers in turn.
 */
export function planAliases(hosts: readonly LabHost[], maxContainers?: number): AliasPlan {
  if (maxContainers === undefined || hosts.length <= maxContainers) return { containers: [...hosts], aliases: new Map() };
  const aliasable = hosts.filter((h) => h.groups.includes(ALIASABLE_GROUP));
  const others = hosts.length - aliasable.length;
  const carriers = aliasable.slice(0, maxContainers - others);
  if (carriers.length === 0) {
    throw new UserError(
      `--max-containers ${maxContainers} is too few: the ${others} hosts outside group "${ALIASABLE_GROUP}" need a container each, and the real servers at least one`,
      { hint: `give --max-containers ${others + 1} or more; only real servers can be aliases` },
    );
  }
  const carrierNames = new Set(carriers.map((h) => h.name));
  const aliases = new Map<string, LabHost[]>(carriers.map((h) => [h.name, []]));
  aliasable
    .filter((h) => !carrierNames.has(h.name))
    .forEach((h, i) => {
      aliases.get(carriers[i % carriers.length]!.name)!.push(h);
    });
  return { containers: hosts.filter((h) => !h.groups.includes(ALIASABLE_GROUP) || carrierNames.has(h.name)), aliases };
}
