// Which host a "jumpHost" setting means: the name of an inventory host (with
// that host's own ssh settings), or "user@host:port" (user and port optional;
// IPv6 as [addr]:port), which borrows the target's key and known_hosts, or
// a Host the ssh config's ProxyJump described (lib/inventory/ssh-settings.ts).

import { HostError } from '../errors.js';
import { parseJumpSpec } from '../inventory/jump-spec.js';
import type { Host } from '../inventory/types.js';

export { type JumpSpec, parseJumpSpec } from '../inventory/jump-spec.js';

/** The Host to connect through for target, or null when it has no jump host. */
export function resolveJumpHost(target: Host, hosts: readonly Host[]): Host | null {
  const spec = target.ssh.jumpHost;
  if (!spec) return null;
  if (typeof spec !== 'string') return spec; // built from the ssh config's ProxyJump
  const named = hosts.find((h) => h.name === spec);
  if (named) return named;
  const parsed = parseJumpSpec(spec);
  if (!parsed) {
    throw new HostError(target.name, `ssh.jumpHost "${spec}" is neither an inventory host nor user@host:port`, {
      hint: 'name a host of the inventory, or write it as user@address:port',
    });
  }
  return {
    name: spec,
    address: parsed.address,
    groups: [],
    ssh: {
      user: parsed.user ?? target.ssh.user,
      port: parsed.port ?? 22,
      knownHosts: target.ssh.knownHosts,
      ...(target.ssh.otherKnownHosts ? { otherKnownHosts: target.ssh.otherKnownHosts } : {}),
      ...(target.ssh.identityFile ? { identityFile: target.ssh.identityFile } : {}),
      ...(target.ssh.passphraseEnv ? { passphraseEnv: target.ssh.passphraseEnv } : {}),
    },
  };
}
