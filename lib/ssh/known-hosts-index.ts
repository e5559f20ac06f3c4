// Finding the known_hosts lines for a host without testing every line.
// Scanning E lines for each of H hosts made a run cost H x E pattern
// matches. Most lines name hosts plainly ("web1,198.18.0.10" or
// "[198.18.0.11]:2222"): those are found by name in a map. The others (hashed
// names, patterns with `*`, `?` or a negation `!`, and @revoked /
// @cert-authority lines) are still tested one by one, as matchingEntries
// does. The two lists are merged back into file order, so every lookup gives
// exactly what the scan of every line gives (test/ssh/known-hosts-index.test.ts).

import { decideHostKey, entryMatches, type HostKeyLookup, type KnownHostEntry, knownHostsName, recordedKeyTypes } from './known-hosts.js';

export interface KnownHostsIndex {
  /** the lines of one file (or of any list), in order */
  readonly entries: readonly KnownHostEntry[];
  /** a plain name, lower-cased -> positions in entries of the plain lines naming it, ascending */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** positions of the lines tested for every name, ascending */
  readonly scanned: readonly number[];
  /** which of those matched a (lower-cased) name already looked up: a host is
   * looked up twice per connection (key types, then the key check), and each
   * hashed line costs an HMAC per lookup */
  readonly scannedMatches: Map<string, readonly number[]>;
}

/**
 * A pattern that matches one name only, itself (compared lower-cased):
 * matchPatternList lower-cases both sides and matchWildcard treats only `*`
 * and `?` as special, so such a pattern matches a name exactly when the
 * lower-cased strings are equal. `!` in front makes it a veto, which can
 * take a line away from a name: such lines are scanned.
 */
export function isPlainPattern(pattern: string): boolean {
  return !pattern.startsWith('!') && !pattern.includes('*') && !pattern.includes('?');
}

function plainNames(entry: KnownHostEntry): string[] | null {
  if (entry.marker !== undefined || entry.hosts.kind !== 'patterns') return null;
  if (!entry.hosts.patterns.every(isPlainPattern)) return null;
  return [...new Set(entry.hosts.patterns.map((p) => p.toLowerCase()))];
}

export function indexKnownHosts(entries: readonly KnownHostEntry[]): KnownHostsIndex {
  const byName = new Map<string, number[]>();
  const scanned: number[] = [];
  entries.forEach((entry, position) => {
    const names = plainNames(entry);
    if (names === null) {
      scanned.push(position);
      return;
    }
    for (const name of names) {
      const positions = byName.get(name);
      if (positions) positions.push(position);
      else byName.set(name, [position]);
    }
  });
  return { entries, byName, scanned, scannedMatches: new Map() };
}

/** What matchingEntries gives for the index's entries: the lines that apply to host:port, in file order. */
function matchingIn(index: KnownHostsIndex, name: string): KnownHostEntry[] {
  const lname = name.toLowerCase(); // as entryMatches compares
  const named = index.byName.get(lname) ?? [];
  let tested = index.scannedMatches.get(lname);
  if (tested === undefined) {
    tested = index.scanned.filter((p) => entryMatches(index.entries[p]!, lname));
    index.scannedMatches.set(lname, tested);
  }
  const out: KnownHostEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < named.length || j < tested.length) {
    const next = j >= tested.length || (i < named.length && named[i]! < tested[j]!) ? named[i++]! : tested[j++]!;
    out.push(index.entries[next]!);
  }
  return out;
}

/** The lines that apply to host:port in each file, files in the order given: matchingEntries of all their lines. */
export function findHostEntries(indexes: readonly KnownHostsIndex[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  return indexes.flatMap((index) => matchingIn(index, name));
}

/** lookupHostKey, through the indexes of the files in order. */
export function lookupHostKeyIn(indexes: readonly KnownHostsIndex[], host: string, port: number, offered: Buffer): HostKeyLookup {
  return decideHostKey(findHostEntries(indexes, host, port), offered);
}

/** knownKeyTypes, through the indexes of the files in order. */
export function knownKeyTypesIn(indexes: readonly KnownHostsIndex[], host: string, port: number): string[] {
  return recordedKeyTypes(findHostEntries(indexes, host, port));
}
