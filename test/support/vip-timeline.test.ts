// The VIP sampler's arithmetic: timestamped address events in, holding
// intervals, overlaps (two holders at once) and no-holder gaps out; reads
// that contradict the events are reported. No process, no namespace.

import { strict as assert } from 'node:assert';
import {
  type AddressEvent,
  type AddressPoll,
  buildTimeline,
  canonicalAddress,
  describeSummary,
  type Observation,
  parseIpJsonAddresses,
  parseMonitorLine,
} from './vip-timeline.js';

const A = 'lvs-dr';
const B = 'lvs-dr2';
const VIP = '198.18.0.110';
const T0 = Date.UTC(2026, 11, 1, 20, 0, 0);
const at = (ms: number) => T0 + ms;
const ev = (ms: number, director: string, kind: 'add' | 'del', address = VIP, dev = 'eth0'): AddressEvent => ({
  t: at(ms),
  director,
  kind,
  dev,
  address,
});
const read = (ms: number, director: string, held: string[], took = 2): AddressPoll => ({
  director,
  from: at(ms),
  to: at(ms + took),
  addresses: [{ dev: 'eth0', address: '198.18.0.40' }, ...held.map((address) => ({ dev: 'eth0', address }))],
});

/** A window of 10 s; A holds VIP at the start unless told otherwise. */
function observe(events: AddressEvent[], more: Partial<Observation> = {}): Observation {
  return {
    directors: [A, B],
    vips: [VIP],
    devices: ['eth0'],
    start: at(0),
    end: at(10_000),
    initial: [read(-5, A, [VIP]), read(-5, B, [])],
    events,
    polls: [],
    ...more,
  };
}
const only = (o: Observation) => {
  const t = buildTimeline(o);
  assert.deepEqual(t.problems, []);
  return t.vips[0]!;
};

describe('VIP timeline (test/support/vip-timeline.ts)', () => {
  it('a takeover in which the new MASTER adds the VIP 3.2 ms before the old one drops it: one overlap of 3.2 ms, no gap', () => {
    const s = only(observe([ev(4000, B, 'add'), ev(4003.2, A, 'del')]));
    assert.deepEqual(s.sequence, [A, `${A}+${B}`, B]);
    assert.equal(s.overlaps.length, 1);
    assert.deepEqual(s.overlaps[0], { from: at(4000), to: at(4003.2), directors: [A, B] });
    assert.ok(Math.abs(s.maxOverlapMs - 3.2) < 1e-3, String(s.maxOverlapMs)); // epoch ms in a double: sub-microsecond rounding
    assert.deepEqual(s.gaps, []);
    assert.equal(s.worstNoHolderMs, 0);
    assert.deepEqual(s.heldBy, [A, B]);
    assert.deepEqual(s.holding, { [A]: [{ from: at(0), to: at(4003.2) }], [B]: [{ from: at(4000), to: at(10_000) }] });
  });

  it('a takeover between two reads (A read holding it, then B read holding it) is not two holders: the events order it', () => {
    // the earlier sampler read A at 3999 (held), B at 4001 (held), and said "two holders"
    const s = only(observe([ev(4000, A, 'del'), ev(4000.4, B, 'add')], { polls: [read(3997, A, [VIP]), read(4001, B, [VIP])] }));
    assert.deepEqual(s.overlaps, []);
    assert.equal(s.maxOverlapMs, 0);
    assert.deepEqual(
      s.gaps.map((g) => g.to - g.from).map((x) => Math.round(x * 10) / 10),
      [0.4],
    );
    assert.deepEqual(s.sequence, [A, 'none', B]);
  });

  it('a real split brain: both hold it for 6 s; the longest overlap says so', () => {
    const s = only(observe([ev(1000, B, 'add'), ev(7000, A, 'del')]));
    assert.equal(s.maxOverlapMs, 6000);
    assert.ok(s.maxOverlapMs >= 3000, 'longer than an advert interval of 3 s: split brain');
  });

  it('handed over and back: two overlaps, the longest and the total; a gap measured exactly', () => {
    const s = only(
      observe([ev(2000, B, 'add'), ev(2001, A, 'del'), ev(6000, A, 'add'), ev(6004, B, 'del'), ev(8000, A, 'del'), ev(8650, B, 'add')]),
    );
    assert.deepEqual(s.sequence, [A, `${A}+${B}`, B, `${A}+${B}`, A, 'none', B]);
    assert.deepEqual([s.overlaps.length, s.maxOverlapMs, s.totalOverlapMs], [2, 4, 5]);
    assert.deepEqual([s.gaps.length, s.worstNoHolderMs, s.totalNoHolderMs], [1, 650, 650]);
  });

  it('a VIP held by nobody for the whole window is one gap of the whole window', () => {
    const s = only(observe([], { initial: [read(-5, A, []), read(-5, B, [])] }));
    assert.deepEqual(s.gaps, [{ from: at(0), to: at(10_000) }]);
    assert.deepEqual([s.heldBy, s.sequence], [[], ['none']]);
  });

  it("applies events from each director's initial read on, ignores earlier ones, repeats, other addresses and other devices", () => {
    const s = only(
      observe(
        [
          ev(-100, A, 'del'), // before A's initial read (which shows it held): already in the read
          ev(500, A, 'add'), // a repeat: A holds it already
          ev(1000, B, 'add', VIP, 'eth1'), // not the VRRP interface
          ev(1000, B, 'add', '198.18.0.100'), // another VIP: its own timeline
          ev(1500, A, 'del', VIP, 'lo'), // another device of A
          ev(3000, B, 'add'),
          ev(3010, A, 'del'),
        ],
        { vips: [VIP] },
      ),
    );
    assert.deepEqual(s.holding[A], [{ from: at(0), to: at(3010) }]);
    assert.deepEqual(s.holding[B], [{ from: at(3000), to: at(10_000) }]);
    assert.equal(s.maxOverlapMs, 10);
  });

  it('counts a VIP on two devices of one director once, held until the last goes', () => {
    const s = only(
      observe([ev(1000, A, 'add', VIP, 'eth1'), ev(2000, A, 'del'), ev(3000, A, 'del', VIP, 'eth1')], { devices: ['eth0', 'eth1'] }),
    );
    assert.deepEqual(s.holding[A], [{ from: at(0), to: at(3000) }]);
    assert.deepEqual(s.overlaps, []);
  });

  it('says the monitor missed events when a read contradicts every instant of the event stream near it', () => {
    const t = buildTimeline(observe([ev(4000, B, 'add'), ev(4003, A, 'del')], { polls: [read(6000, A, [VIP]), read(8000, B, [])] }));
    assert.equal(t.problems.length, 2);
    assert.match(
      t.problems[0]!,
      /a read of lvs-dr at .* saw 198\.18\.0\.110 held, the address events say not held: the monitor missed events/,
    );
    assert.match(t.problems[1]!, /a read of lvs-dr2 .* saw 198\.18\.0\.110 not held/);
  });

  it('accepts a read that straddles an event, either way, within the slack', () => {
    const events = [ev(4000, B, 'add'), ev(4003, A, 'del')];
    assert.deepEqual(
      buildTimeline(observe(events, { polls: [read(3990, A, [VIP], 20), read(4002, A, []), read(4040, A, [VIP])] })).problems,
      [],
    );
    assert.equal(buildTimeline(observe(events, { polls: [read(4200, A, [VIP])] })).problems.length, 1, 'beyond the 150 ms slack');
    assert.equal(buildTimeline(observe(events, { polls: [read(4100, A, [VIP])], slackMs: 50 })).problems.length, 1, 'beyond a 50 ms slack');
  });

  it('says so when event times do not fall in the window (a monitor on another clock or time zone)', () => {
    const t = buildTimeline(observe([ev(3_600_000, B, 'add')]));
    assert.match(t.problems[0]!, /lies outside the window .* the monitor's clock or time zone is not this machine's/);
  });

  it('reads `ip -ts monitor address` lines: add, Deleted, IPv6, a label, continuation lines', () => {
    const out = [
      '[2026-12-01T20:54:19.460497] 3: eth0    inet 198.18.0.110/32 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '[2026-12-01T20:54:19.537279] Deleted 3: eth0    inet 198.18.0.110/32 scope global eth0',
      '[2026-12-01T20:54:19.552627] 3: eth0    inet6 2001:DB8:0::5/128 scope global nodad ',
      '[2026-12-01T20:54:19.574961] 3: eth0    inet 198.18.0.100/24 scope global eth0:1',
      '[2026-12-01T20:54:19.9] Deleted 12: eth0@if13    inet 198.18.0.100/24 scope global eth0',
      '[2026-12-01T20:54:21.090366] 2: eth1    link/ether 02:00:00:00:00:01',
    ].map((l) => parseMonitorLine(l, A));
    const base = Date.UTC(2026, 11, 1, 20, 54, 19);
    assert.deepEqual(
      out.filter(Boolean).map((e) => [Math.round((e!.t - base) * 1000) / 1000, e!.kind, e!.dev, e!.address]),
      [
        [460.497, 'add', 'eth0', '198.18.0.110'],
        [537.279, 'del', 'eth0', '198.18.0.110'],
        [552.627, 'add', 'eth0', '2001:db8::5'],
        [574.961, 'add', 'eth0', '198.18.0.100'],
        [900, 'del', 'eth0', '198.18.0.100'],
      ],
    );
    assert.equal(out[1], null);
    assert.equal(out[6], null);
  });

  it('reads ip -j addr show, and compares IPv6 in canonical form', () => {
    const json = JSON.stringify([
      { ifname: 'lo', addr_info: [{ local: '127.0.0.1' }] },
      { ifname: 'eth0', addr_info: [{ local: '198.18.0.30' }, { local: '2001:DB8:0:0::1' }] },
      { ifname: 'eth1' },
    ]);
    assert.deepEqual(parseIpJsonAddresses(json), [
      { dev: 'lo', address: '127.0.0.1' },
      { dev: 'eth0', address: '198.18.0.30' },
      { dev: 'eth0', address: '2001:db8::1' },
    ]);
    assert.equal(canonicalAddress('2001:0db8::0:1'), '2001:db8::1');
  });

  it('describes a VIP in one line: who held it in turn, the longest overlap and gap', () => {
    const s = only(observe([ev(4000, B, 'add'), ev(4003.2, A, 'del')]));
    assert.equal(
      describeSummary(s),
      '198.18.0.110 over 10.0 s: lvs-dr -> lvs-dr+lvs-dr2 -> lvs-dr2; on two directors at once 1 time(s), longest 3.2 ms; on none 0 time(s), longest 0.0 ms',
    );
  });
});
