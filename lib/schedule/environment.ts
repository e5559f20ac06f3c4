// What a check reads from the environment of whoever runs it, which the
// service does not inherit: systemd starts it with a bare environment (no
// SSH_AUTH_SOCK, none of the user's variables). `schedule` warns about each.

import type { Cluster, Inventory } from '../inventory/types.js';

export function serviceEnvironmentWarnings(inventory: Inventory, cluster: Cluster, envFile: string | undefined): string[] {
  const out: string[] = [];
  const variables = new Set<string>();
  const passwordEnv = inventory.vrrp?.authentication?.passwordEnv;
  if (passwordEnv) variables.add(passwordEnv);
  for (const h of cluster.hosts) if (h.ssh.passphraseEnv) variables.add(h.ssh.passphraseEnv);
  if (variables.size && !envFile) {
    out.push(
      `the inventory reads $${[...variables].join(', $')} from the environment, which the service does not inherit: set ${variables.size > 1 ? 'them' : 'it'} in a file given with --env-file (mode 0600)`,
    );
  }
  const agentOnly = cluster.hosts.filter((h) => !h.ssh.identityFile).map((h) => h.name);
  if (agentOnly.length) {
    out.push(
      `no ssh.identityFile for ${agentOnly.join(', ')}: the service has no ssh-agent (SSH_AUTH_SOCK), give a key file in the inventory`,
    );
  }
  return out;
}
