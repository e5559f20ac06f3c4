// Golden files: compare rendered text with a file in the repository;
// UPDATE_GOLDEN=1 writes the files instead (review the diff before committing).

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function compareGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `missing golden file ${file} (UPDATE_GOLDEN=1 creates it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), file);
}
