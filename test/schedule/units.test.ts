// The rendered service and timer, byte for byte (golden files), and the rules
// behind them: check's exit codes fail the unit, the ExecStart= words survive
// systemd's unquoting, the recorded directories can be read back.
// After an intended change: UPDATE_GOLDEN=1 npx mocha --no-config --import=tsx test/schedule/units.test.ts
// rewrites the files that differ and fails naming them; read the diff of
// test/fixtures/schedule/golden, then run again without UPDATE_GOLDEN.

import { strict as assert } from 'node:assert';
import { parseEvery } from '../../lib/schedule/interval.js';
import { readUnitMeta, renderUnits, scheduledRunArgv, unitWord } from '../../lib/schedule/units.js';
import { compareGoldenFiles } from '../support/golden.js';
import { unitVariants } from './unit-variants.js';

const goldenDir = new URL('../fixtures/schedule/golden/', import.meta.url).pathname;

describe('schedule units', () => {
  for (const [variant, options] of Object.entries(unitVariants('/usr/bin/node'))) {
    it(`${variant}: service and timer match the golden files`, () => {
      const u = renderUnits(options);
      assert.equal(u.service.name, `${options.name}.service`);
      assert.equal(u.timer.name, `${options.name}.timer`);
      compareGoldenFiles([
        { file: `${goldenDir}${variant}/${u.service.name}`, actual: u.service.content },
        { file: `${goldenDir}${variant}/${u.timer.name}`, actual: u.timer.content },
      ]);
    });
  }

  const lines = (text: string) => text.split('\n');

  it('leaves SuccessExitStatus= alone so drift (2) and errors (1) fail the unit, and says so', () => {
    const { service } = renderUnits(unitVariants('/usr/bin/node').every15m);
    assert.ok(!lines(service.content).some((l) => l.startsWith('SuccessExitStatus=')));
    assert.match(service.content, /SuccessExitStatus= is deliberately left at its default/);
    assert.ok(lines(service.content).includes('Type=oneshot'));
  });

  it('a duration is a monotonic timer (first run at most 5 min after boot), a calendar one is Persistent', () => {
    const v = unitVariants('/usr/bin/node');
    const every = lines(renderUnits(v.every15m).timer.content);
    for (const l of ['OnBootSec=5min', 'OnUnitActiveSec=15min', 'RandomizedDelaySec=1min', 'WantedBy=timers.target'])
      assert.ok(every.includes(l), l);
    assert.ok(!every.some((l) => l.startsWith('Persistent=') || l.startsWith('OnCalendar=')));
    const short = lines(renderUnits({ ...v.every15m, schedule: parseEvery('2m') }).timer.content);
    for (const l of ['OnBootSec=2min', 'OnUnitActiveSec=2min', 'RandomizedDelaySec=12s']) assert.ok(short.includes(l), l);
    const daily = lines(renderUnits(v.dailyEverything).timer.content);
    for (const l of ['OnCalendar=daily', 'Persistent=true', 'RandomizedDelaySec=1min']) assert.ok(daily.includes(l), l);
    assert.ok(!daily.some((l) => l.startsWith('OnUnitActiveSec=')));
  });

  it('TimeoutStartSec is the interval, between 1 min and 30 min', () => {
    const v = unitVariants('/usr/bin/node').every15m;
    const timeout = (every: string) =>
      lines(renderUnits({ ...v, schedule: parseEvery(every) }).service.content).find((l) => l.startsWith('TimeoutStartSec='));
    assert.equal(timeout('1m'), 'TimeoutStartSec=1min');
    assert.equal(timeout('15m'), 'TimeoutStartSec=15min');
    assert.equal(timeout('2h'), 'TimeoutStartSec=30min');
    assert.equal(timeout('weekly'), 'TimeoutStartSec=30min');
  });

  it('records its directories in X-LvsPlay keys that read back as written, odd paths included', () => {
    for (const options of Object.values(unitVariants('/usr/bin/node'))) {
      assert.deepEqual(readUnitMeta(renderUnits(options).service.content), {
        cluster: options.cluster,
        inventory: options.inventory,
        stateDir: options.stateDir,
        textfileDir: options.textfileDir,
      });
    }
    assert.deepEqual(readUnitMeta('[Unit]\nDescription=x\n'), {});
  });

  it('quotes ExecStart= words for systemd: spaces, quotes, backslashes, % specifiers and $ variables', () => {
    assert.equal(unitWord('/usr/bin/node'), '/usr/bin/node');
    assert.equal(unitWord('--keep'), '--keep');
    assert.equal(unitWord('/a b/c'), '"/a b/c"');
    assert.equal(unitWord('100%'), '100%%');
    assert.equal(unitWord('$HOME'), '$$HOME');
    assert.equal(unitWord('say "hi"\\'), '"say \\"hi\\"\\\\"');
    assert.equal(unitWord('a\nb'), '"a\\nb"');
    assert.equal(unitWord('-/a b/$x%', false), '"-/a b/$x%%"');
  });

  it('the service runs schedule run with every path spelled out, the playbook only when given', () => {
    const argv = scheduledRunArgv({
      node: '/n',
      entry: '/e.js',
      inventory: '/i.json',
      stateDir: '/s',
      textfileDir: '/t',
      keep: 5,
      name: 'x',
    });
    assert.deepEqual(argv, [
      '/n',
      '/e.js',
      'schedule',
      'run',
      '/i.json',
      '--state-dir',
      '/s',
      '--textfile-dir',
      '/t',
      '--keep',
      '5',
      '--name',
      'x',
    ]);
    assert.deepEqual(
      scheduledRunArgv({
        node: '/n',
        entry: '/e.js',
        inventory: '/i.json',
        stateDir: '/s',
        textfileDir: '/t',
        keep: 5,
        name: 'x',
        playbook: '/p.js',
      }).slice(-2),
      ['--playbook', '/p.js'],
    );
  });
});
