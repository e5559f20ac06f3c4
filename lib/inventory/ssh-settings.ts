// One host's SSH settings, from three layers, first wins: the inventory (the
// host's own "ssh", then the inventory-wide one), the user's OpenSSH config
// (see lib/ssh/ssh-config.ts), then lvs-play's defaults. Pure apart from the
// config lookups it is given.

import { UserError } from '../errors.js';
import { DEFAULTS } from './defaults.js';
import { parseJumpSpec } from './jump-spec.js';
import { resolvePath } from './paths.js';
import { type SshConfigFile, type SshConfigHost, sshConfigFor } from './ssh-config.js';
import type { Host, InventorySsh, SshSettings } from './types.js';

export interface SshContext {
  baseDir: string;
  env: NodeJS.ProcessEnv;
  sshConfig: SshConfigFile | null;
  inventoryHosts: ReadonlySet<string>;
}

/** ProxyJump chains longer than this are a loop in the config. */
const MAX_JUMP_HOPS = 8;

export function resolveSshSettings(s: InventorySsh, name: string, address: string, ctx: SshContext): SshSettings {
  const conf: SshConfigHost = ctx.sshConfig ? sshConfigFor(ctx.sshConfig, name, address, ctx.env) : {};
  const out = baseSettings(s, conf, ctx);
  if (s.jumpHost !== undefined) out.jumpHost = s.jumpHost;
  else if (conf.proxyJump && conf.proxyJump.length > 0) out.jumpHost = jumpChain(conf.proxyJump, out, ctx, [name]);
  return out;
}

function baseSettings(s: InventorySsh, conf: SshConfigHost, ctx: SshContext): SshSettings {
  const out: SshSettings = {
    user: s.user ?? conf.user ?? DEFAULTS.ssh.user,
    port: s.port ?? conf.port ?? DEFAULTS.ssh.port,
    knownHosts:
      s.knownHosts !== undefined
        ? resolvePath(s.knownHosts, ctx.baseDir, ctx.env)
        : (conf.userKnownHostsFiles?.[0] ?? resolvePath(DEFAULTS.ssh.knownHosts, ctx.baseDir, ctx.env)),
  };
  if (s.identityFile !== undefined) out.identityFile = resolvePath(s.identityFile, ctx.baseDir, ctx.env);
  else if (conf.identityFile !== undefined) out.identityFile = conf.identityFile;
  if (s.passphraseEnv !== undefined) out.passphraseEnv = s.passphraseEnv;
  if (conf.hostName !== undefined) out.hostName = conf.hostName;
  const others = [...(s.knownHosts === undefined ? (conf.userKnownHostsFiles?.slice(1) ?? []) : []), ...(conf.globalKnownHostsFiles ?? [])];
  if (others.length > 0 || conf.globalKnownHostsFiles) out.otherKnownHosts = others;
  if (conf.strictHostKeyChecking === 'accept-new') out.acceptNewHostKeys = true;
  if (conf.connectTimeout !== undefined) out.connectTimeout = conf.connectTimeout;
  return out;
}

/**
 * ProxyJump "a,b" -> reach b through a, the target through b. A hop that
 * names an inventory host and is the first is that host (its own settings,
 * one shared connection); any other hop is looked up in the config like
 * `ssh HOP` would, borrowing the target's key and known_hosts where the
 * config gives none.
 */
function jumpChain(
  hops: readonly string[],
  target: SshSettings, // the inventory host's settings
  ctx: SshContext,
  seen: string[],
): string | Host {
  const spec = hops[hops.length - 1]!;
  const before = hops.slice(0, -1);
  if (before.length === 0 && ctx.inventoryHosts.has(spec)) return spec;
  const parsed = parseJumpSpec(spec);
  if (!parsed) {
    throw new UserError(`ssh config ${ctx.sshConfig?.path}: ProxyJump ${spec} for host ${seen[0]} is not [user@]host[:port]`, {
      hint: 'fix the ProxyJump line, or set ssh.jumpHost in the inventory (it overrides the config)',
    });
  }
  const alias = parsed.address;
  if (seen.includes(alias) || seen.length > MAX_JUMP_HOPS) {
    throw new UserError(`ssh config ${ctx.sshConfig?.path}: ProxyJump goes round in a circle: ${[...seen, alias].join(' -> ')}`, {
      hint: 'one of these hosts must be reachable without ProxyJump',
    });
  }
  const conf: SshConfigHost = ctx.sshConfig ? sshConfigFor(ctx.sshConfig, alias, alias, ctx.env) : {};
  const own = baseSettings({}, conf, ctx);
  const ssh: SshSettings = {
    ...own,
    user: parsed.user ?? conf.user ?? target.user,
    port: parsed.port ?? own.port,
    knownHosts: conf.userKnownHostsFiles?.[0] ?? target.knownHosts,
  };
  if (conf.identityFile === undefined) {
    delete ssh.identityFile;
    if (target.identityFile !== undefined) ssh.identityFile = target.identityFile;
    if (target.passphraseEnv !== undefined) ssh.passphraseEnv = target.passphraseEnv;
  }
  // the hop's own ProxyJump counts only for the first hop, as in OpenSSH; every hop borrows from the inventory's host
  const chain = before.length > 0 ? before : (conf.proxyJump ?? []);
  if (chain.length > 0) ssh.jumpHost = jumpChain(chain, target, ctx, [...seen, alias]);
  return { name: alias, address: conf.hostName ?? alias, ssh, groups: [] };
}
