// `npm run generate:schema`: writes the inventory schema's standalone
// validator (lib/inventory/schema-standalone.ts says why) after a change to
// schema/inventory.schema.json.

import { writeFileSync } from 'node:fs';
import { inventorySchema } from '../lib/inventory/schema-file.js';
import { GENERATED_VALIDATOR, standaloneValidatorSource } from '../lib/inventory/schema-standalone.js';

writeFileSync(GENERATED_VALIDATOR, standaloneValidatorSource(inventorySchema()));
process.stdout.write(`wrote ${GENERATED_VALIDATOR}\n`);
