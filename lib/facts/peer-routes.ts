// How a host would reach other addresses, read without sending a packet:
// the route the kernel picks (`ip route get` is a lookup) and what the
// neighbour cache last learned about the address (ARP or ND). verify reads
// it on each director for its unicast VRRP peers.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface PeerRoute {
  address: string;
  /** the interface the route leaves by; null with no route */
  dev: string | null;
  /** the address is one of this host's own */
  local: boolean;
  /** why there is no route (ip's message), or null */
  error: string | null;
  /** the neighbour entry's states (REACHABLE, STALE, FAILED, INCOMPLETE, ...); empty with no entry */
  neighbour: string[];
}

export function peerRoutesFact(addresses: string[]): Fact<PeerRoute[]> {
  const sorted = [...new Set(addresses)].sort();
  return {
    id: `peer-routes:${sorted.join(',')}`,
    command: sorted
      .map((a) =>
        [
          `printf 'route %s %s\\n' ${quote(a)} "$(ip -j route get ${quote(a)} 2>&1 | tr '\\n' ' ')"`,
          `printf 'neigh %s %s\\n' ${quote(a)} "$(ip -j neigh show to ${quote(a)} 2>/dev/null | tr '\\n' ' ')"`,
        ].join('\n'),
      )
      .join('\n'),
    parse({ stdout }) {
      const routes = new Map<string, PeerRoute>(
        sorted.map((a) => [a, { address: a, dev: null, local: false, error: 'not read', neighbour: [] }]),
      );
      for (const line of stdout.split('\n')) {
        const m = /^(route|neigh) (\S+) (.*)$/.exec(line);
        const r = m ? routes.get(m[2]!) : undefined;
        if (!m || !r) continue;
        const text = m[3]!.trim();
        if (m[1] === 'route') {
          const json = parseJsonArray<{ dev?: string; type?: string }>(text);
          if (json === null) {
            r.error = text || 'no answer from ip route get';
            continue;
          }
          r.error = json[0]?.dev ? null : 'no route';
          r.dev = json[0]?.dev ?? null;
          r.local = json[0]?.type === 'local';
        } else {
          r.neighbour = (parseJsonArray<{ state?: string[] }>(text) ?? []).flatMap((n) => n.state ?? []);
        }
      }
      return [...routes.values()];
    },
  };
}

function parseJsonArray<T>(text: string): T[] | null {
  if (!text.startsWith('[')) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : null;
  } catch {
    return null;
  }
}
