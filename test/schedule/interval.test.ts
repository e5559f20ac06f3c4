// --every: what it accepts, what it refuses (with a message that says why and
// what to write instead), and the systemd time spans it becomes.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { UserError } from '../../lib/errors.js';
import { describeSchedule, parseEvery, timespan } from '../../lib/schedule/interval.js';

describe('parseEvery', () => {
  const good: Array<[string, number]> = [
    ['15m', 900],
    ['1m', 60],
    ['60s', 60],
    ['90s', 90],
    ['1h', 3_600],
    ['1h30m', 5_400],
    ['2d', 172_800],
    ['1d12h', 129_600],
    ['1h0m30s', 3_630],
    [' 15M ', 900],
    ['365d', 31_536_000],
  ];
  for (const [text, seconds] of good) {
    it(`"${text}" is an interval of ${seconds} s`, () => assert.deepEqual(parseEvery(text), { kind: 'interval', seconds }));
  }

  it('hourly, daily and weekly are calendar schedules', () => {
    assert.deepEqual(parseEvery('hourly'), { kind: 'calendar', calendar: 'hourly', seconds: 3_600 });
    assert.deepEqual(parseEvery('Daily'), { kind: 'calendar', calendar: 'daily', seconds: 86_400 });
    assert.deepEqual(parseEvery('weekly'), { kind: 'calendar', calendar: 'weekly', seconds: 604_800 });
  });

  const bad: Array<[string, RegExp, RegExp?]> = [
    ['', /--every is empty/, /15m/],
    ['15', /--every "15" has no unit/, /15s or 15m/],
    ['15x', /unknown unit "x"/, /units are s, m, h and d/],
    ['15min', /unknown unit "min"/],
    ['1.5h', /is not a duration/, /1h30m/],
    ['-5m', /is not a duration/],
    ['15 m', /is not a duration/],
    ['m', /is not a duration/],
    ['30m1h', /largest first/, /1h30m/],
    ['1h1h', /largest first/],
    ['30s', /too short/, /1m or more/],
    ['59s', /too short/],
    ['366d', /longer than a year/],
    ['monthly', /is not a duration/],
  ];
  for (const [text, message, hint] of bad) {
    it(`refuses "${text}" with a user error`, () => {
      assert.throws(
        () => parseEvery(text),
        (err: unknown) => {
          assert.ok(err instanceof UserError, String(err));
          assert.match(err.message, message);
          if (hint) assert.match(`${err.message} ${err.hint}`, hint);
          return true;
        },
      );
    });
  }
});

describe('timespan', () => {
  it('writes systemd time spans, largest unit first', () => {
    assert.equal(timespan(0), '0');
    assert.equal(timespan(45), '45s');
    assert.equal(timespan(900), '15min');
    assert.equal(timespan(5_400), '1h 30min');
    assert.equal(timespan(90_061), '1d 1h 1min 1s');
    assert.throws(() => timespan(1.5), RangeError);
  });

  it('means to systemd what it says (systemd-analyze timespan)', () => {
    for (const seconds of [45, 900, 5_400, 90_061, 31_536_000]) {
      const out = execFileSync('systemd-analyze', ['timespan', timespan(seconds)], { encoding: 'utf8' });
      const us = /μs: (\d+)/.exec(out)?.[1];
      assert.equal(Number(us), seconds * 1_000_000, out);
    }
  });

  it('describes a schedule for unit descriptions', () => {
    assert.equal(describeSchedule(parseEvery('15m')), 'every 15min');
    assert.equal(describeSchedule(parseEvery('daily')), 'daily');
  });
});
