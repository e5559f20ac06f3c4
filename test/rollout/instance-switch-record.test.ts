// A nopreempt cluster's instance switches and the control machine's record:
// each is in the record before its command runs on the director, stays there
// when the command fails, and leaves it only once removed, so a run killed
// at any point leaves a record that names every switch still set, and the run
// that set it.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../lib/inventory/types.js';
import { describeRecord, readRecord } from '../../lib/rollout/switch-record.js';
import { Switchboard } from '../../lib/rollout/switchboard.js';
import type { ExecResult, Transport } from '../../lib/ssh/transport.js';
import { clusterOf } from '../support/clusters.js';

describe('instance switches and their record', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-instance-record-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const cluster = clusterOf('lab', (inv) => {
    inv.vrrp = { ...inv.vrrp, nopreempt: true };
  });

  /** a director that records each command with what the record said at that moment; `fail` makes a command fail */
  async function board(fail: (command: string) => boolean = () => false, run = { runId: 'r1', command: 'lvs-play rollout' }) {
    const seen: { host: string; command: string; recorded: string[] }[] = [];
    const connect = async (h: Host): Promise<Transport> => ({
      host: h,
      exec: async (command: string): Promise<ExecResult> => {
        const r = await readRecord('lab', dir);
        seen.push({ host: h.name, command, recorded: (r?.handovers ?? []).map((x) => `${x.director} ${x.instance} ${x.level}`) });
        return fail(command) ? { code: 1, stdout: '', stderr: 'no space left' } : { code: 0, stdout: '', stderr: '' };
      },
      hold: async () => {
        throw new Error('not used');
      },
      close: async () => {},
    });
    const b = await Switchboard.open({ cluster, inventoryFile: '/x/lab.json', ...run, connect, dir });
    return { b, seen };
  }

  it('records a boost and a FAULT before setting them, and forgets each once removed', async () => {
    const { b, seen } = await board();
    await b.instanceSwitch('lvs-dr2', ['bl_one'], 'boost');
    await b.instanceSwitch('lvs-dr', ['bl_one'], 'out');
    assert.deepEqual(seen[0]!.recorded, ['lvs-dr2 bl_one boost']);
    assert.deepEqual(seen[1]!.recorded, ['lvs-dr2 bl_one boost', 'lvs-dr bl_one out']);
    assert.match(seen[1]!.command, /-254 > .*handover-bl_one/);
    await b.instanceSwitch('lvs-dr', ['bl_one'], 'normal');
    // still recorded while the removal runs
    assert.deepEqual(seen[2]!.recorded, ['lvs-dr2 bl_one boost', 'lvs-dr bl_one out']);
    assert.deepEqual(
      (await readRecord('lab', dir))!.handovers.map((h) => h.director),
      ['lvs-dr2'],
    );
    await b.instanceSwitch('lvs-dr2', ['bl_one'], 'normal');
    assert.equal(await readRecord('lab', dir), null, 'the record is gone once nothing is set');
  });

  it("keeps a director's own handover switch and its instance switches apart", async () => {
    const { b } = await board();
    await b.handover('lvs-dr', 'out');
    await b.instanceSwitch('lvs-dr', ['bl_one', 'bl_two'], 'out');
    await b.handover('lvs-dr', 'normal');
    assert.deepEqual(
      (await readRecord('lab', dir))!.handovers.map((h) => `${h.instance} ${h.level}`),
      ['bl_one out', 'bl_two out'],
    );
  });

  it('a removal that fails stays recorded (the next deploy clears it) and is thrown', async () => {
    const { b } = await board((c) => c.startsWith('rm -f'));
    await b.instanceSwitch('lvs-dr', ['bl_one'], 'out');
    await assert.rejects(b.instanceSwitch('lvs-dr', ['bl_one'], 'normal'), /bl_one switch normal on lvs-dr failed: no space left/);
    assert.deepEqual(
      (await readRecord('lab', dir))!.handovers.map((h) => `${h.director} ${h.instance} ${h.level}`),
      ['lvs-dr bl_one out'],
    );
  });

  it('each switch names the run that set it, whoever wrote the record last; a drain by hand stays by hand when a run drains it again', async () => {
    const killed = await board(undefined, { runId: 'r1', command: 'lvs-play rollout lab.json' });
    await killed.b.drain(['lvs01'], ['lvs-dr', 'lvs-dr2']);
    await killed.b.handover('lvs-dr', 'yield');
    // r1 is killed here; the operator drains lvs02 by hand
    const byHand = await board(undefined, { runId: 'r2', command: 'lvs-play drain lab.json lvs02' });
    await byHand.b.drain(['lvs02'], ['lvs-dr', 'lvs-dr2'], { byHand: true });
    const record = (await readRecord('lab', dir))!;
    assert.equal(record.runId, 'r2');
    const lines = describeRecord(record);
    assert.match(
      lines[0]!,
      /^lvs01 is drained on lvs-dr, lvs-dr2 since \S+, by run r1 \(pid \d+, lvs-play rollout lab\.json\); lvs-play deploy /,
    );
    assert.match(
      lines[1]!,
      /^lvs02 is drained on lvs-dr, lvs-dr2 since \S+, by hand \(lvs-play drain\); lvs-play undrain \/x\/lab\.json lvs02 puts it back/,
    );
    assert.match(
      lines[2]!,
      /^lvs-dr's handover switch is "yield" since \S+ \(its VIPs are on its peers\), by run r1 \(pid \d+, lvs-play rollout lab\.json\)/,
    );
    // a rollout's batch drains lvs02 again around its change: it stays by hand, and stays the operator's
    const rollout = await board(undefined, { runId: 'r3', command: 'lvs-play rollout lab.json' });
    await rollout.b.drain(['lvs02'], ['lvs-dr', 'lvs-dr2']);
    assert.deepEqual(rollout.b.drainedByRuns, ['lvs01']);
    assert.deepEqual(
      (await readRecord('lab', dir))!.drains.map((d) => `${d.realServer} ${d.setBy?.runId} ${d.byHand === true}`),
      ['lvs01 r1 false', 'lvs02 r2 true'],
    );
  });
});
