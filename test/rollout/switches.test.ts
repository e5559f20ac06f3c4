// The switches: the commands that set them, the record kept on the control
// machine, what a running config says about them, --batch parsing.

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { quietCommand, quietRuleset } from '../../lib/render/quiet-adverts.js';
import { batchSize, parseBatch } from '../../lib/rollout/plan/batches.js';
import { hasHandoverSwitch, readRunningConfig, runningAdverts } from '../../lib/rollout/plan/running-config.js';
import { drainCommand, handoverCommand, instanceCommand } from '../../lib/rollout/plan/switch-commands.js';
import {
  DamagedRecordError,
  listRecords,
  readRecord,
  recordWarnings,
  type SwitchRecordData,
  saveRecord,
} from '../../lib/rollout/switch-record.js';
import { clusterOf } from '../support/clusters.js';

describe('switch commands', () => {
  it('write a value through a temp file and a rename (keepalived never reads half a file); normal removes it', () => {
    assert.equal(
      handoverCommand('yield'),
      "mkdir -p /var/lib/lvs-play/switches && printf '%s\\n' -253 > /var/lib/lvs-play/switches/.handover.tmp && mv -f /var/lib/lvs-play/switches/.handover.tmp /var/lib/lvs-play/switches/handover",
    );
    assert.match(handoverCommand('out'), /'%s\\n' -254 >/);
    assert.equal(handoverCommand('normal'), 'rm -f /var/lib/lvs-play/switches/handover');
    assert.equal(
      drainCommand(['lvs01', 'lvs02'], false),
      'rm -f /var/lib/lvs-play/switches/drain-lvs01 && rm -f /var/lib/lvs-play/switches/drain-lvs02',
    );
    assert.match(drainCommand(['lvs01'], true), /printf '%s\\n' 1 > \/var\/lib\/lvs-play\/switches\/\.drain-lvs01\.tmp && mv -f /);
  });

  it("nopreempt: an instance's own switch, 254 to boost it, -254 for FAULT, removed for normal (with any quiet chain); several in one command", () => {
    const t = (instance: string, routerId: number) => ({ instance, routerId, interface: 'eth0' });
    assert.equal(
      instanceCommand([t('bl_one', 51)], 'boost'),
      "mkdir -p /var/lib/lvs-play/switches && printf '%s\\n' 254 > /var/lib/lvs-play/switches/.handover-bl_one.tmp && mv -f /var/lib/lvs-play/switches/.handover-bl_one.tmp /var/lib/lvs-play/switches/handover-bl_one",
    );
    assert.match(
      instanceCommand([t('bl_one', 51), t('bl_two', 52)], 'out'),
      /'%s\\n' -254 > .*handover-bl_one && .*'%s\\n' -254 > .*handover-bl_two$/,
    );
    const normal = instanceCommand([t('bl_one', 51), t('bl_two', 52)], 'normal');
    assert.match(
      normal,
      /^rm -f \/var\/lib\/lvs-play\/switches\/handover-bl_one && rm -f \/var\/lib\/lvs-play\/switches\/handover-bl_two && /,
    );
    assert.match(
      normal,
      /nft list chain inet lvs_play_quiet quiet_bl_one >\/dev\/null 2>&1; then .*'delete chain inet lvs_play_quiet quiet_bl_one'/,
    );
    assert.match(normal, /'delete chain inet lvs_play_quiet deaf_bl_one'/);
    assert.match(normal, /quiet_bl_two/);
  });

  it("nopreempt: quiet drops each instance's adverts (VRRP, its VRID, its interface) out and in until a deadline, one nft transaction", () => {
    assert.equal(
      quietRuleset(
        [
          { instance: 'bl_one', routerId: 51, interface: 'eth0' },
          { instance: 'vi.2-x', routerId: 52, interface: 'bond0.7' },
        ],
        '2026-12-04 07:00:30',
      ),
      [
        'add table inet lvs_play_quiet',
        'add chain inet lvs_play_quiet quiet_bl_one { type filter hook output priority 0 ; policy accept ; }',
        'flush chain inet lvs_play_quiet quiet_bl_one',
        'add rule inet lvs_play_quiet quiet_bl_one oifname "eth0" meta l4proto 112 @th,8,8 51 meta time < "2026-12-04 07:00:30" drop',
        'add chain inet lvs_play_quiet deaf_bl_one { type filter hook input priority 0 ; policy accept ; }',
        'flush chain inet lvs_play_quiet deaf_bl_one',
        'add rule inet lvs_play_quiet deaf_bl_one iifname "eth0" meta l4proto 112 @th,8,8 51 meta time < "2026-12-04 07:00:30" drop',
        'add chain inet lvs_play_quiet quiet_vi.2-x { type filter hook output priority 0 ; policy accept ; }',
        'flush chain inet lvs_play_quiet quiet_vi.2-x',
        'add rule inet lvs_play_quiet quiet_vi.2-x oifname "bond0.7" meta l4proto 112 @th,8,8 52 meta time < "2026-12-04 07:00:30" drop',
        'add chain inet lvs_play_quiet deaf_vi.2-x { type filter hook input priority 0 ; policy accept ; }',
        'flush chain inet lvs_play_quiet deaf_vi.2-x',
        'add rule inet lvs_play_quiet deaf_vi.2-x iifname "bond0.7" meta l4proto 112 @th,8,8 52 meta time < "2026-12-04 07:00:30" drop',
        '',
      ].join('\n'),
    );
  });

  it("nopreempt: the quiet command's deadline is the director's clock plus the duration, in UTC for date and nft alike", () => {
    // run by a real sh with an nft on PATH that keeps what it is given (the ruleset and its TZ)
    const bin = mkdtempSync(join(tmpdir(), 'lvsp-quiet-'));
    try {
      writeFileSync(join(bin, 'nft'), '#!/bin/sh\necho "TZ=$TZ args=$*" > "$(dirname "$0")/got"\ncat >> "$(dirname "$0")/got"\n', {
        mode: 0o755,
      });
      const before = Math.floor(Date.now() / 1000);
      const r = spawnSync('/bin/sh', ['-c', quietCommand([{ instance: 'bl_one', routerId: 51, interface: 'eth0' }], 25)], {
        env: { PATH: `${bin}:/usr/bin:/bin`, TZ: 'Asia/Tokyo' },
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      const got = readFileSync(join(bin, 'got'), 'utf8');
      assert.match(got, /^TZ=UTC args=-f -\n/);
      const until = /meta time < "([0-9-]+ [0-9:]+)" drop/.exec(got)?.[1];
      assert.ok(until, got);
      const at = Date.parse(`${until.replace(' ', 'T')}Z`) / 1000;
      assert.ok(at >= before + 25 && at <= before + 27, `deadline ${until} is not 25 s after ${new Date(before * 1000).toISOString()}`);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('nopreempt: quiet refuses to run where nft is missing, naming the package and the fix', () => {
    const r = spawnSync('/bin/sh', ['-c', quietCommand([{ instance: 'bl_one', routerId: 51, interface: 'eth0' }], 25)], {
      env: { PATH: '/nonexistent' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nft is not installed \(package nftables\): run lvs-play deploy once/);
  });
});

describe('switch record', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-drains-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const record = (over: Partial<SwitchRecordData> = {}): SwitchRecordData => ({
    cluster: 'lab',
    inventory: '/x/lab.json',
    runId: '20260101T000000Z-abcdef',
    pid: 4242,
    command: 'lvs-play rollout lab.json',
    drains: [{ realServer: 'lvs01', directors: ['lvs-dr', 'lvs-dr2'], since: '2026-01-01T00:00:00.000Z' }],
    handovers: [],
    ...over,
  });

  it('is saved, read back, listed and warned about, naming what is set and how to clear it', async () => {
    await saveRecord(record({ handovers: [{ director: 'lvs-dr', level: 'yield', since: '2026-01-01T00:00:01.000Z' }] }), dir);
    assert.deepEqual((await readRecord('lab', dir))?.drains[0]?.realServer, 'lvs01');
    assert.equal((await listRecords(dir)).length, 1);
    const w = await recordWarnings(dir);
    assert.equal(w.length, 2);
    assert.match(
      w[0]!,
      /^warning: cluster lab: lvs01 is drained on lvs-dr, lvs-dr2 since 2026-01-01T00:00:00\.000Z, by run 20260101T000000Z-abcdef \(pid 4242, lvs-play rollout lab\.json\); lvs-play deploy \/x\/lab\.json/,
    );
    assert.match(w[1]!, /lvs-dr's handover switch is "yield"/);
  });

  it('keeps a drain by hand (lvs-play drain) marked so, and warns that only undrain puts it back', async () => {
    const since = '2026-01-01T00:00:03.000Z';
    await saveRecord(
      record({
        command: 'lvs-play drain lab.json lvs02',
        drains: [...record().drains, { realServer: 'lvs02', directors: ['lvs-dr', 'lvs-dr2'], since, byHand: true }],
      }),
      dir,
    );
    assert.deepEqual(
      (await readRecord('lab', dir))?.drains.map((d) => `${d.realServer} ${d.byHand === true}`),
      ['lvs01 false', 'lvs02 true'],
    );
    const w = await recordWarnings(dir);
    assert.match(
      w[0]!,
      /^warning: cluster lab: lvs01 is drained on lvs-dr, lvs-dr2 since .*; lvs-play deploy \/x\/lab\.json \(or lvs-play undrain for drains\) clears it \[record /,
    );
    assert.equal(
      w[1],
      `warning: cluster lab: lvs02 is drained on lvs-dr, lvs-dr2 since ${since}, by hand (lvs-play drain); lvs-play undrain /x/lab.json lvs02 puts it back (deploy, rollout and recover keep it) [record ${join(dir, 'lab.json')}]`,
    );
  });

  it("keeps a nopreempt cluster's instance switches, each named, and says what each does", async () => {
    const since = '2026-01-01T00:00:02.000Z';
    await saveRecord(
      record({
        drains: [],
        handovers: [
          { director: 'lvs-dr', level: 'out', instance: 'bl_one', since },
          { director: 'lvs-dr2', level: 'boost', instance: 'bl_one', since },
        ],
      }),
      dir,
    );
    assert.deepEqual(
      (await readRecord('lab', dir))?.handovers.map((h) => `${h.director} ${h.instance} ${h.level}`),
      ['lvs-dr bl_one out', 'lvs-dr2 bl_one boost'],
    );
    const w = await recordWarnings(dir);
    assert.match(w[0]!, /lvs-dr's switch of vrrp_instance bl_one is "out" since .* \(that instance is in FAULT\)/);
    assert.match(w[1]!, /lvs-dr2's switch of vrrp_instance bl_one is "boost" since .* \(that instance runs at priority 254\)/);
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
      await saveRecord(
        record({ drains: [...record().drains, { realServer: 'lvs02', directors: ['lvs-dr'], since: '2026-01-01T00:00:02.000Z' }] }),
        dir,
      );
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

describe('switch record: damaged', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-drains-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const hint = (file: string) =>
    `it lists the switches set on the directors (drains by hand, and what an interrupted run left); move it away (mv ${file} ${file}.damaged), ` +
    "then check the directors' /var/lib/lvs-play/switches by hand (lvs-play undrain INVENTORY HOST... clears a drain)";
  const good = {
    cluster: 'lab',
    inventory: '/x/lab.json',
    runId: 'r1',
    pid: 4242,
    command: 'lvs-play rollout lab.json',
    drains: [{ realServer: 'lvs01', directors: ['lvs-dr'], since: '2026-01-01T00:00:00.000Z' }],
    handovers: [],
  };

  const cases: [string, string, string][] = [
    [
      'cut short',
      '{"cluster": "lab", "drains": [',
      'not valid JSON at line 1, column 31 (the file ends too early): expected a value, found the end of the file',
    ],
    ['not an object', '[]', 'it is not a JSON object'],
    ['no drains list', JSON.stringify({ ...good, drains: {} }), '"drains" is not a list'],
    [
      'a switch set by a run whose process id is not one',
      JSON.stringify({ ...good, drains: [{ ...good.drains[0], setBy: { runId: 'r1', pid: 'x', command: 'lvs-play rollout' } }] }),
      'drains[0].setBy.pid is not a process id',
    ],
    [
      'a drain by hand marked other than true',
      JSON.stringify({ ...good, drains: [{ ...good.drains[0], byHand: 'yes' }] }),
      'drains[0].byHand is not true',
    ],
    [
      'a real server that is no host name (it would reach a shell on the directors)',
      JSON.stringify({ ...good, drains: [{ ...good.drains[0], realServer: 'lvs01; reboot' }] }),
      'drains[0].realServer is not a host name',
    ],
    [
      'an unknown handover level',
      JSON.stringify({ ...good, handovers: [{ director: 'lvs-dr', level: 'sideways', since: 't' }] }),
      'handovers[0].level is not "yield" or "out"',
    ],
    [
      'an instance name that is no vrrp_instance name (it ends up in a file name on the directors)',
      JSON.stringify({ ...good, handovers: [{ director: 'lvs-dr', level: 'out', instance: '../handover', since: 't' }] }),
      'handovers[0].instance is not a vrrp_instance name',
    ],
    [
      'a director-wide level on an instance switch',
      JSON.stringify({ ...good, handovers: [{ director: 'lvs-dr', level: 'yield', instance: 'bl_one', since: 't' }] }),
      'handovers[0].level is not "boost", "out" or "quiet"',
    ],
    ['no pid', JSON.stringify({ ...good, pid: 'x' }), '"pid" is not a process id'],
  ];
  for (const [what, text, why] of cases) {
    it(`${what}: readRecord throws a UserError naming the file, what is wrong and what to do`, async () => {
      const file = join(dir, 'lab.json');
      writeFileSync(file, text);
      await assert.rejects(readRecord('lab', dir), (e: DamagedRecordError) => {
        assert.ok(e instanceof DamagedRecordError && e instanceof UserError);
        assert.equal(e.message, `switch record ${file} is damaged: ${why}`);
        assert.equal(e.hint, hint(file));
        return true;
      });
    });
  }

  it('a FIFO in the records folder is damaged, not a read that never ends', async () => {
    const file = join(dir, 'lab.json');
    execFileSync('mkfifo', [file]);
    await assert.rejects(
      readRecord('lab', dir),
      new RegExp(`^DamagedRecordError: switch record ${file} is damaged: it is a FIFO \\(named pipe\\), not a regular file$`),
    );
    assert.deepEqual(await listRecords(dir), []);
  });

  it('listRecords skips it and recordWarnings says so on one line, beside the usable records', async () => {
    writeFileSync(join(dir, 'bad.json'), '{');
    await saveRecord({ ...good, handovers: [] } as SwitchRecordData, dir);
    assert.deepEqual(
      (await listRecords(dir)).map((r) => r.cluster),
      ['lab'],
    );
    const w = await recordWarnings(dir);
    assert.equal(w.length, 2);
    assert.match(w[0]!, /^warning: cluster lab: lvs01 is drained/);
    assert.equal(
      w[1],
      `warning: switch record ${join(dir, 'bad.json')} is damaged: not valid JSON at line 1, column 2 (the file ends too early): expected a key in double quotes, found the end of the file; deploy, rollout, drain and undrain stop on it (each says what to do)`,
    );
  });

  it('control characters in its text fields are shown escaped in warnings', async () => {
    writeFileSync(join(dir, 'lab.json'), JSON.stringify({ ...good, command: 'lvs-play rollout\nwarning: forged \u001b[2J' }));
    const w = await recordWarnings(dir);
    assert.equal(w.length, 1);
    assert.match(w[0]!, /\(pid 4242, lvs-play rollout\\nwarning: forged \\x1b\[2J\)/);
    assert.doesNotMatch(w[0]!, /[\n\x1b]/);
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
  it("reads each instance's advert_int", () => {
    assert.deepEqual(
      [...runningAdverts(conf)],
      [
        ['bl_one', 3],
        ['bl_two', 3],
      ],
    );
    assert.deepEqual([...runningAdverts('not { a config')], []);
  });
  it('knows which instances track their own switch (nopreempt clusters only render them)', () => {
    assert.deepEqual([...readRunningConfig(conf).instanceSwitches], []);
    const np = clusterOf('lab', (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    });
    const npConf = renderKeepalivedConf(np, 'lvs-dr');
    assert.deepEqual([...readRunningConfig(npConf).instanceSwitches], ['bl_one', 'bl_two']);
    // defined but not tracked by bl_two: only bl_one can be moved alone
    const untracked = npConf.replace(/( {8}lvsp_handover\n) {8}lvsp_handover_bl_two\n/, '$1');
    assert.notEqual(untracked, npConf);
    assert.deepEqual([...readRunningConfig(untracked).instanceSwitches], ['bl_one']);
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
