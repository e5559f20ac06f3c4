// `npm run generate:schemas`: writes schema/reports/*.schema.json from the
// report types (lib/documents/json-schemas.ts) after a report's type changed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORT_SCHEMA_DIR, reportSchemas } from '../lib/documents/json-schemas.js';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
mkdirSync(join(root, REPORT_SCHEMA_DIR), { recursive: true });
for (const [name, text] of Object.entries(reportSchemas(root))) {
  writeFileSync(join(root, REPORT_SCHEMA_DIR, `${name}.schema.json`), text);
  process.stdout.write(`wrote ${REPORT_SCHEMA_DIR}/${name}.schema.json\n`);
}
