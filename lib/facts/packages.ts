// Which of the named packages are installed, asked of dpkg or rpm (whichever
// the host has), plus whether apt's package lists exist at all.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface PackagesState {
  installed: Record<string, string | null>; // name -> version, null when absent
  aptListsPresent: boolean;
}

/** One dpkg-query for every package (rpm: one query each); the lists are looked for with the shell's own glob. */
function queryPackages(names: readonly string[]): string {
  const words = names.map(quote).join(' ');
  const lists = ['set -- /var/lib/apt/lists/*_Packages', "if [ -e \"$1\" ]; then echo 'lists yes'; else echo 'lists no'; fi"];
  // dpkg-query -W with no name lists every package
  if (names.length === 0) return lists.join('\n');
  return [
    'if command -v dpkg-query >/dev/null; then',
    `  dpkg-query -W -f='\${Package} \${db:Status-Abbrev} \${Version}\\n' ${words} 2>/dev/null`,
    'else',
    `  for p in ${words}; do v=$(rpm -q --qf '%{VERSION}-%{RELEASE}' "$p" 2>/dev/null) && echo "$p ii $v" || echo "$p - -"; done`,
    'fi',
    ...lists,
  ].join('\n');
}

/** dpkg prints the architecture-qualified name for multi-arch packages */
const packageName = (line: string) => (line.trim().split(/\s+/)[0] ?? '').replace(/:.*$/, '');

/** Each fact's lines out of one query for several: those of its own packages, and the lists line. */
function splitPackages(stdout: string, items: readonly string[]): string[] {
  const lines = stdout.split('\n');
  return items.map((item) => {
    const names = new Set(item.split(','));
    return lines.filter((l) => packageName(l) === 'lists' || names.has(packageName(l))).join('\n');
  });
}

export function packagesFact(names: string[]): Fact<PackagesState> {
  const sorted = [...new Set(names)].sort();
  return {
    id: `packages:${sorted.join(',')}`,
    command: queryPackages(sorted),
    parse({ stdout }) {
      const installed: Record<string, string | null> = Object.fromEntries(sorted.map((n) => [n, null]));
      let aptListsPresent = false;
      for (const line of stdout.split('\n')) {
        const [, status, version] = line.trim().split(/\s+/);
        const name = packageName(line);
        if (name === 'lists') aptListsPresent = status === 'yes';
        // a held package ("hi") or a removed one is not installed here
        else if (status === 'ii' && Object.hasOwn(installed, name)) installed[name] = version ?? '';
      }
      return { installed, aptListsPresent };
    },
    together: {
      key: 'packages',
      item: sorted.join(','),
      command: (items) => queryPackages([...new Set(items.flatMap((i) => i.split(',')).filter(Boolean))].sort()),
      split: splitPackages,
    },
  };
}
