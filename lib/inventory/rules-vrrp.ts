// Cluster rules about VIPs and VRRP: each VIP has one MASTER that is a
// director, router ids and instance names do not collide, MASTER and BACKUP
// priorities are distinct and in range, VIPs are unicast, unique and never a
// host's address, and authentication is something keepalived will keep.

import type { InventoryProblem } from '../errors.js';
import { hostIp, ipFamily, notUnicastReason } from './address.js';
import { DEFAULTS, DIRECTORS } from './defaults.js';
import { rawHostAddresses } from './host-addresses.js';
import { pointer } from './pointer.js';
import { arr, int, listOf, members, type Obj, obj, str } from './view.js';

export function vrrpRules(inv: Obj): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const vrrp = obj(inv.vrrp);
  const directors = members(obj(inv.groups), DIRECTORS);
  const defaultInterface = str(vrrp?.interface) ?? DEFAULTS.vrrp.interface;
  const hostAddresses = new Map<string, string>();
  for (const h of arr(inv.hosts).map(obj)) {
    for (const raw of rawHostAddresses(h)) {
      const a = hostIp(raw);
      if (a !== null) hostAddresses.set(a, str(h?.name) ?? '?');
    }
  }
  const auth = obj(vrrp?.authentication);

  const routerIds = new Map<string, number>(); // "interface routerId" -> VIP index
  const instances = new Map<string, number>();
  const addresses = new Map<string, number>();
  arr(inv.vips).forEach((raw, i) => {
    const vip = obj(raw);
    if (!vip) return;
    const at = (...rest: (string | number)[]) => pointer('vips', i, ...rest);

    const master = str(vip.master);
    if (master !== undefined && directors.length > 0 && !directors.includes(master)) {
      problems.push({ path: at('master'), message: `"${master}" is not a director; the MASTER must be one of: ${listOf(directors)}` });
    }

    const instance = str(vip.instance) ?? `vi_${i + 1}`;
    const sameName = instances.get(instance);
    if (sameName !== undefined) {
      problems.push({
        path: at(vip.instance === undefined ? 'address' : 'instance'),
        message: `vrrp_instance "${instance}" is already /vips/${sameName}'s; give this VIP its own "instance" name`,
      });
    } else instances.set(instance, i);

    const routerId = int(vip.routerId);
    const iface = str(vip.interface) ?? defaultInterface;
    if (routerId !== undefined) {
      const key = `${iface} ${routerId}`;
      const j = routerIds.get(key);
      if (j !== undefined) {
        problems.push({
          path: at('routerId'),
          message: `${routerId} is already the router id of /vips/${j} on ${iface}; router ids must be unique per interface, e.g. ${freeRouterId(inv, iface, defaultInterface)}`,
        });
      } else routerIds.set(key, i);
    }

    const address = str(vip.address) ?? '';
    const canonical = hostIp(address); // ::ffff:a.b.c.d is a.b.c.d
    if (canonical === null) return;
    const reason = notUnicastReason(address);
    if (reason) problems.push({ path: at('address'), message: `${address} ${reason}; a VIP must be a unicast address` });
    const owner = hostAddresses.get(canonical);
    if (owner !== undefined) {
      problems.push({
        path: at('address'),
        message: `${address} is the address of host ${owner}; a VIP must be an extra address no host owns`,
      });
    }
    const j = addresses.get(canonical);
    if (j !== undefined)
      problems.push({
        path: at('address'),
        message: `${address} is already /vips/${j}; list each VIP once (one VIP can carry several services)`,
      });
    else addresses.set(canonical, i);
    if (ipFamily(address) === 6 && auth) {
      problems.push({
        path: at('address'),
        message:
          'is IPv6, which keepalived runs with VRRP version 3, which has no authentication; remove vrrp.authentication or use IPv4 VIPs only',
      });
    }
  });

  problems.push(...priorityRules(inv, directors.length));
  problems.push(...preemptAndUnicastRules(inv, directors));
  problems.push(...trackingRules(inv, directors, defaultInterface));
  if (str(auth?.type) === 'AH') {
    problems.push({
      path: '/vrrp/authentication/type',
      message:
        'AH cannot be used: keepalived clears AH authentication on an instance that starts as MASTER, and every director is MASTER of some VIP; use PASS',
    });
  }
  return problems;
}

/** nopreempt and preempt_delay exclude each other, as do syncMaxlen and a sync daemon that does not run; unicast peers must be of each VIP's address family. */
function preemptAndUnicastRules(inv: Obj, directors: string[]): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const vrrp = obj(inv.vrrp);
  if (vrrp?.syncMaxlen !== undefined && vrrp.syncDaemon === false) {
    problems.push({
      path: '/vrrp/syncMaxlen',
      message: 'sizes the messages of the connection sync daemon, which syncDaemon false turns off; remove one of them',
    });
  } else if (vrrp?.syncMaxlen !== undefined && obj(inv.keepalived)?.mode === 'vrrp-only') {
    problems.push({
      path: '/vrrp/syncMaxlen',
      message: 'sizes the messages of the connection sync daemon, which keepalived.mode "vrrp-only" does not run (no IP_VS); remove it',
    });
  }
  if (vrrp?.nopreempt === true && vrrp.preemptDelay !== undefined) {
    problems.push({
      path: '/vrrp/preemptDelay',
      message: 'has no effect with nopreempt (a director that comes back never takes its VIPs back); remove one of them',
    });
  }
  if (vrrp?.unicast !== true) return problems;
  const addressesOf = new Map(
    arr(inv.hosts)
      .map(obj)
      .map((h) => [str(h?.name) ?? '', rawHostAddresses(h)]),
  );
  arr(inv.vips).forEach((raw, i) => {
    const family = ipFamily(str(obj(raw)?.address) ?? '');
    if (family === null) return;
    const other = directors.filter((d) => !(addressesOf.get(d) ?? []).some((a) => ipFamily(a) === family));
    if (other.length) {
      problems.push({
        path: pointer('vips', i, 'address'),
        message: `is IPv${family}, but with vrrp.unicast its adverts go to the directors' addresses, and ${listOf(other)} ${other.length > 1 ? 'have' : 'has'} no IPv${family} address; give ${other.length > 1 ? 'them' : 'it'} "ipv${family}" (dual-stack), use VIPs of the directors' family, or multicast`,
      });
    }
  });
  return problems;
}

/**
 * Track scripts and interfaces once each by name; a sync group names VIPs of
 * the inventory, each VIP in at most one group, and its VIPs share their
 * MASTER (a group moves as one, so VIPs with different MASTERs would pull it
 * back and forth) and their interface.
 */
function trackingRules(inv: Obj, directors: string[], defaultInterface: string): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const vrrp = obj(inv.vrrp);
  const once = (list: unknown[], key: string, section: string, what: string) => {
    const seen = new Map<string, number>();
    list.forEach((raw, i) => {
      const value = str(obj(raw)?.[key]);
      if (value === undefined) return;
      const j = seen.get(value);
      if (j !== undefined)
        problems.push({
          path: pointer('vrrp', section, i, key),
          message: `${what} "${value}" is already /vrrp/${section}/${j}; list each once`,
        });
      else seen.set(value, i);
    });
  };
  once(arr(vrrp?.trackScripts), 'name', 'trackScripts', 'track script');
  once(arr(vrrp?.trackInterfaces), 'interface', 'trackInterfaces', 'interface');
  once(arr(vrrp?.syncGroups), 'name', 'syncGroups', 'sync group');
  const vrrpInterfaces = new Set([
    defaultInterface,
    ...arr(inv.vips)
      .map((v) => str(obj(v)?.interface))
      .filter((x): x is string => x !== undefined),
  ]);
  arr(vrrp?.trackInterfaces).forEach((raw, i) => {
    const iface = str(obj(raw)?.interface);
    if (iface !== undefined && vrrpInterfaces.has(iface)) {
      problems.push({
        path: pointer('vrrp', 'trackInterfaces', i, 'interface'),
        message: `${iface} is an interface VRRP runs on: its instances already go to FAULT when it is down, and keepalived ignores tracking it ("since own interface"); track another interface`,
      });
    }
  });

  const vips = arr(inv.vips).map(obj);
  const vipIndex = (address: string) =>
    vips.findIndex((v) => {
      const a = hostIp(str(v?.address) ?? '');
      return a !== null && a === hostIp(address);
    });
  const masterOf = (i: number) => str(vips[i]?.master) ?? (directors.length ? directors[i % directors.length] : undefined);
  const interfaceOf = (i: number) => str(vips[i]?.interface) ?? defaultInterface;
  const groupOf = new Map<number, string>();
  arr(vrrp?.syncGroups).forEach((raw, g) => {
    const group = obj(raw);
    const name = str(group?.name) ?? `#${g}`;
    const members: number[] = [];
    arr(group?.vips).forEach((a, k) => {
      const address = str(a) ?? '';
      const at = pointer('vrrp', 'syncGroups', g, 'vips', k);
      const i = vipIndex(address);
      if (i < 0) {
        problems.push({
          path: at,
          message: `${address} is not a VIP of the inventory; use one of ${listOf(vips.map((v) => str(v?.address) ?? '?'))}`,
        });
        return;
      }
      const other = groupOf.get(i);
      if (other !== undefined)
        problems.push({ path: at, message: `${address} is already in sync group "${other}"; a VIP can be in one group only` });
      else groupOf.set(i, name);
      members.push(i);
    });
    const masters = [...new Set(members.map(masterOf))];
    if (masters.length > 1) {
      problems.push({
        path: pointer('vrrp', 'syncGroups', g, 'vips'),
        message: `sync group "${name}" has VIPs with different MASTERs (${listOf(masters.map(String))}); a group moves as one, so give its VIPs the same "master"`,
      });
    }
    const interfaces = [...new Set(members.map(interfaceOf))];
    if (interfaces.length > 1) {
      problems.push({
        path: pointer('vrrp', 'syncGroups', g, 'vips'),
        message: `sync group "${name}" has VIPs on different interfaces (${listOf(interfaces)}); give its VIPs the same interface`,
      });
    }
  });
  return problems;
}

/** MASTER above the first BACKUP, and the last of N-1 backups still at least 1. */
function priorityRules(inv: Obj, directorCount: number): InventoryProblem[] {
  if (directorCount < 2) return [];
  const problems: InventoryProblem[] = [];
  const given = obj(obj(inv.vrrp)?.priority);
  const d = DEFAULTS.vrrp.priority;
  const master = int(given?.master) ?? d.master;
  const backup = int(given?.backup) ?? d.backup;
  const step = int(given?.step) ?? d.step;
  if (backup >= master) {
    const where = given?.backup !== undefined ? '/vrrp/priority/backup' : '/vrrp/priority/master';
    problems.push({
      path: where,
      message: `the MASTER priority (${master}) must be above the BACKUP priority (${backup}), e.g. master 150 and backup 120`,
    });
  }
  arr(inv.vips).forEach((raw, i) => {
    const own = int(obj(raw)?.priority);
    if (own !== undefined && own <= backup) {
      problems.push({
        path: pointer('vips', i, 'priority'),
        message: `MASTER priority ${own} must be above the BACKUP priority ${backup} (vrrp.priority.backup); use ${backup + 1}-254`,
      });
    }
  });
  const lowest = backup - step * (directorCount - 2);
  if (lowest < 1) {
    const where = given?.step !== undefined ? '/vrrp/priority/step' : '/vrrp/priority/backup';
    problems.push({
      path: where,
      message: `with ${directorCount} directors the backups get ${backup}, ${backup - step}, ... down to ${lowest}, below 1; lower vrrp.priority.step or raise vrrp.priority.backup`,
    });
  }
  return problems;
}

/** The smallest router id not used on an interface, for the message. */
function freeRouterId(inv: Obj, iface: string, defaultInterface: string): number {
  const used = new Set(
    arr(inv.vips)
      .map(obj)
      .filter((v) => (str(v?.interface) ?? defaultInterface) === iface)
      .map((v) => int(v?.routerId)),
  );
  let id = 1;
  while (used.has(id) && id < 255) id++;
  return id;
}
