// The switches: the commands that set them, the record kept on the control
// machine, what a running config says about them, --batch parsing.

import { strict as assert } from 'node:assert';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { batchSize, parseBatch } from '../../lib/rollout/batches.js';
import { hasHandoverSwitch, runningAdverts } from '../../lib/rollout/running-config.js';
import { drainCommand, handoverCommand } from '../../lib/rollout/switch-commands.js';
import { listRecords, readRecord, recordWarnings, saveRecord, type SwitchRecordData } from '../../lib/rollout/switch-record.js';
import { clusterOf } from '../support/clusters.js';

describe('switch commands', () => {
  it('write a value through a temp file and a rename (keepalived never reads half a file); normal removes it', () => {
    assert.equal(handoverCommand('yield'), "mkdir -p /var/lib/lvs-play/switches && printf '%s\\n' -253 > /var/lib/lvs-play/switches/.handover.tmp && mv -f /var/lib/lvs-play/switches/.handover.tmp /var/lib/lvs-play/switches/handover");
    assert.match(handoverCommand('out'), /'%s\\n' -254 >/);
    assert.equal(handoverCommand('normal'), 'rm -f /var/lib/lvs-play/switches/handover');
    assert.equal(drainCommand(['lvs01', 'lvs02'], false), 'rm -f /var/lib/lvs-play/switches/drain-lvs01 && rm -f /var/lib/lvs-play/switches/drain-lvs02');
    assert.match(drainCommand(['lvs01'], true), /printf '%s\\n' 1 > \/var\/lib\/lvs-play\/switches\/\.drain-lvs01\.tmp && mv -f /);
  });
});

describe('switch record', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'lvsp-drains-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const record = (over: Partial<SwitchRecordData> = {}): SwitchRecordData => ({
    cluster: 'lab', inventory: '/x/lab.json', runId: '20260101T000000Z-abcdef', pid: 4242, command: 'lvs-play rollout lab.json',
    drains: [{ realServer: 'lvs01', directors: ['lvs-dr', 'lvs-dr2'], since: '2026-01-01T00:00:00.000Z' }], handovers: [], ...over,
  });

  it('is saved, read back, listed and warned about, naming what is set and how to clear it', async () => {
    await saveRecord(record({ handovers: [{ director: 'lvs-dr', level: 'yield', since: '2026-01-01T00:00:01.000Z' }] }), dir);
    assert.deepEqual((await readRecord('lab', dir))?.drains[0]?.realServer, 'lvs01');
    assert.equal((await listRecords(dir)).length, 1);
    const w = await recordWarnings(dir);
    assert.equal(w.length, 2);
    assert.match(w[0]!, /^warning: cluster lab: lvs01 is drained on lvs-dr, lvs-dr2 since 2026-01-01T00:00:00\.000Z, by run 20260101T000000Z-abcdef \(pid 4242, lvs-play rollout lab\.json\); lvs-play deploy \/x\/lab\.json/);
    assert.match(w[1]!, /lvs-dr's handover switch is "yield"/);
  });

  it('is removed once nothing is set; a missing folder is no record', async () => {
    await saveRecord(record(), dir);
    await saveRecord(record({ drains: [] }), dir);
    assert.equal(existsSync(join(dir, 'lab.json')), false);
    assert.deepEqual(await listRecords(join(dir, 'none')), []);
    assert.equal(await readRecord('lab', join(dir, 'none')), null);
  });

  it('is written whole (temp file and rename): a reader of the old file keeps it whole, no temp file is left', async () => {
    const file = join(dir, 'lab.json');
    await saveRecord(record(), dir);
    const first = readFileSync(file, 'utf8');
    const reader = openSync(file, 'r');
    try {
      const inode = statSync(file).ino;
      await saveRecord(record({ drains: [...record().drains, { realServer: 'lvs02', directors: ['lvs-dr'], since: '2026-01-01T00:00:02.000Z' }] }), dir);
      // a rename puts a new file in place; writing in place would keep the inode and truncate what the reader sees
      assert.notEqual(statSync(file).ino, inode, 'the record was rewritten in place, not renamed into place');
      assert.equal(readFileSync(reader, 'utf8'), first, 'the old record, whole, for whoever had it open');
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).drains.length, 2);
      assert.deepEqual(readdirSync(dir), ['lab.json']);
      // (the control) an in-place write keeps the inode, so the check above can fail
      const same = statSync(file).ino;
      writeFileSync(file, first);
      assert.equal(statSync(file).ino, same);
    } finally {
      closeSync(reader);
    }
  });
});

describe('running config', () => {
  const conf = renderKeepalivedConf(clusterOf('lab'), 'lvs-dr');
  it('knows whether every instance tracks the handover switch', () => {
    assert.equal(hasHandoverSwitch(conf), true);
    assert.equal(hasHandoverSwitch(conf.replace(/ {4}track_file \{\n {8}lvsp_handover\n {4}\}\n/, '')), false);
    assert.equal(hasHandoverSwitch(readFileSync(new URL('../fixtures/seed/hostA.conf', import.meta.url), 'utf8')), false);
    assert.equal(hasHandoverSwitch(null), false);
  });
  it('reads each instance\'s advert_int', () => {
    assert.deepEqual([...runningAdverts(conf)], [['bl_one', 3], ['bl_two', 3]]);
    assert.deepEqual([...runningAdverts('not { a config')], []);
  });
});

describe('--batch', () => {
  it('takes a count or a percentage of all real servers (rounded down, at least one)', () => {
    assert.deepEqual(parseBatch('2'), { count: 2 });
    assert.deepEqual(parseBatch('25%'), { percent: 25 });
    assert.equal(batchSize({ percent: 25 }, 10), 2);
    assert.equal(batchSize({ percent: 10 }, 3), 1);
    for (const bad of ['0', '-1', '101%', 'x', '1.5', '']) assert.throws(() => parseBatch(bad), UserError, bad);
  });
});
