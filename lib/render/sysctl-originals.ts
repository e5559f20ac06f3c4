// /var/lib/lvs-play/sysctl-originals.conf: the value each kernel setting had
// before lvs-play first changed it, one `key=value` per line. Written (in the
// same run, before the value changes) when lvs-play first sets a key; read
// when a key leaves the inventory, to put that value back; the key then
// leaves the record. A key that did not exist when it was first set is not
// recorded: there is nothing to put back.

import { managedHeader } from './header.js';

export const SYSCTL_ORIGINALS_PATH = '/var/lib/lvs-play/sysctl-originals.conf';

/** what a key may look like in the record; anything else is ignored (never reaches a shell) */
export const RECORDED_KEY = /^[A-Za-z0-9_.-]+$/;

export function parseSysctlOriginals(content: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of content.split('\n')) {
    if (line.startsWith('#')) continue;
    const i = line.indexOf('=');
    if (i <= 0) continue;
    const key = line.slice(0, i);
    if (RECORDED_KEY.test(key)) out[key] = line.slice(i + 1);
  }
  return out;
}

export function renderSysctlOriginals(cluster: string, host: string, originals: Record<string, string>): string {
  return (
    managedHeader(
      cluster,
      `values ${host}'s kernel settings had before lvs-play first set them; put back when a key leaves the inventory`,
    ) +
    Object.keys(originals)
      .sort()
      .map((k) => `${k}=${originals[k]}\n`)
      .join('')
  );
}
