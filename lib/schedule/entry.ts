// What the service's ExecStart= runs: this node binary and this lvs-play's
// entry script, both as absolute real paths resolved when `schedule` runs.
//
// Why not `lvs-play` from PATH: systemd gives services a fixed PATH
// (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:...), which misses
// node and lvs-play when they come from nvm, a clone or a local tarball
// install, and the script's `#!/usr/bin/env -S node --` needs node on that PATH
// too. Absolute paths work the same for a clone run with npx (the clone's
// dist/), a global install (<prefix>/lib/node_modules/lvs-play/dist/) and a
// tarball installed globally or into a project. They name what was used at
// schedule time: after moving the clone or removing that node, run
// `lvs-play schedule` again. One copy is refused: npx's cache (~/.npm/_npx),
// which npm may clean at any time.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

export interface Entry {
  node: string;
  script: string;
}

export function currentEntry(): Entry {
  const script = realpathSync(fileURLToPath(new URL('../cli/main.js', import.meta.url)));
  return checkEntry({ node: process.execPath, script }); // execPath is already /proc/self/exe
}

/** Refuses entries a timer must not depend on. */
export function checkEntry(e: Entry): Entry {
  if (/[\\/]_npx[\\/]/.test(e.script)) {
    throw new UserError(`lvs-play runs from npx's cache (${e.script}), which npm may clean at any time`, {
      hint: 'install it first (npm install -g lvs-play, or a clone with npm run build) and run schedule from there',
    });
  }
  // systemd's own rule for the executable of ExecStart= (string_is_safe)
  if (/["'\\\x00-\x1f\x7f]/.test(e.node)) {
    throw new UserError(`systemd refuses an executable whose path holds quotes, backslashes or control characters: ${e.node}`, {
      hint: 'run lvs-play schedule with a node installed under a plainer path',
    });
  }
  if (!e.script.endsWith('.js')) {
    throw new UserError(`lvs-play runs from its sources (${e.script}); the service needs the built CLI`, {
      hint: 'npm run build, then node dist/lib/cli/main.js schedule ...',
    });
  }
  return e;
}
