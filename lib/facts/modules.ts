// Which of the named kernel modules are loaded (or built in): /sys/module/NAME
// exists for both.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export type ModulesLoaded = Record<string, boolean>;

export function modulesFact(names: string[]): Fact<ModulesLoaded> {
  const sorted = [...new Set(names)].sort();
  return {
    id: `modules:${sorted.join(',')}`,
    command: sorted.map((m) => `if [ -d ${quote(`/sys/module/${m}`)} ]; then printf '%s loaded\\n' ${quote(m)}; fi`).join('\n') || ':',
    parse({ stdout }) {
      const loaded: ModulesLoaded = Object.fromEntries(sorted.map((m) => [m, false]));
      for (const line of stdout.split('\n')) {
        const [name, state] = line.trim().split(' ');
        if (name && state === 'loaded' && name in loaded) loaded[name] = true;
      }
      return loaded;
    },
  };
}
