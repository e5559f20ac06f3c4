// Whether an nftables table is loaded in the kernel: what a oneshot unit
// that loads a ruleset should have put in place (someone's `nft flush
// ruleset` removes it while the unit still says active). Read-only:
// `nft list table` changes nothing.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

/** present / absent, or no-nft where nft is not installed (yet). */
export type NftTableState = 'present' | 'absent' | 'no-nft';

export function nftTableFact(family: 'ip' | 'ip6' | 'inet', table: string): Fact<NftTableState> {
  return {
    id: `nft-table:${family}:${table}`,
    command: [
      'if ! command -v nft >/dev/null 2>&1; then echo no-nft',
      `elif nft list table ${family} ${quote(table)} >/dev/null 2>&1; then echo present`,
      'else echo absent; fi',
    ].join('\n'),
    parse({ stdout }) {
      const word = stdout.trim();
      if (word !== 'present' && word !== 'absent' && word !== 'no-nft')
        throw new Error(`nft table: unexpected answer: ${word.slice(0, 80)}`);
      return word;
    },
  };
}
