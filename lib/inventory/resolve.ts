// Raw Inventory -> Cluster: fills every default (see defaults.ts) so the rest
// of lvs-play never guesses. Pure apart from the injected env and readFile
// (for passwordEnv / passwordFile): the same inventory gives the same Cluster.
// It expects an inventory that passed validateInventory(); a password that
// cannot be read is reported as an InventoryError with its JSON path.

import { isIP } from 'node:net';
import { InventoryError } from '../errors.js';
import { FileReadError, readRegularFile } from '../regular-file.js';
import { sameIp } from './address.js';
import { DEFAULTS, DIRECTORS, REALSERVERS } from './defaults.js';
import { addressOfFamily, secondAddressOf } from './host-addresses.js';
import { readPassword } from './password.js';
import { resolvePath } from './paths.js';
import { type PrioritySettings, spreadMaster, vipPriorities } from './priorities.js';
import type { SshConfigFile } from './ssh-config.js';
import { resolveSshSettings } from './ssh-settings.js';
import type {
  Cluster,
  HealthCheck,
  Host,
  Inventory,
  InventoryHealthCheck,
  InventoryRealServer,
  InventoryService,
  InventorySsh,
  InventoryVip,
  RealServer,
  Service,
  Vip,
} from './types.js';

export interface ResolveOptions {
  baseDir: string; // the inventory's folder: relative paths start here
  env?: NodeJS.ProcessEnv; // for passwordEnv and "~"; default process.env
  readFile?: (path: string) => string; // for passwordFile; default fs.readFileSync(path, 'utf8')
  file?: string; // names the inventory in an InventoryError
  sshConfig?: SshConfigFile | null; // the user's OpenSSH config; the inventory overrides it
}

export function resolveInventory(inv: Inventory, opts: ResolveOptions): Cluster {
  const env = opts.env ?? process.env;
  const groups = copyGroups(inv.groups);
  const sshContext = {
    baseDir: opts.baseDir,
    env,
    sshConfig: opts.sshConfig ?? null,
    inventoryHosts: new Set(inv.hosts.map((h) => h.name)),
  };
  const hosts = inv.hosts.map(
    (h): Host => ({
      name: h.name,
      address: h.address,
      ...(secondAddressOf(h) !== undefined ? { secondAddress: secondAddressOf(h) } : {}),
      ssh: resolveSshSettings(hostSsh(inv.ssh, h.name, h.ssh), h.name, h.address, sshContext),
      groups: Object.keys(groups)
        .filter((g) => groups[g].includes(h.name))
        .sort(),
    }),
  );
  const byName = new Map(hosts.map((h) => [h.name, h]));
  /** a host's address in a VIP's family (the rules made sure it has one) */
  const addressOf = (name: string, family: 4 | 6): string | undefined => {
    const h = byName.get(name);
    return h && addressOfFamily(h, family);
  };

  const vrrp = inv.vrrp ?? {};
  const priority: PrioritySettings = { ...DEFAULTS.vrrp.priority, ...vrrp.priority };
  const vrrpInterface = vrrp.interface ?? DEFAULTS.vrrp.interface;
  const advertInterval = vrrp.advertInterval ?? DEFAULTS.vrrp.advertInterval;
  const directors = groups[DIRECTORS] ?? [];
  const realservers = groups[REALSERVERS] ?? [];

  const vips = inv.vips.map((v, i): Vip => {
    const master = v.master ?? spreadMaster(directors, i);
    const family = isIP(v.address) === 6 ? 6 : 4;
    return {
      address: v.address,
      family,
      instance: v.instance ?? `vi_${i + 1}`,
      routerId: v.routerId,
      interface: v.interface ?? vrrpInterface,
      advertInterval,
      master,
      priorities: vipPriorities(directors, master, v.priority ?? priority.master, priority),
      services: v.services.map((s) => resolveService(v, s, realservers, (name) => addressOf(name, family))),
    };
  });

  let auth: Cluster['vrrp']['auth'] = null;
  if (vrrp.authentication) {
    const got = readPassword(vrrp.authentication, { baseDir: opts.baseDir, env, readFile: opts.readFile });
    if ('problem' in got) throw new InventoryError(opts.file ?? 'inventory', [got.problem]);
    auth = { type: vrrp.authentication.type, password: got.secret };
  }

  return {
    name: inv.name,
    hosts,
    groups,
    vrrp: {
      interface: vrrpInterface,
      advertInterval,
      syncDaemon: vrrp.syncDaemon ?? DEFAULTS.vrrp.syncDaemon,
      syncMaxlen: vrrp.syncMaxlen ?? null,
      auth,
      unicast: vrrp.unicast ?? false,
      preempt: { nopreempt: vrrp.nopreempt ?? false, delay: vrrp.preemptDelay ?? 0 },
      garp: { ...vrrp.garp },
      notify: notifyScript(vrrp.notify, opts),
      trackScripts: (vrrp.trackScripts ?? []).map((t) => ({
        name: t.name,
        command: t.command,
        interval: t.interval ?? DEFAULTS.trackScript.interval,
        timeout: t.timeout ?? t.interval ?? DEFAULTS.trackScript.interval,
        weight: t.weight ?? 0,
        fall: t.fall ?? 1,
        rise: t.rise ?? 1,
      })),
      trackInterfaces: (vrrp.trackInterfaces ?? []).map((t) => ({ interface: t.interface, weight: t.weight ?? null })),
      syncGroups: (vrrp.syncGroups ?? []).map((g) => ({
        name: g.name,
        instances: vips.filter((v) => g.vips.some((a) => sameIp(a, v.address))).map((v) => v.instance),
      })),
    },
    keepalived: { mode: inv.keepalived?.mode ?? DEFAULTS.keepalived.mode },
    vips,
    time: { servers: [...(inv.time?.servers ?? DEFAULTS.time.servers)] },
    packages: resolvePackages(inv.packages, vrrp.nopreempt === true),
    sysctl: resolveSysctl(inv.sysctl),
    nat: inv.nat
      ? {
          gateway: inv.nat.gateway,
          prefixLength: inv.nat.prefixLength ?? (inv.nat.gateway.includes(':') ? 64 : 24),
          routes: inv.nat.clientNetworks ? [...inv.nat.clientNetworks] : ['default'],
        }
      : null,
  };
}

// Group names are the user's: a group may be called "constructor" or
// "tostring". The Cluster's maps keyed by group name have no prototype, so
// looking up a group that does not exist gives undefined, never one of
// Object.prototype's members.
function byName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function copyGroups(groups: Record<string, string[]>): Record<string, string[]> {
  const out = byName<string[]>();
  for (const [g, members] of Object.entries(groups)) out[g] = [...members];
  return out;
}

/** Host settings over inventory-wide ones; the inventory-wide jump host itself is reached directly. */
function hostSsh(common: InventorySsh | undefined, name: string, own: InventorySsh | undefined): InventorySsh {
  const merged = { ...common, ...own };
  if (own?.jumpHost === undefined && merged.jumpHost === name) delete merged.jumpHost;
  return merged;
}

/** The notify script's text, from the inventory or the file it names (read like a password file: a regular file, capped). */
function notifyScript(notify: { script?: string; file?: string } | undefined, opts: ResolveOptions): string | null {
  if (!notify) return null;
  if (notify.script !== undefined) return notify.script;
  const file = resolvePath(notify.file ?? '', opts.baseDir, opts.env ?? process.env);
  const where = '/vrrp/notify/file';
  let text: string;
  try {
    text = opts.readFile ? opts.readFile(file) : readRegularFile(file, MAX_NOTIFY_SCRIPT_BYTES);
  } catch (err) {
    const why =
      err instanceof FileReadError
        ? err.reason
        : (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'does not exist'
          : `cannot be read (${(err as Error).message})`;
    throw new InventoryError(opts.file ?? 'inventory', [{ path: where, message: `notify script ${file} ${why}` }]);
  }
  if (!text.startsWith('#!'))
    throw new InventoryError(opts.file ?? 'inventory', [
      { path: where, message: `notify script ${file} does not start with #! (keepalived runs it directly)` },
    ]);
  return text;
}

const MAX_NOTIFY_SCRIPT_BYTES = 65536;

function resolveService(
  v: InventoryVip,
  s: InventoryService,
  realservers: string[],
  addressOf: (name: string) => string | undefined,
): Service {
  const d = DEFAULTS.service;
  const wanted: InventoryRealServer[] = s.realServers ?? realservers.map((host) => ({ host }));
  // a fwmark service has no port of its own: IPVS shows it as 0, and real servers at port 0 keep the client's
  // port; health checks need a real one, so they default to the first of its ports
  const fwmark = s.fwmark !== undefined ? { mark: s.fwmark, ports: [...(s.ports ?? [])] } : undefined;
  const servicePort = fwmark ? 0 : (s.port ?? 0);
  const realServers = wanted.map((r): RealServer => {
    const port = fwmark ? 0 : (r.port ?? servicePort);
    const address = addressOf(r.host);
    if (address === undefined)
      throw new Error(`resolveInventory: real server ${r.host} is not a host or has no address of the VIP's family (validate first)`);
    return {
      host: r.host,
      address,
      port,
      weight: r.weight ?? DEFAULTS.realServer.weight,
      healthCheck: resolveHealthCheck(s.healthCheck, fwmark ? fwmark.ports[0]! : port, { host: r.host, address }),
    };
  });
  return {
    vip: v.address,
    port: servicePort,
    ...(fwmark ? { fwmark } : {}),
    protocol: s.protocol ?? d.protocol,
    scheduler: s.scheduler ?? d.scheduler,
    schedulerFlags: [...(s.schedulerFlags ?? [])].sort(),
    forwarding: s.forwarding ?? d.forwarding,
    persistence: s.persistence ?? d.persistence,
    delayLoop: s.delayLoop ?? d.delayLoop,
    realServers,
    ...(s.quorum
      ? { quorum: { weight: s.quorum.weight, hysteresis: s.quorum.hysteresis ?? 0, up: s.quorum.up ?? null, down: s.quorum.down ?? null } }
      : {}),
    ...(s.sorryServer
      ? {
          sorryServer: {
            host: s.sorryServer.host,
            address: addressOf(s.sorryServer.host) ?? '',
            port: fwmark ? 0 : (s.sorryServer.port ?? servicePort),
          },
        }
      : {}),
  };
}

/**
 * A MISC_CHECK's command is the same for every real server of its service, and keepalived passes the
 * command nothing about the server it checks: %address, %port and %host in it become the real server's
 * address, the check's port and its host name, so one script can check each server.
 */
export function miscCommandFor(command: string, rs: { host: string; address: string; port: number }): string {
  return command.replace(/%(address|port|host)(?![A-Za-z0-9_])/g, (_, k: 'address' | 'port' | 'host') => String(rs[k]));
}

function resolveHealthCheck(
  h: InventoryHealthCheck | undefined,
  realServerPort: number,
  rs: { host: string; address: string },
): HealthCheck {
  const d = DEFAULTS.healthCheck;
  const type = h?.type ?? d.type;
  const out: HealthCheck = {
    type,
    port: h?.port ?? realServerPort,
    connectTimeout: h?.connectTimeout ?? d.connectTimeout,
    retry: h?.retry ?? d.retry,
    delayBeforeRetry: h?.delayBeforeRetry ?? d.delayBeforeRetry,
  };
  if (type === 'HTTP_GET' || type === 'SSL_GET') {
    out.path = h?.path ?? d.path;
    out.status = h?.status ?? d.status;
  }
  if (type === 'MISC_CHECK') {
    out.command = miscCommandFor(h?.command ?? '', { ...rs, port: out.port });
    out.dynamic = h?.dynamic ?? false;
  }
  if (type === 'DNS_CHECK') out.query = { type: h?.query?.type ?? 'SOA', name: h?.query?.name ?? '.' };
  return out;
}

/** nopreempt directors also get nft: a rollout silences a VIP's holder with an nftables rule (render/quiet-adverts.ts) */
function resolvePackages(p: Inventory['packages'], nopreempt: boolean): Record<string, string[]> {
  const out = byName<string[]>();
  out[DIRECTORS] = [...DEFAULTS.packages.directors];
  for (const [g, list] of Object.entries(p ?? {})) out[g] = [...list];
  if (nopreempt && !out[DIRECTORS].includes(NOPREEMPT_PACKAGE)) out[DIRECTORS] = [...out[DIRECTORS], NOPREEMPT_PACKAGE];
  return out;
}

const NOPREEMPT_PACKAGE = 'nftables';

function resolveSysctl(s: Inventory['sysctl']): Record<string, Record<string, string>> {
  const out = byName<Record<string, string>>();
  for (const [g, kv] of Object.entries(s ?? {})) {
    out[g] = {}; // sysctl keys are dotted (net.ipv4.x): never a prototype member
    for (const [k, val] of Object.entries(kv)) out[g][k] = String(val);
  }
  return out;
}
