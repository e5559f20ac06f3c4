// Every --json document carries its format version and matches its published
// schema (schema/reports/). Here: the schemas are what the report types
// generate today, and real output of every command that prints or keeps a
// document, run through the built CLI against a cluster whose hosts cannot be
// reached (lab addresses with no route: nothing is sent) and the lab's status.
// The lab suites validate the documents of runs that reach hosts (changes,
// rollbacks, rollout stages) with the same helper.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_DOCUMENTS } from '../../lib/documents/json-documents.js';
import { REPORT_SCHEMA_DIR, reportSchemas } from '../../lib/documents/json-schemas.js';
import { lvsPlay } from '../support/cli.js';
import { writeUnreachableInventory } from '../support/clusters.js';
import { assertDocument, type DocumentName } from '../support/json-documents.js';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

describe('JSON documents: the published schemas', function () {
  this.timeout(120_000);
  it('are what the report types generate today (else: npm run generate:schemas)', () => {
    const schemas = reportSchemas(root);
    assert.deepEqual(Object.keys(schemas), Object.keys(JSON_DOCUMENTS));
    for (const [name, text] of Object.entries(schemas)) {
      const file = `${REPORT_SCHEMA_DIR}/${name}.schema.json`;
      assert.ok(readFileSync(join(root, file), 'utf8') === text, `${file} is stale: run npm run generate:schemas and commit it`);
      // an anonymous type is named after its place in the source: name it, or any edit would change the schema
      assert.doesNotMatch(text, /structure-\d/, `${file} has a definition named by source position: give that type a name`);
    }
  });
});

describe('JSON documents: real output of every command', function () {
  this.timeout(120_000);
  let dir: string;
  let file: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-json-'));
    file = writeUnreachableInventory(dir);
    env = { LVS_PLAY_LOCK_DIR: join(dir, 'locks'), LVS_PLAY_DRAINS_DIR: join(dir, 'drains') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string[], DocumentName][] = [
    [['check'], 'run'],
    [['deploy'], 'run'],
    [['deploy', '--check'], 'run'],
    [['verify'], 'verify'],
    [['recover'], 'recover'],
    [['recover', '--check'], 'recover'],
    [['rollout', '--check'], 'rollout-plan'],
    [['deploy', '--rolling', '--check'], 'rollout-plan'],
  ];
  for (const [args, name] of cases) {
    it(`${args.join(' ')} --json: a ${name} document`, async () => {
      const r = await lvsPlay([...args, file, '--json'], env);
      assert.equal(r.code, 1, r.stderr);
      assertDocument(name, JSON.parse(r.stdout));
    });
  }

  it('lab status --json: a lab-status document, whether the lab is up or not', async () => {
    const r = await lvsPlay(['lab', 'status', '--json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assertDocument('lab-status', JSON.parse(r.stdout));
  });

  it('schedule run keeps a check-record document; schedule status --json is a schedule-status document', async () => {
    const state = join(dir, 'state');
    const run = await lvsPlay(['schedule', 'run', file, '--state-dir', state], env);
    assert.equal(run.code, 1, run.stderr);
    assertDocument('check-record', JSON.parse(readFileSync(join(state, 'latest.json'), 'utf8')));
    const status = await lvsPlay(['schedule', 'status', file, '--unit-dir', join(dir, 'units'), '--state-dir', state, '--json'], env);
    assertDocument('schedule-status', JSON.parse(status.stdout));
  });
});
