// Paths in an inventory are written relative to the inventory's folder, or
// with "~" for the user's home; the rest of lvs-play only sees absolute paths.

import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** "~/x" -> HOME/x, "x" -> baseDir/x, "/x" stays. */
export function resolvePath(p: string, baseDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (p === '~' || p.startsWith('~/')) return join(env.HOME || homedir(), p.slice(1));
  return isAbsolute(p) ? resolve(p) : resolve(baseDir, p);
}
