// The JSON Schemas of lvs-play's JSON documents, generated from their
// TypeScript types (json-documents.ts) with ts-json-schema-generator, so the
// published schema cannot drift from what the code prints. Development only:
// the generated files are committed under schema/reports/, and a unit test
// regenerates them and compares.

import { createGenerator } from 'ts-json-schema-generator';
import { JSON_DOCUMENTS } from './json-documents.js';

export const REPORT_SCHEMA_DIR = 'schema/reports';

/** NAME -> the text of schema/reports/NAME.schema.json */
export function reportSchemas(root: string): Record<string, string> {
  const generator = createGenerator({
    path: `${root}/lib/documents/json-documents.ts`,
    tsconfig: `${root}/tsconfig.json`,
    skipTypeCheck: true,
    additionalProperties: false,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
  });
  const out: Record<string, string> = {};
  for (const [name, type] of Object.entries(JSON_DOCUMENTS)) {
    const schema = generator.createSchema(type) as Record<string, unknown>;
    const document = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://lvs-play.invalid/schema/reports/${name}.schema.json`,
      title: `lvs-play ${name} document, format ${'1.x'}`,
      ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    };
    out[name] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return out;
}
