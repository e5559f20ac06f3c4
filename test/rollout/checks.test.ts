// The rollout's judgements over what it reads: the gate (verify's rows), the
// VIP predicates its waits use, connections and weights from IPVS tables,
// and the bounded waits themselves.

import { strict as assert } from 'node:assert';
import { UserError } from '../../lib/errors.js';
import type { IpvsState } from '../../lib/facts/ipvs.js';
import {
  allHome,
  awayFrom,
  gateVerdict,
  homeOn,
  settledAlone,
  settledAway,
  splitBrain,
  takenBy,
} from '../../lib/rollout/director-checks.js';
import { type DirectorView, describeHolders, holders } from '../../lib/rollout/director-view.js';
import { Interrupted, WaitTimeout, WatchBroken } from '../../lib/rollout/errors.js';
import { stageFailure } from '../../lib/rollout/execute.js';
import { connectionsProbe, tablesUnreadable, weightsProbe } from '../../lib/rollout/realserver-checks.js';
import { holdFor, waitUntil } from '../../lib/rollout/wait-until.js';
import type { CheckResult } from '../../lib/verify/types.js';
import { clusterOf } from '../support/clusters.js';
import { inventoryTable } from '../verify/observations.js';

const lab = clusterOf('lab');
const full = clusterOf('lab', (inv) => {
  inv.keepalived = { mode: 'full' };
});
const view = (director: string, vips: string[], keepalivedActive = true, ipvs?: IpvsState): DirectorView => ({
  director,
  vips,
  keepalivedActive,
  ...(ipvs ? { ipvs } : {}),
});
const on = (dr: string[], dr2: string[]) => holders(lab, [view('lvs-dr', dr), view('lvs-dr2', dr2)]);
const A = '198.18.0.100';
const B = '198.18.0.110';

describe('VIP predicates', () => {
  it('away: no VIP on the director, each held once', () => {
    assert.equal(awayFrom('lvs-dr')([], on([], [A, B])), true);
    assert.equal(awayFrom('lvs-dr')([], on([A], [B])), false);
    assert.equal(awayFrom('lvs-dr')([], on([], [B])), false, 'a VIP held by none is not away: it is down');
  });
  it('settled: away, and keepalived runs on the director; alone: every VIP held once', () => {
    const views = [view('lvs-dr', [], false), view('lvs-dr2', [A, B])];
    assert.equal(settledAway('lvs-dr')(views, on([], [A, B])), false);
    assert.equal(settledAway('lvs-dr')([view('lvs-dr', []), view('lvs-dr2', [A, B])], on([], [A, B])), true);
    assert.equal(settledAlone('lvs-dr2')(views, on([], [A, B])), true);
  });
  it('home: the director holds what it is MASTER of; all home: every VIP on its MASTER', () => {
    assert.equal(homeOn(lab, 'lvs-dr')([], on([A], [B])), true);
    assert.equal(homeOn(lab, 'lvs-dr')([], on([], [A, B])), false);
    assert.equal(allHome(lab)([], on([A], [B])), true);
    assert.equal(allHome(lab)([], on([A, B], [])), false);
  });
  it('taken (nopreempt handover): each moving VIP on its taker, its giver may still hold it; every other VIP held once', () => {
    const moving = takenBy([{ vip: A, to: 'lvs-dr2' }]);
    assert.equal(moving([], on([A], [B])), false, 'not on the taker yet');
    assert.equal(moving([], on([A], [A, B])), true, 'on giver and taker');
    assert.equal(moving([], on([], [A, B])), true, 'on the taker alone');
    assert.equal(moving([], on([A, B], [A, B])), false, 'a VIP that does not move, on two');
    assert.equal(moving([], on([A], [])), false, 'a VIP that does not move, on none');
  });

  it('split brain: a VIP on two directors, except the giver and taker a handover names for it', () => {
    const views = [view('lvs-dr', [A, B]), view('lvs-dr2', [A, B])];
    assert.equal(splitBrain(lab, views), `${A} on lvs-dr and lvs-dr2; ${B} on lvs-dr and lvs-dr2`);
    assert.equal(splitBrain(lab, views, new Map([[A, ['lvs-dr', 'lvs-dr2']]])), `${B} on lvs-dr and lvs-dr2`);
    assert.equal(
      splitBrain(
        lab,
        views,
        new Map([
          [A, ['lvs-dr', 'lvs-dr2']],
          [B, ['lvs-dr2', 'lvs-dr']],
        ]),
      ),
      null,
    );
    // a planned pair names two directors: a third holder is split brain again
    const three = [view('lvs-dr', [A]), view('lvs-dr2', [A]), view('lvs-dr3', [A])];
    assert.equal(splitBrain(lab, three, new Map([[A, ['lvs-dr', 'lvs-dr2']]])), `${A} on lvs-dr and lvs-dr2 and lvs-dr3`);
  });

  it('says where each VIP is, two holders and unreadable directors included', () => {
    assert.equal(describeHolders(lab, [view('lvs-dr', [A]), view('lvs-dr2', [A, B])]), `${A} on lvs-dr AND lvs-dr2; ${B} on lvs-dr2`);
    assert.equal(
      describeHolders(lab, [{ director: 'lvs-dr', vips: null, keepalivedActive: false, error: 'timeout' }, view('lvs-dr2', [B])]),
      `${A} on no director; ${B} on lvs-dr2; lvs-dr unreadable (timeout)`,
    );
  });
});

describe('gateVerdict', () => {
  const row = (
    check: CheckResult['check'],
    target: string,
    status: CheckResult['status'],
    extra: Partial<CheckResult> = {},
  ): CheckResult => ({ check, target, status, detail: `${check} ${status}`, ...extra });
  const healthy = [
    row('host', 'lvs-dr', 'pass', { host: 'lvs-dr' }),
    row('host', 'lvs-dr2', 'pass', { host: 'lvs-dr2' }),
    row('vip', A, 'pass', { vip: A }),
    row('vip', B, 'pass', { vip: B }),
    row('keepalived', 'lvs-dr', 'pass', { host: 'lvs-dr' }),
    row('keepalived', 'lvs-dr2', 'pass', { host: 'lvs-dr2' }),
    row('keepalived-config', 'lvs-dr', 'fail', { host: 'lvs-dr' }),
    row('keepalived-config', 'lvs-dr2', 'fail', { host: 'lvs-dr2' }),
    row('ipvs', 'lvs-dr', 'not-checkable', { host: 'lvs-dr' }),
  ];
  const blocking = (checks: CheckResult[], changedPeers: string[] = []) =>
    gateVerdict(lab, checks, 'lvs-dr', changedPeers).blocking.map((c) => `${c.check} ${c.target}`);
  const replace = (check: string, target: string, status: CheckResult['status']) =>
    healthy.map((c) => (c.check === check && c.target === target ? { ...c, status } : c));

  it('passes a healthy pair whose configs both differ from the new inventory (that is the change)', () => {
    assert.deepEqual(blocking(healthy), []);
  });
  it('blocks on the peer: keepalived stopped, its own VIP elsewhere, a host unread', () => {
    assert.deepEqual(blocking(replace('keepalived', 'lvs-dr2', 'degraded')), ['keepalived lvs-dr2']);
    assert.deepEqual(blocking(replace('vip', B, 'degraded')), [`vip ${B}`]);
    assert.deepEqual(blocking(replace('host', 'lvs-dr2', 'fail')), ['host lvs-dr2']);
  });
  it("lets the director's own VIP be on its peer already, never on none or two; its own keepalived may be stopped", () => {
    assert.deepEqual(blocking(replace('vip', A, 'degraded')), []);
    assert.deepEqual(blocking(replace('vip', A, 'fail')), [`vip ${A}`]);
    assert.deepEqual(blocking(replace('keepalived', 'lvs-dr', 'degraded')), []);
  });
  it('asks a peer changed earlier in this run to run the new config', () => {
    assert.deepEqual(blocking(healthy, ['lvs-dr2']), ['keepalived-config lvs-dr2']);
  });
});

describe('connections and weights', () => {
  const ipvs = (edit: (t: ReturnType<typeof inventoryTable>) => void = () => {}): IpvsState => {
    const table = inventoryTable(full);
    edit(table);
    return { support: 'loaded', kernelRelease: '6.1.0', table, error: null };
  };
  const views = (i: IpvsState) => async () => [view('lvs-dr', [A], true, i), view('lvs-dr2', [B], true, i)];

  it('cannot be seen with keepalived VRRP-only or without a table: says why', () => {
    assert.match(tablesUnreadable(lab, [])!, /VRRP-only/);
    assert.match(
      tablesUnreadable(full, [view('lvs-dr', [A], true, { support: 'absent', kernelRelease: '6.18', table: null, error: null })])!,
      /lvs-dr: IP_VS absent/,
    );
    assert.equal(tablesUnreadable(full, [view('lvs-dr', [A], true, ipvs())]), null);
  });

  it('counts active connections to the drained real servers on every director', async () => {
    const busy = ipvs((t) => {
      t[0]!.realServers[0]!.activeConnections = 2;
      t[0]!.realServers[0]!.weight = 0;
    });
    const p = await connectionsProbe(full, views(busy), ['lvs01'])();
    assert.equal(p.done, false);
    assert.equal(p.state, `active: lvs01 2 on lvs-dr ${A}:80, lvs01 2 on lvs-dr2 ${A}:80`);
    assert.deepEqual(await connectionsProbe(full, views(ipvs()), ['lvs01'])(), {
      done: true,
      state: 'no active connection (weights lvs01=1)',
    });
  });

  it("confirms the inventory's weight on every director, naming what differs", async () => {
    assert.equal((await weightsProbe(full, views(ipvs()), ['lvs01'], ['lvs-dr', 'lvs-dr2'])()).done, true);
    const drained = ipvs((t) => {
      t[1]!.realServers[0]!.weight = 0;
    });
    const p = await weightsProbe(full, views(drained), ['lvs01'], ['lvs-dr'])();
    assert.deepEqual(p, { done: false, state: `lvs01 on lvs-dr ${B}:80: weight 0, want 1` });
  });
});

describe('waitUntil and holdFor', () => {
  it('returns when the probe is done and says each new state once', async () => {
    const seen: string[] = [];
    let n = 0;
    await waitUntil({ what: 'x', timeoutMs: 5000, intervalMs: 1, log: (l) => seen.push(l) }, async () => ({
      done: ++n >= 4,
      state: n < 3 ? 'a' : 'b',
    }));
    assert.deepEqual(seen, ['waiting x: a', 'waiting x: b']);
  });
  it('times out with the last state, and stops when aborted', async () => {
    await assert.rejects(
      waitUntil({ what: 'for y', timeoutMs: 20, intervalMs: 5 }, async () => ({ done: false, state: 'still' })),
      (e: Error) => e instanceof WaitTimeout && /waiting for y \(last seen: still\)/.test(e.message),
    );
    const c = new AbortController();
    c.abort();
    await assert.rejects(
      waitUntil({ what: 'z', timeoutMs: 1000, signal: c.signal }, async () => ({ done: false, state: '' })),
      (e: Error) => e instanceof Interrupted && e instanceof UserError && e.message === 'interrupted (while waiting z)',
    );
  });
  it('holdFor fails as soon as the condition breaks', async () => {
    let n = 0;
    await assert.rejects(
      holdFor({ what: 'quiet', timeoutMs: 1000, observeMs: 1000, intervalMs: 1 }, async () => ({
        done: ++n < 3,
        state: n < 3 ? 'ok' : 'claimed 198.18.0.100',
      })),
      (e: Error) => e instanceof WatchBroken && /quiet broke after .*: claimed 198\.18\.0\.100/.test(e.message),
    );
    await holdFor({ what: 'quiet', timeoutMs: 30, observeMs: 30, intervalMs: 5 }, async () => ({ done: true, state: 'ok' }));
  });
  it("a stage's failure: a host's or a check's as it is, a bug in lvs-play said to be one", () => {
    assert.equal(stageFailure(new WaitTimeout('for z', 1500, 'still')), 'timed out after 1.5 s waiting for z (last seen: still)');
    assert.equal(stageFailure(new UserError('lvs01: connection lost')), 'lvs01: connection lost');
    assert.match(
      stageFailure(new TypeError("Cannot read properties of undefined (reading 'x')")),
      /^internal error in lvs-play \(please report it; the stage was rolled back\): Cannot read/,
    );
  });
});
