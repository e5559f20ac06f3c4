// Runtime values of sysctl keys, read from /proc/sys (dots become slashes).

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export type SysctlValues = Record<string, string | null>; // null: the key does not exist here

export function sysctlPath(key: string): string {
  return `/proc/sys/${key.replace(/\./g, '/')}`;
}

/** sysctl prints multi-value keys with tabs; compare them with single spaces. */
export function normaliseSysctlValue(value: string): string {
  return value.trim().split(/\s+/).join(' ');
}

export function sysctlFact(keys: string[]): Fact<SysctlValues> {
  const sorted = [...new Set(keys)].sort();
  return {
    id: `sysctl:${sorted.join(',')}`,
    command: sorted
      .map(
        (k) =>
          `if [ -r ${quote(sysctlPath(k))} ]; then printf '%s=%s\\n' ${quote(k)} "$(cat ${quote(sysctlPath(k))})"; else printf '%s\\n' ${quote(k)}; fi`,
      )
      .join('\n'),
    parse({ stdout }) {
      const values: SysctlValues = Object.fromEntries(sorted.map((k) => [k, null]));
      for (const line of stdout.split('\n')) {
        const i = line.indexOf('=');
        if (i > 0) values[line.slice(0, i)] = normaliseSysctlValue(line.slice(i + 1));
      }
      return values;
    },
  };
}
