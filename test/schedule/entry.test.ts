// What the service may run: the built CLI by absolute path, never npx's
// cache (npm cleans it), never the TypeScript sources, never a node path
// systemd refuses as an executable.

import { strict as assert } from 'node:assert';
import { UserError } from '../../lib/errors.js';
import { checkEntry } from '../../lib/schedule/entry.js';

describe('schedule entry', () => {
  it("accepts a clone's or an installed package's dist/lib/cli/main.js", () => {
    for (const script of [
      '/work/main/dist/lib/cli/main.js',
      '/usr/local/lib/node_modules/lvs-play/dist/lib/cli/main.js',
      '/srv/app/node_modules/lvs-play/dist/lib/cli/main.js',
    ]) {
      assert.deepEqual(checkEntry({ node: '/usr/bin/node', script }), { node: '/usr/bin/node', script });
    }
    assert.ok(checkEntry({ node: '/opt/node 20/bin/node', script: '/x/main.js' }));
  });

  const refused: Array<[string, { node: string; script: string }, RegExp]> = [
    [
      "npx's cache",
      { node: '/usr/bin/node', script: '/root/.npm/_npx/1a2b3c/node_modules/lvs-play/dist/lib/cli/main.js' },
      /npx's cache .* npm may clean/,
    ],
    ['the sources', { node: '/usr/bin/node', script: '/work/main/lib/cli/main.ts' }, /runs from its sources/],
    ['a node path with a quote', { node: "/opt/it's/node", script: '/x/main.js' }, /systemd refuses an executable/],
    ['a node path with a backslash', { node: '/opt/a\\b/node', script: '/x/main.js' }, /systemd refuses an executable/],
  ];
  for (const [what, entry, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => checkEntry(entry),
        (e: unknown) => e instanceof UserError && message.test(e.message) && !!e.hint,
      );
    });
  }
});
