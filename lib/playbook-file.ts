// The playbook a run uses: the seed's cluster, or the default export of the
// module given with --playbook (a regular file: importing a FIFO would wait
// for a writer forever): JavaScript (.js, .mjs) or TypeScript (.ts, .mts),
// the latter through tsx's loader, registered only then. The export is
// checked by definePlaybook, so a mistake names the play and the task.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedPlaybook } from '../playbooks/seed.js';
import { UserError } from './errors.js';
import { definePlaybook, type Playbook } from './playbook.js';
import { safeText } from './terminal-text.js';

export async function loadPlaybook(file: string | undefined): Promise<Playbook> {
  if (!file) return seedPlaybook;
  const path = resolve(file);
  // import() of a FIFO would wait for a writer forever; of a directory, fail obscurely
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`--playbook ${safeText(file)} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, {
      hint: 'give the path of a JavaScript or TypeScript module whose default export is a playbook',
    });
  }
  if (!st.isFile())
    throw new UserError(`--playbook ${safeText(file)} is not a regular file`, {
      hint: 'give the path of a JavaScript or TypeScript module whose default export is a playbook',
    });
  if (/\.[cm]?ts$/.test(path)) {
    // hooks for the whole process, not a namespace: the playbook's `import 'lvs-play'` then loads the same modules as this run
    const { register } = await import('tsx/esm/api');
    register();
  }
  const mod = await import(pathToFileURL(path).href).catch((e: Error) => {
    throw new UserError(`cannot load playbook ${safeText(file)}: ${e.message}`);
  });
  const pb = mod.default as Playbook | undefined;
  if (!pb || !Array.isArray(pb.plays))
    throw new UserError(`playbook ${safeText(file)} has no default export with "plays"`, {
      hint: 'export default definePlaybook({ name, description, plays: [{ hosts, tasks }] })',
    });
  return definePlaybook(pb);
}
