// A nopreempt cluster's instance switches and the control machine's record:
// each is in the record before its command runs on the director, stays there
// when the command fails, and leaves it only once removed, so a run killed
// at any point leaves a record that names every switch still set.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../lib/inventory/types.js';
import { readRecord } from '../../lib/rollout/switch-record.js';
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
  async function board(fail: (command: string) => boolean = () => false) {
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
    const b = await Switchboard.open({ cluster, inventoryFile: '/x/lab.json', runId: 'r1', command: 'lvs-play rollout', connect, dir });
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
});
