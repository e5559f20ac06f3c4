import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { schemaErrors } from '../../lib/inventory/schema.js';
import { inventorySchema } from '../../lib/inventory/schema-file.js';
import { GENERATED_VALIDATOR, standaloneValidatorSource } from '../../lib/inventory/schema-standalone.js';

describe("the inventory schema's validator, generated ahead of time", () => {
  it('is what schema/inventory.schema.json compiles to today (else: npm run generate:schema)', () => {
    const committed = readFileSync(GENERATED_VALIDATOR, 'utf8');
    assert.ok(
      committed === standaloneValidatorSource(inventorySchema()),
      `${GENERATED_VALIDATOR} is stale: the schema changed since it was generated; run npm run generate:schema and commit it`,
    );
  });

  it('reports a wrong value with its path, its schema and its data (verbose errors, which the messages use)', () => {
    const errors = schemaErrors({ name: 'x', hosts: [], vips: [{ routerId: 300 }] });
    const routerId = errors.find((e) => e.instancePath === '/vips/0/routerId');
    assert.ok(routerId, JSON.stringify(errors.map((e) => e.instancePath)));
    assert.equal(routerId.data, 300);
    assert.ok(routerId.parentSchema, 'verbose errors carry the parent schema');
  });

  it('checks the formats it names (ipv4)', () => {
    const errors = schemaErrors({ name: 'x', hosts: [{ name: 'a', address: '300.1.1.1', groups: ['directors'] }], vips: [] });
    assert.ok(
      errors.some((e) => e.instancePath === '/hosts/0/address'),
      JSON.stringify(errors.map((e) => `${e.instancePath} ${e.keyword}`)),
    );
  });
});
