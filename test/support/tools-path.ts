// For the probe suites that run a fact's command with each tool it may use:
// a PATH holding only the named programs (symlinks to /usr/bin), so
// `command -v` finds exactly them and the command takes that tool's path.

import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** A folder under `dir` with links to /usr/bin/<tool> for each of `tools`, to use as PATH. */
export function pathWithOnly(dir: string, tools: string[]): string {
  const bin = join(dir, `bin-${tools.join('-') || 'none'}`);
  mkdirSync(bin, { recursive: true });
  for (const t of tools) {
    try {
      symlinkSync(`/usr/bin/${t}`, join(bin, t));
    } catch {
      /* already there */
    }
  }
  return bin;
}
