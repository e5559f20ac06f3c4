// The switches lvs-play flips on a director (lib/render/switches.ts): the
// handover file and one drain-<host> file per drained real server, each
// holding a number keepalived's track_file reads. A missing file reads as 0.

import { HANDOVER_FILE, SWITCHES_DIR } from '../render/switches.js';
import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

/** switch file name ("handover", "drain-lvs01") -> its value; only files that exist */
export type SwitchValues = Record<string, number>;

/** As keepalived reads a track_file: a leading integer, anything else 0. */
export function switchValue(text: string): number {
  const n = Number.parseInt(text.trim(), 10);
  return Number.isFinite(n) ? n : 0;
}

/** The real servers whose drain switch (drain-<host>) is set in `values`. */
export function drainedIn(values: SwitchValues): string[] {
  return Object.entries(values)
    .filter(([name, value]) => name.startsWith('drain-') && value !== 0)
    .map(([name]) => name.slice('drain-'.length));
}

export const switchesFact: Fact<SwitchValues> = {
  id: 'switches',
  command: `for f in ${quote(HANDOVER_FILE)} ${quote(SWITCHES_DIR)}/drain-*; do
  if [ -f "$f" ]; then printf '%s=%s\\n' "\${f##*/}" "$(head -c 32 "$f" | tr -d '\\n=')"; fi
done; true`,
  parse({ stdout }) {
    const values: SwitchValues = {};
    for (const line of stdout.split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) values[line.slice(0, i)] = switchValue(line.slice(i + 1));
    }
    return values;
  },
};
