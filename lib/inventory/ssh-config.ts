// The user's OpenSSH client config (~/.ssh/config, or the file given with
// -F): what it says about one inventory host. Parsing and Host/Match
// matching are the ssh-config package's (a well-kept parser); this file adds
// what OpenSSH does around it: Include, the first value wins, %-tokens and
// "~" in paths, and turning values into checked settings. The inventory
// overrides whatever the config says (see ssh-settings.ts).
//
// Left out on purpose: `Match exec` is never run (it counts as not matching),
// ProxyCommand is refused (ProxyJump is the supported way), HostKeyAlias,
// CertificateFile and IdentityAgent are not read.

import { existsSync, readdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import SSHConfig, { type Line, LineType } from 'ssh-config';
import { UserError } from '../errors.js';
import { FileReadError, readRegularFile } from '../regular-file.js';
import { quoted } from '../terminal-text.js';
import { matchWildcard } from '../wildcard.js';

/** A parsed config file, Includes spliced in. */
export interface SshConfigFile {
  path: string;
  config: SSHConfig;
}

/** What the config says about one host; paths absolute, values checked. */
export interface SshConfigHost {
  hostName?: string;
  user?: string;
  port?: number;
  identityFile?: string; // the first IdentityFile that exists (else the first listed)
  proxyJump?: string[]; // hops in order, [] for "ProxyJump none"
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  strictHostKeyChecking?: 'yes' | 'accept-new' | 'no';
  connectTimeout?: number; // seconds
}

/** OpenSSH's own limit on nested Includes (readconf.c READCONF_MAX_DEPTH). */
const MAX_INCLUDE_DEPTH = 16;
/** A config is a few KiB; this is the wrong file. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Where the config comes from: `-F FILE` (LVS_PLAY_SSH_CONFIG), "none" for no config, else ~/.ssh/config if it exists. */
export function sshConfigPath(env: NodeJS.ProcessEnv = process.env): { path: string; required: boolean } | null {
  const chosen = env.LVS_PLAY_SSH_CONFIG;
  if (chosen === 'none') return null;
  if (chosen) return { path: resolve(expandTilde(chosen, env)), required: true };
  return { path: join(home(env), '.ssh', 'config'), required: false };
}

/** Read and parse a config file; null when it is optional and missing. */
export function loadSshConfig(path: string, opts: { required?: boolean; env?: NodeJS.ProcessEnv } = {}): SshConfigFile | null {
  const env = opts.env ?? process.env;
  let text: string;
  try {
    text = readRegularFile(path, MAX_CONFIG_BYTES);
  } catch (err) {
    if (!opts.required && err instanceof FileReadError && err.code === 'ENOENT') return null;
    const why = err instanceof FileReadError ? err.reason : (err as Error).message;
    throw new UserError(`ssh config ${quoted(path)} ${why}`, {
      hint: 'give an OpenSSH client config with -F FILE, or -F none to read none',
    });
  }
  return { path, config: parseWithIncludes(text, path, env, 0) };
}

function parseWithIncludes(text: string, path: string, env: NodeJS.ProcessEnv, depth: number): SSHConfig {
  const parsed = SSHConfig.parse(text);
  const out = new SSHConfig();
  for (const line of parsed) {
    if (line.type === LineType.DIRECTIVE && 'config' in line && line.config.some(isInclude)) {
      throw new UserError(`ssh config ${quoted(path)}: Include inside "${line.param} ${valueText(line.value)}" is not supported`, {
        hint: 'move the Include line above the first Host or Match line',
      });
    }
    if (!isInclude(line)) {
      out.push(line);
      continue;
    }
    if (depth >= MAX_INCLUDE_DEPTH)
      throw new UserError(`ssh config ${quoted(path)}: Includes nest deeper than ${MAX_INCLUDE_DEPTH}`, {
        hint: 'an Include probably includes itself',
      });
    for (const pattern of values(line)) {
      for (const file of expandInclude(pattern, env)) {
        const included = readIncluded(file, path);
        if (included !== null) out.push(...parseWithIncludes(included, file, env, depth + 1));
      }
    }
  }
  return out;
}

/** An included file's text; null when it does not exist (OpenSSH skips it), a UserError naming both files when it cannot be read. */
function readIncluded(file: string, from: string): string | null {
  try {
    return readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'ENOENT') return null;
    const why = err instanceof FileReadError ? err.reason : (err as Error).message;
    throw new UserError(`ssh config ${quoted(file)} (included by ${quoted(from)}) ${why}`, {
      hint: 'fix or remove the Include line, or give another config with -F FILE (-F none: none)',
    });
  }
}

function isInclude(line: Line): boolean {
  return line.type === LineType.DIRECTIVE && /^include$/i.test(line.param);
}

/** An Include pattern -> the files it names, sorted (OpenSSH: relative to ~/.ssh; a glob in the last part). */
function expandInclude(pattern: string, env: NodeJS.ProcessEnv): string[] {
  const full = resolve(join(home(env), '.ssh'), expandTilde(pattern, env));
  const name = basename(full);
  if (!/[*?]/.test(name)) return [full];
  let entries: string[];
  try {
    entries = readdirSync(dirname(full));
  } catch {
    return []; // OpenSSH: a glob that matches nothing is no error
  }
  return entries
    .filter((e) => !e.startsWith('.') && matchWildcard(e, name))
    .sort()
    .map((e) => join(dirname(full), e));
}

/**
 * What the config says for the inventory host `name` at `address`: Host and
 * Match patterns are tried against the name first (as `ssh NAME` would),
 * then against the address for what the name left unset (as `ssh ADDRESS`).
 */
export function sshConfigFor(file: SshConfigFile, name: string, address: string, env: NodeJS.ProcessEnv = process.env): SshConfigHost {
  const byName = compute(file, name);
  const byAddress = compute(file, address);
  const raw = { ...byAddress, ...byName };
  const fail = (key: string, value: string, why: string): never => {
    throw new UserError(`ssh config ${quoted(file.path)}: ${key} ${quoted(value)} for host ${name} ${why}`, {
      hint: `fix that line, or set the host's ssh settings in the inventory (they override the config)`,
    });
  };
  const out: SshConfigHost = {};
  const hostName = first(raw.hostname);
  if (hostName !== undefined) out.hostName = hostName.replace(/%(%|h)/g, (_, t: string) => (t === '%' ? '%' : name));
  const user = first(raw.user);
  if (user !== undefined) {
    if (!/^[a-z_][a-z0-9_.-]{0,31}$/.test(user))
      fail('User', user, 'is not a user name lvs-play accepts (lowercase letters, digits, _ . -)');
    out.user = user;
  }
  const port = first(raw.port);
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) fail('Port', port, 'is not a port number (1-65535)');
    out.port = n;
  }
  const tokens = { name, hostName: out.hostName ?? address, user: out.user };
  const identities = list(raw.identityfile).map((p) => expandPath(p, tokens, env));
  if (identities.length > 0) out.identityFile = identities.find((p) => existsSync(p)) ?? identities[0];
  const jump = first(raw.proxyjump);
  if (jump !== undefined)
    out.proxyJump = jump.toLowerCase() === 'none' ? [] : jump.split(',').map((hop) => hop.trim().replace(/^ssh:\/\//, ''));
  else if (first(raw.proxycommand) !== undefined && first(raw.proxycommand)!.toLowerCase() !== 'none') {
    fail('ProxyCommand', first(raw.proxycommand)!, 'is not supported by lvs-play (it connects with its own SSH client)');
  }
  const userFiles = list(raw.userknownhostsfile);
  if (userFiles.length > 0) out.userKnownHostsFiles = userFiles.filter((f) => f !== 'none').map((p) => expandPath(p, tokens, env));
  const globalFiles = list(raw.globalknownhostsfile);
  if (globalFiles.length > 0) out.globalKnownHostsFiles = globalFiles.filter((f) => f !== 'none').map((p) => expandPath(p, tokens, env));
  const strict = first(raw.stricthostkeychecking)?.toLowerCase();
  if (strict !== undefined) {
    if (strict === 'accept-new') out.strictHostKeyChecking = 'accept-new';
    else if (strict === 'yes' || strict === 'ask') out.strictHostKeyChecking = 'yes';
    else if (strict === 'no' || strict === 'off') out.strictHostKeyChecking = 'no';
    else fail('StrictHostKeyChecking', strict, 'is not yes, accept-new, ask, no or off');
  }
  const timeout = first(raw.connecttimeout);
  if (timeout !== undefined) {
    if (!/^\d{1,5}$/.test(timeout) || Number(timeout) < 1) fail('ConnectTimeout', timeout, 'is not a number of seconds (1 or more)');
    out.connectTimeout = Number(timeout);
  }
  return out;
}

type Computed = Record<string, string | string[] | undefined>;

function compute(file: SshConfigFile, host: string): Computed {
  // keys lower-cased (OpenSSH keywords are case-insensitive); `Match exec` never runs a command
  return file.config.compute(host, { ignoreCase: true, matchExec: false }) as Computed;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : v.split(/\s+/).filter(Boolean);
}

function values(line: Line): string[] {
  if (line.type !== LineType.DIRECTIVE) return [];
  return Array.isArray(line.value) ? line.value.map((v) => v.val) : line.value.split(/\s+/).filter(Boolean);
}

function valueText(value: unknown): string {
  return Array.isArray(value) ? value.map((v: { val: string }) => v.val).join(' ') : String(value);
}

/** OpenSSH's %-tokens in paths (%d home, %h host name, %n the name given, %r remote user, %u local user, %%) and "~". */
function expandPath(p: string, t: { name: string; hostName: string; user?: string }, env: NodeJS.ProcessEnv): string {
  const local = env.USER || safeUserName();
  const expanded = p.replace(
    /%([%dhnru])/g,
    (_, c: string) =>
      (
        ({
          '%': '%',
          d: home(env),
          h: t.hostName,
          n: t.name,
          r: t.user ?? 'root',
          u: local,
        }) as Record<string, string>
      )[c]!,
  );
  const tilde = expandTilde(expanded, env);
  return isAbsolute(tilde) ? tilde : resolve(tilde);
}

function expandTilde(p: string, env: NodeJS.ProcessEnv): string {
  return p === '~' || p.startsWith('~/') ? join(home(env), p.slice(1)) : p;
}

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
