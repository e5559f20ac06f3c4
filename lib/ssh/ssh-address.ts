// Where SSH connects for a host: its address, unless the user's ssh config
// gives a HostName for it. The known_hosts lookup uses the same name, as
// OpenSSH does.

import type { Host } from '../inventory/types.js';

export function sshAddress(host: Host): string {
  return host.ssh.hostName ?? host.address;
}
