// Which of the named files are executables on the host (`test -x`): the
// commands keepalived runs for the operator (track scripts, MISC_CHECK),
// which it disables without a word in its exit code when they are missing.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export type Executables = Record<string, boolean>;

export function executablesFact(paths: string[]): Fact<Executables> {
  const sorted = [...new Set(paths)].sort();
  return {
    id: `executables:${sorted.join(',')}`,
    command:
      sorted.map((p, i) => `if [ -f ${quote(p)} ] && [ -x ${quote(p)} ]; then echo '${i} yes'; else echo '${i} no'; fi`).join('\n') || ':',
    parse({ stdout }) {
      const found: Executables = Object.fromEntries(sorted.map((p) => [p, false]));
      for (const line of stdout.split('\n')) {
        const [index, answer] = line.trim().split(' ');
        const path = sorted[Number(index)];
        if (path !== undefined && answer === 'yes') found[path] = true;
      }
      return found;
    },
  };
}
