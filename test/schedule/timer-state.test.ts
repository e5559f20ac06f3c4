// The next run `schedule status` prints, from what `systemctl show` says of
// the timer. The monotonic case is what a real systemd (systemd 252 in the
// lab's bookworm containers) printed for an OnBootSec= timer: no
// NextElapseUSecRealtime at all, the elapse as a span since boot.

import { strict as assert } from 'node:assert';
import { nextRunOf, parseTimespanUsec } from '../../lib/schedule/timer-state.js';

describe('parseTimespanUsec', () => {
  const cases: Array<[string, number | null]> = [
    ['0', 0],
    ['23min 32.154528s', (23 * 60 + 32.154528) * 1e6],
    ['1d 2h 3min 4s', (86_400 + 7_200 + 180 + 4) * 1e6],
    ['2w 1d', (2 * 604_800 + 86_400) * 1e6],
    ['1y 1month', (31_557_600 + 2_629_800) * 1e6],
    ['500ms', 500_000],
    ['12us', 12],
    ['1min 500ms', 60_500_000],
    ['', null],
    ['infinity', null],
    ['n/a', null],
    ['5 min', null],
    ['5minutes', null],
    ['-5s', null],
  ];
  for (const [text, usec] of cases) it(`"${text}" is ${usec ?? 'not a span'}`, () => assert.equal(parseTimespanUsec(text), usec));
});

describe('nextRunOf', () => {
  // the wall clock 2026-12-02T14:33:00Z when CLOCK_MONOTONIC read 525.32 s
  const now = { monotonicUsec: 525_320_000, wallMs: Date.parse('2026-12-02T14:33:00Z') };

  it('a calendar timer: the wall time as systemd prints it', () => {
    const props = { NextElapseUSecRealtime: 'Thu 2026-12-03 00:00:00 UTC', NextElapseUSecMonotonic: '0' };
    assert.equal(nextRunOf(props, now), 'Thu 2026-12-03 00:00:00 UTC');
  });

  it('an interval timer (empty realtime): the monotonic elapse as an ISO time', () => {
    // 23min 32.154528s since boot is 886.8 s after now: 14:47:46.8, rounded to the second
    const props = { NextElapseUSecRealtime: '', NextElapseUSecMonotonic: '23min 32.154528s' };
    assert.equal(nextRunOf(props, now), '2026-12-02T14:47:47Z');
  });

  it('an elapse already due (the timer fires now) is a time in the past, not dropped', () => {
    assert.equal(nextRunOf({ NextElapseUSecMonotonic: '8min 40s' }, now), '2026-12-02T14:32:55Z');
  });

  it('a stopped timer (both 0, or n/a, or missing): null', () => {
    assert.equal(nextRunOf({ NextElapseUSecRealtime: 'n/a', NextElapseUSecMonotonic: '0' }, now), null);
    assert.equal(nextRunOf({ NextElapseUSecRealtime: '0', NextElapseUSecMonotonic: 'infinity' }, now), null);
    assert.equal(nextRunOf({}, now), null);
  });
});
