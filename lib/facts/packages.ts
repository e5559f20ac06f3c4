// Which of the named packages are installed, asked of dpkg or rpm (whichever
// the host has), plus whether apt's package lists exist at all.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface PackagesState {
  installed: Record<string, string | null>; // name -> version, null when absent
  aptListsPresent: boolean;
}

export function packagesFact(names: string[]): Fact<PackagesState> {
  const sorted = [...new Set(names)].sort();
  const words = sorted.map(quote).join(' ');
  return {
    id: `packages:${sorted.join(',')}`,
    command: [
      'if command -v dpkg-query >/dev/null; then',
      `  for p in ${words}; do dpkg-query -W -f='\${Package} \${db:Status-Abbrev} \${Version}\\n' "$p" 2>/dev/null | grep '^[^ ]* ii ' || echo "$p - -"; done`,
      'else',
      `  for p in ${words}; do v=$(rpm -q --qf '%{VERSION}-%{RELEASE}' "$p" 2>/dev/null) && echo "$p ii $v" || echo "$p - -"; done`,
      'fi',
      "if ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then echo 'lists yes'; else echo 'lists no'; fi",
    ].join('\n'),
    parse({ stdout }) {
      const installed: Record<string, string | null> = Object.fromEntries(sorted.map((n) => [n, null]));
      let aptListsPresent = false;
      for (const line of stdout.split('\n')) {
        const [name, status, version] = line.trim().split(/\s+/);
        if (name === 'lists') aptListsPresent = status === 'yes';
        // dpkg prints the architecture-qualified name for multi-arch packages
        else if (name && status === 'ii') installed[name.replace(/:.*$/, '')] = version ?? '';
      }
      return { installed, aptListsPresent };
    },
  };
}
