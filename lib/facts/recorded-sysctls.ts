// The running values of the keys in lvs-play's record of original sysctl
// values (lib/render/sysctl-originals.ts), read in the same round trip as the
// record itself: the keys are not known before the host answers. Keys are
// filtered by pattern on the host, so a damaged record never reaches a shell.

import { SYSCTL_ORIGINALS_PATH } from '../render/sysctl-originals.js';
import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';
import { normaliseSysctlValue, type SysctlValues } from './sysctl.js';

export const recordedSysctlsFact: Fact<SysctlValues> = {
  id: 'recorded-sysctls',
  command: [
    `f=${quote(SYSCTL_ORIGINALS_PATH)}`,
    'if [ -f "$f" ]; then',
    `  sed -n 's/^\\([A-Za-z0-9_.-]\\{1,\\}\\)=.*$/\\1/p' "$f" | while IFS= read -r k; do`,
    `    p="/proc/sys/$(printf '%s' "$k" | tr . /)"`,
    `    if [ -r "$p" ]; then printf '%s=%s\\n' "$k" "$(cat "$p")"; else printf '%s\\n' "$k"; fi`,
    '  done',
    'fi',
  ].join('\n'),
  parse({ stdout }) {
    const values: SysctlValues = {};
    for (const line of stdout.split('\n')) {
      if (!line) continue;
      const i = line.indexOf('=');
      if (i > 0) values[line.slice(0, i)] = normaliseSysctlValue(line.slice(i + 1));
      else values[line] = null;
    }
    return values;
  },
};
