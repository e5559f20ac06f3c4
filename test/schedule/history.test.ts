// The state directory: reports named by time and rotated, latest.json, and
// writes that leave either the old file or the new one, never a temp file.

import { strict as assert } from 'node:assert';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { listReports, readLatest, reportFileName, saveRecord, writeAtomic } from '../../lib/schedule/history.js';
import { cleanRecord, driftedRecord } from './reports.js';

describe('schedule history', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-history-'));
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const at = (iso: string) => ({ ...cleanRecord, startedAt: iso });

  it('names reports by their start time so names sort by time', () => {
    assert.equal(reportFileName('2026-11-29T14:30:00.250Z'), 'check-20261129T143000250Z.json');
  });

  it('keeps the newest N, latest.json the newest; a second run in the same millisecond gets its own file', async () => {
    const times = ['2026-11-29T14:30:00.250Z', '2026-11-29T14:45:00.000Z', '2026-11-29T14:45:00.000Z', '2026-11-29T15:00:00.000Z'];
    for (const t of times) await saveRecord(dir, at(t), 3);
    assert.deepEqual(await listReports(dir), [
      'check-20261129T144500000Z.json',
      'check-20261129T144500000Z-1.json',
      'check-20261129T150000000Z.json',
    ]);
    assert.equal((await readLatest(dir))?.startedAt, '2026-11-29T15:00:00.000Z');
    const saved = await saveRecord(dir, { ...driftedRecord, startedAt: '2026-11-29T15:15:00.000Z' }, 1);
    assert.equal(saved.removed.length, 3);
    assert.deepEqual(await listReports(dir), ['check-20261129T151500000Z.json']);
    assert.equal((await readLatest(dir))?.exitCode, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['latest.json', 'reports']);
  });

  it('leaves files it did not write alone', async () => {
    await saveRecord(dir, at('2026-11-29T14:30:00.250Z'), 1);
    writeFileSync(join(dir, 'reports', 'notes.txt'), 'mine');
    await saveRecord(dir, at('2026-11-29T14:45:00.250Z'), 1);
    assert.deepEqual(readdirSync(join(dir, 'reports')).sort(), ['check-20261129T144500250Z.json', 'notes.txt']);
  });

  it('no latest.json yet is null; one that is not a record is a user error', async () => {
    assert.equal(await readLatest(dir), null);
    writeFileSync(join(dir, 'latest.json'), '{"hosts": 3}');
    await assert.rejects(
      readLatest(dir),
      (e: unknown) => e instanceof UserError && /is not a report written by lvs-play schedule run/.test(e.message),
    );
  });

  it('writeAtomic replaces the file whole and leaves no temp file, also when it fails', async () => {
    const file = join(dir, 'm.prom');
    writeFileSync(file, 'old\n');
    const inode = statSync(file).ino;
    const reader = openSync(file, 'r');
    try {
      await writeAtomic(file, 'new\n');
      // renamed into place: a new inode, and whoever had the old file open still reads it whole
      assert.notEqual(statSync(file).ino, inode, 'written in place, not renamed into place');
      assert.equal(readFileSync(reader, 'utf8'), 'old\n');
    } finally {
      closeSync(reader);
    }
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(dir), ['m.prom']);
    await assert.rejects(
      writeAtomic(join(dir, 'missing', 'm.prom'), 'x'),
      (e: unknown) => e instanceof UserError && /cannot write .*missing\/m\.prom/.test(e.message),
    );
    assert.deepEqual(readdirSync(dir), ['m.prom']);
  });
});
