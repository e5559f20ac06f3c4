// Whether routes are in the main table with the wanted gateway: `ip route
// show exact` per destination, a read only.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface RouteWanted {
  /** "default" or a CIDR */
  to: string;
  family: 4 | 6;
}

/** destination ("default" or CIDR) -> the route's `via` address, or null when there is no such route (or it has no gateway) */
export type RouteGateways = Record<string, string | null>;

export function routesFact(routes: RouteWanted[]): Fact<RouteGateways> {
  const keys = [...new Set(routes.map((r) => `${r.family} ${r.to}`))].sort();
  return {
    id: `routes:${keys.join(',')}`,
    command: keys
      .map((k) => {
        const [family, to] = k.split(' ') as [string, string];
        const exact = to === 'default' ? (family === '6' ? '::/0' : '0.0.0.0/0') : to;
        return `printf 'route %s %s\\n' ${quote(to)} "$(ip -${family} -o route show exact ${quote(exact)} 2>/dev/null | head -n 1)"`;
      })
      .join('\n'),
    parse({ stdout }) {
      const out: RouteGateways = Object.fromEntries(keys.map((k) => [k.split(' ')[1]!, null]));
      for (const line of stdout.split('\n')) {
        const m = /^route (\S+) ?(.*)$/.exec(line);
        if (!m || !(m[1]! in out)) continue;
        out[m[1]!] = / via (\S+)/.exec(` ${m[2]}`)?.[1] ?? null;
      }
      return out;
    },
  };
}
