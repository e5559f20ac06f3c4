import { strict as assert } from 'node:assert';
import { validateInventory } from '../../lib/inventory/validate.js';
import { example } from './fixtures.js';

/** Every JSON pointer in a document, as key paths. */
function paths(node: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const key = Array.isArray(node) ? Number(k) : k;
      out.push([...at, key]);
      paths(v, [...at, key], out);
    }
  }
  return out;
}

describe('validateInventory on any shape', () => {
  it('never throws, and reports null or a shell string anywhere at (or above) its path', () => {
    const replacements: unknown[] = [null, 'x;id', 7, -1, [], {}, true, 1.5];
    let checked = 0;
    for (const path of paths(example())) {
      for (const replacement of replacements) {
        const inv = example();
        let parent = inv;
        for (const k of path.slice(0, -1)) parent = parent[k];
        parent[path[path.length - 1]] = replacement;
        const problems = validateInventory(inv);
        checked++;
        if (replacement !== null && replacement !== 'x;id') continue; // these may be valid somewhere
        // $schema is free text; a VRRP password may contain ";" (it reaches only keepalived.conf)
        if (['$schema', 'password'].includes(String(path[path.length - 1])) && typeof replacement === 'string') continue;
        const pointer = `/${path.join('/')}`;
        assert.ok(
          problems.some((p) => pointer.startsWith(p.path) || p.path.startsWith(pointer)),
          `${pointer} = ${JSON.stringify(replacement)} gave:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n') || '(no problem)'}`,
        );
      }
    }
    assert.ok(checked > 500);
  });
});
