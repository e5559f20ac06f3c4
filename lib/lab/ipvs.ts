// Whether the control machine's kernel (which the containers share) offers
// IP_VS. Looked up, never loaded: the lab does not change the control machine.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { release } from 'node:os';

export interface IpvsSupport {
  available: boolean;
  kernel: string;
  line: string; // what `lab status` prints
}

export function ipvsSupport(kernel = release()): IpvsSupport {
  const loaded = existsSync('/proc/net/ip_vs');
  const modules = `/lib/modules/${kernel}`;
  const builtin = safeRead(`${modules}/modules.builtin`).includes('/ip_vs.ko');
  const module = hasModule(`${modules}/kernel/net/netfilter/ipvs`);
  if (loaded || builtin) return { available: true, kernel, line: `IP_VS: available (kernel ${kernel})` };
  if (module) {
    return {
      available: true,
      kernel,
      line: `IP_VS: available as a module, not loaded (kernel ${kernel}; modprobe ip_vs before a full keepalived)`,
    };
  }
  return { available: false, kernel, line: `IP_VS: absent (kernel ${kernel} has no ip_vs; keepalived runs VRRP-only in the lab)` };
}

function safeRead(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

function hasModule(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => /^ip_vs\.ko/.test(f));
  } catch {
    return false;
  }
}
