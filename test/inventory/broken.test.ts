import { strict as assert } from 'node:assert';
import { validateInventory } from '../../lib/inventory/validate.js';
import { BROKEN } from './broken-cases.js';
import { example } from './fixtures.js';

// A password no message may ever contain; the base of every case uses it.
const SECRET = 'Zq9xW2pk';

describe('validateInventory rejects broken inventories', () => {
  it('has at least 30 cases, and the unbroken base is valid', () => {
    assert.ok(BROKEN.length >= 30, `${BROKEN.length} cases`);
    const inv = example();
    inv.vrrp.authentication.password = SECRET;
    assert.deepEqual(validateInventory(inv), []);
  });

  for (const c of BROKEN) {
    it(`${c.name}: ${c.path}`, () => {
      const inv = example();
      inv.vrrp.authentication.password = SECRET;
      const doc = c.mutate(inv) ?? inv;
      const problems = validateInventory(doc);
      const lines = problems.map((p) => `${p.path || '/'}: ${p.message}`);
      const hit = problems.find(
        (p) => (p.path || '/') === c.path && (typeof c.message === 'string' ? p.message.includes(c.message) : c.message.test(p.message)),
      );
      assert.ok(hit, `expected ${c.path}: ...${String(c.message)}... among:\n${lines.join('\n')}`);
      for (const line of lines) assert.ok(!line.includes(SECRET), `secret in: ${line}`);
    });
  }
});
