// Cluster rules about hosts and groups: unique names and addresses, groups
// that name real hosts, per-group settings for groups that exist, and SSH
// jump hosts that lead somewhere.

import type { InventoryProblem } from '../errors.js';
import { hostIp, ipFamily } from './address.js';
import { DIRECTORS, REALSERVERS } from './defaults.js';
import { pointer } from './pointer.js';
import { arr, listOf, members, type Obj, obj, str } from './view.js';

export function hostRules(inv: Obj): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const hosts = arr(inv.hosts).map(obj);
  const names = hosts.map((h) => str(h?.name));
  const hostNames = names.filter((n): n is string => n !== undefined);

  const firstByName = new Map<string, number>();
  const firstByAddress = new Map<string, { index: number; field: 'address' | 'ipv4' | 'ipv6' }>();
  hosts.forEach((h, i) => {
    const name = names[i];
    if (name !== undefined) {
      const j = firstByName.get(name);
      if (j !== undefined)
        problems.push({
          path: pointer('hosts', i, 'name'),
          message: `"${name}" is already the name of /hosts/${j}; host names must be unique`,
        });
      else firstByName.set(name, i);
    }
    // ::ffff:198.18.0.10 is 198.18.0.10: the same host
    for (const field of ['address', 'ipv4', 'ipv6'] as const) {
      const raw = str(h?.[field]) ?? '';
      const address = hostIp(raw);
      if (address === null) continue;
      if (field !== 'address' && sameFamilyAsAddress(h, field)) {
        if (hostIp(str(h?.address) ?? '') !== address)
          problems.push({
            path: pointer('hosts', i, field),
            message: `${raw} is a second ${field === 'ipv4' ? 'IPv4' : 'IPv6'} address, and "address" is ${field === 'ipv4' ? 'IPv4' : 'IPv6'} already; a host has one address per family: remove "${field}"`,
          });
        continue;
      }
      const first = firstByAddress.get(address);
      if (first !== undefined) {
        const same = address === raw ? address : `${raw} (that is ${address})`;
        const j = first.index;
        const owner = `${names[j] ?? `/hosts/${j}`} (/hosts/${j}${first.field === 'address' ? '' : `/${first.field}`})`;
        problems.push({
          path: pointer('hosts', i, field),
          message: `${same} is already the ${first.field === 'address' ? 'address' : `"${first.field}"`} of ${owner}; every host needs its own address`,
        });
      } else firstByAddress.set(address, { index: i, field });
    }
  });

  const groups = obj(inv.groups);
  for (const [group, list] of Object.entries(groups ?? {})) {
    arr(list).forEach((m, k) => {
      if (typeof m === 'string' && !firstByName.has(m)) {
        problems.push({
          path: pointer('groups', group, k),
          message: `"${m}" is not a host; add it to "hosts" or use one of: ${listOf(hostNames)}`,
        });
      }
    });
    if (firstByName.has(group)) {
      problems.push({
        path: pointer('groups', group),
        message: `group "${group}" has the same name as a host, so --limit ${group} would be ambiguous; rename the group`,
      });
    }
  }
  const directors = new Set(members(groups, DIRECTORS));
  members(groups, REALSERVERS).forEach((m, k) => {
    if (directors.has(m)) {
      problems.push({
        path: pointer('groups', REALSERVERS, k),
        message: `"${m}" is also a director; in DR mode a director cannot be a real server (it would hold every VIP on lo and never answer VRRP for them); use separate hosts`,
      });
    }
  });

  const groupNames = Object.keys(groups ?? {});
  for (const section of ['packages', 'sysctl'] as const) {
    for (const group of Object.keys(obj(inv[section]) ?? {})) {
      if (groups && !Object.hasOwn(groups, group)) {
        problems.push({ path: pointer(section, group), message: `group "${group}" does not exist; use one of: ${listOf(groupNames)}` });
      }
    }
  }

  problems.push(...jumpHostRules(inv, hosts, names, new Set(hostNames)));
  return problems;
}

/** "ipv4" or "ipv6" of the family "address" already has (so it is not a second address). */
function sameFamilyAsAddress(h: Obj | undefined, field: 'ipv4' | 'ipv6'): boolean {
  return ipFamily(str(h?.address) ?? '') === (field === 'ipv4' ? 4 : 6);
}

/** jumpHost: an inventory host (not the host itself, no loops) or user@host:port. */
function jumpHostRules(inv: Obj, hosts: (Obj | undefined)[], names: (string | undefined)[], known: Set<string>): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const check = (jump: string | undefined, path: string, self?: string) => {
    if (jump === undefined) return;
    const port = /:(\d+)$/.exec(jump)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
      problems.push({ path, message: `port ${port} is not from 1 to 65535` });
    }
    if (!jump.includes('@') && !jump.includes(':') && !known.has(jump)) {
      problems.push({ path, message: `"${jump}" is not an inventory host; name one of ${listOf([...known])}, or write user@host:port` });
    } else if (jump === self) {
      problems.push({ path, message: `"${jump}" cannot be its own jump host; remove jumpHost or name another host` });
    }
  };
  const top = str(obj(inv.ssh)?.jumpHost);
  check(top, '/ssh/jumpHost');
  for (const [i, h] of hosts.entries()) check(str(obj(h?.ssh)?.jumpHost), pointer('hosts', i, 'ssh', 'jumpHost'), names[i]);

  // Follow each host's jump chain; the inherited jump host is reached directly.
  const jumpOf = new Map<string, string>();
  hosts.forEach((h, i) => {
    const own = str(obj(h?.ssh)?.jumpHost);
    const name = names[i];
    const jump = own ?? (top !== names[i] ? top : undefined);
    if (name !== undefined && jump !== undefined && known.has(jump) && jump !== name) jumpOf.set(name, jump);
  });
  hosts.forEach((h, i) => {
    const name = names[i];
    if (name === undefined || str(obj(h?.ssh)?.jumpHost) === undefined) return;
    const chain = [name];
    for (let next = jumpOf.get(name); next !== undefined; next = jumpOf.get(next)) {
      if (chain.includes(next)) {
        if (next === name)
          problems.push({
            path: pointer('hosts', i, 'ssh', 'jumpHost'),
            message: `jump hosts form a loop: ${[...chain, next].join(' -> ')}; one of them must be reachable directly`,
          });
        return;
      }
      chain.push(next);
    }
  });
  return problems;
}
