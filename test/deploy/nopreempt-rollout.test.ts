// Issue 13 on the container lab (`npx tsc -p tsconfig.json` first): rollouts
// of a reload-safe change (a real server's weight) through clusters whose
// directors do not simply preempt.
//
// nopreempt: a BACKUP never takes a VIP from a lower-priority MASTER, so the
// rollout moves each VIP by its vrrp_instance's own switches: the taker's
// instance boosted to 254, the holder made quiet (nftables rules drop its
// adverts for that instance, out and in) while it keeps the VIP. The taker
// hears nothing, becomes MASTER after Master_Down_Interval and adds the VIP;
// the holder, deaf to it, keeps the VIP until the rollout has seen the taker
// hold it and puts the holder's instance in FAULT. So the VIP is on both for
// the rollout's reaction time and never on none: asserted, no instant of the
// rollout with the VIP on no director (the FAULT handover this replaced left
// 8.5-19.6 ms each move), never two holders for an advert interval; the VIPs
// end where they started. Then a director whose keepalived restarts
// stays BACKUP, and a second rollout puts the VIPs back where they now are
// (both on lvs-dr2), not on their MASTERs.
//
// preempt_delay: the plain handover (yield to priority 1, peer preempts),
// where every preemption waits the delay: the rollout's own waits say how
// long each move took, each at least the delay; no gap, no split brain.
//
// The sampler reads both directors' address events on one clock; every
// figure is printed. The lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Inventory } from '../../lib/inventory/types.js';
import type { RolloutReport } from '../../lib/rollout/plan/report.js';
import { lvsPlay, startLvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';
import { holdersNow } from '../support/vip-holders.js';
import { describeSummary, VipSampler, type VipSummary } from '../support/vip-sampler.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const VIPS = ['198.18.0.100', '198.18.0.110'];
const ADVERT_MS = 3000; // the lab's advert_int
const DELAY_S = 5;
/** the quiet switches set on a director: the chains of lvs-play's nftables table (render/quiet-adverts.ts) */
const QUIET_CHAINS =
  "if command -v nft >/dev/null; then nft list table inet lvs_play_quiet 2>/dev/null | sed -n 's/^[[:space:]]*chain \\([^ ]*\\) {.*/\\1/p'; fi";

/** the VIP's holders in order, without the moments on none or on both */
const moves = (s: VipSummary) => s.sequence.filter((h) => h !== 'none' && !h.includes('+'));

describe('rollout of nopreempt and preempt_delay clusters on the lab (issue 13)', function () {
  this.timeout(30 * 60_000);
  const lab = useLab();
  let dir: string;
  let drains: string;
  const env = () => ({ LVS_PLAY_DRAINS_DIR: drains });
  const holders = () => holdersNow(lab.run, DIRECTORS, VIPS);
  const at = (want: string[]) => async () => (await holders()).join() === want.join();
  const write = (name: string, edit: (inv: Inventory) => void) => writeLabVariant(dir, name, edit);
  const weight = (w: number) => (inv: Inventory) => {
    inv.vips[0]!.services[0]!.realServers![0]!.weight = w;
  };
  /** each director's switches: the files in its switches folder (only README when none is set) and its quiet chains (nftables) */
  const switchFiles = async () =>
    (
      await Promise.all(
        DIRECTORS.map(async (d) => {
          const files = (await lab.run(d, 'ls /var/lib/lvs-play/switches')).trim().split(/\s+/);
          const chains = (await lab.run(d, QUIET_CHAINS)).trim().split(/\s+/).filter(Boolean);
          return `${d}: ${[...files, ...chains].join(' ')}`;
        }),
      )
    ).join('; ');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-nopreempt-rollout-'));
    drains = join(dir, 'drains');
    // from the lab as inventory/lab.json says, whatever the last suite left
    const d = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
  });
  after(async () => {
    const back = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(back.code, 0, back.stdout + back.stderr);
    await waitFor('each VIP on its MASTER', at(['lvs-dr', 'lvs-dr2']), 60_000);
    rmSync(dir, { recursive: true, force: true });
  });

  /** runs the rollout with the sampler on; prints each VIP's summary */
  async function sampledRollout(file: string): Promise<{ report: RolloutReport; summary: VipSummary[]; stderr: string }> {
    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const r = await lvsPlay(['rollout', file, '--json'], env());
    const summary = (await sampler.stop()).vips;
    for (const s of summary) console.log(`      ${describeSummary(s)}`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return { report: JSON.parse(r.stdout) as RolloutReport, summary, stderr: r.stderr };
  }

  it('nopreempt: every VIP handed over and back by its instance switches (boost, quiet, then FAULT), no split brain, never on no director; a restarted director stays BACKUP; the next rollout keeps VIPs where they are', async () => {
    const nopreempt = (inv: Inventory) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    };
    const base = write('nopreempt.json', nopreempt);
    const heavier = write('nopreempt-weight.json', (inv) => {
      nopreempt(inv);
      weight(2)(inv);
    });
    // from lab.json (preemptive, VIPs on their MASTERs) nopreempt and the instance switches come with a reload
    await waitFor('each VIP on its MASTER', at(['lvs-dr', 'lvs-dr2']), 60_000);
    const reload = new VipSampler(DIRECTORS, VIPS);
    await reload.start();
    const d = await lvsPlay(['deploy', base], env());
    for (const s of (await reload.stop()).vips) console.log(`      deploy adding nopreempt and the switches: ${describeSummary(s)}`);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.match(await lab.run('lvs-dr', 'cat /etc/keepalived/keepalived.conf'), /track_file lvsp_handover_bl_one \{/);
    // under nopreempt a VIP's place is where it is: the rollout must end with these holders
    await waitFor('each VIP on exactly one director', async () => (await holders()).every((h) => DIRECTORS.includes(h)), 30_000);
    const start = await holders();

    const plan = await lvsPlay(['rollout', heavier, '--check'], env());
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(
      plan.stdout,
      /boost: lvs-dr2?'s instances? bl_(one|two).* at priority 254[\s\S]*go quiet: lvs-dr2?'s instances? bl_(one|two).* stop sending and hearing adverts, VIP kept[\s\S]*wait until 198\.18\.0\.1[01]0 is on lvs-dr2?[\s\S]*give up: lvs-dr2?'s instances? bl_(one|two).* in FAULT/,
    );

    const first = await sampledRollout(heavier);
    assert.deepEqual(
      first.report.stages.map((s) => `${s.hosts.join()} ${s.status}`),
      ['lvs-dr done', 'lvs-dr2 done'],
    );
    assert.deepEqual(await holders(), start, 'every VIP where it started');
    const handedOver = (runSummary: VipSummary[], from: string[]) => {
      for (const [i, s] of runSummary.entries()) {
        const home = from[i]!;
        const other = DIRECTORS.find((x) => x !== home)!;
        assert.deepEqual(moves(s), [home, other, home], `${s.vip} handed over and back once`);
        // the holder drops the VIP only once the taker holds it: on both for a moment, never on none
        assert.ok(s.maxOverlapMs < ADVERT_MS, `${s.vip} on both directors for ${s.maxOverlapMs} ms`);
        assert.equal(s.worstNoHolderMs, 0, `${s.vip} on no director for ${s.worstNoHolderMs.toFixed(2)} ms`);
      }
      console.log(
        `      no holder at most ${Math.max(...runSummary.map((s) => s.worstNoHolderMs)).toFixed(2)} ms per move, on two at most ${Math.max(...runSummary.map((s) => s.maxOverlapMs)).toFixed(1)} ms (the FAULT handover left none for 8.5-19.6 ms)`,
      );
    };
    handedOver(first.summary, start);
    // every switch undone, on the directors and in the record
    assert.equal(await switchFiles(), 'lvs-dr: README; lvs-dr2: README');
    assert.equal(existsSync(join(drains, 'lab.json')), false, 'switch record left behind');

    // a recovered director stays BACKUP: the VIPs of the restarted director go to the other and stay there
    const restarted = start[0]!;
    const other = DIRECTORS.find((x) => x !== restarted)!;
    await lab.run(restarted, 'systemctl restart keepalived');
    await waitFor(`both VIPs on ${other}`, at([other, other]), 30_000);
    await sleep(4 * ADVERT_MS);
    assert.deepEqual(await holders(), [other, other], `${restarted} took a VIP back`);
    console.log(`      keepalived on ${restarted} restarted: both VIPs on ${other} ${(4 * ADVERT_MS) / 1000} s later`);

    // the next rollout puts every VIP back where it is now, not on its MASTER
    const second = await sampledRollout(base);
    assert.deepEqual(await holders(), [other, other], 'every VIP where the second rollout found it');
    handedOver(second.summary, [other, other]);
    assert.equal(await switchFiles(), 'lvs-dr: README; lvs-dr2: README');
    const verify = await lvsPlay(['verify', base], env());
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  it('nopreempt: a rollout killed while a VIP moves leaves its instance switches recorded; the next deploy clears them and every VIP is held once', async () => {
    // after the test above: both VIPs on one director, nopreempt.json deployed; that director's stage moves them by instance switches
    const target = write('nopreempt-weight3.json', (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
      weight(3)(inv);
    });
    const record = join(drains, 'lab.json');
    const run = startLvsPlay(['rollout', target], env());
    await waitFor(
      'a quiet instance in the record',
      async () => existsSync(record) && /"level": "quiet",\s*"instance"/.test(readFileSync(record, 'utf8')),
      120_000,
      20,
    );
    run.child.kill('SIGKILL');
    await run.done;
    const left = JSON.parse(readFileSync(record, 'utf8')) as { handovers: { director: string; instance?: string; level: string }[] };
    const named = left.handovers.map((h) => `${h.director} ${h.instance} ${h.level}`);
    console.log(`      killed with ${named.join('; ')} recorded; on the directors: ${await switchFiles()}`);
    assert.ok(
      named.some((n) => / bl_one quiet$/.test(n)),
      named.join('; '),
    );
    // whatever the record says is set was recorded first: every switch file and quiet chain on a director is in it
    for (const d of DIRECTORS) {
      for (const f of (await lab.run(d, 'ls /var/lib/lvs-play/switches'))
        .trim()
        .split(/\s+/)
        .filter((x) => x.startsWith('handover-')))
        assert.ok(
          left.handovers.some((h) => h.director === d && `handover-${h.instance}` === f),
          `${d}: ${f} set but not recorded`,
        );
      // a giver's chains stay recorded while its entry moves on from "quiet" to "out" (clearing either removes both kinds)
      for (const c of (await lab.run(d, QUIET_CHAINS)).trim().split(/\s+/).filter(Boolean))
        assert.ok(
          left.handovers.some((h) => h.director === d && [`quiet_${h.instance}`, `deaf_${h.instance}`].includes(c)),
          `${d}: ${c} set but not recorded`,
        );
    }
    const warned = await lvsPlay(['verify', target], env());
    assert.match(warned.stderr, /warning: cluster lab: lvs-dr2?'s switch of vrrp_instance bl_one is "quiet"/);

    const d = await lvsPlay(['deploy', target], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.match(d.stdout + d.stderr, /clearing the switch of bl_one/);
    assert.equal(await switchFiles(), 'lvs-dr: README; lvs-dr2: README');
    assert.equal(existsSync(record), false, 'record left after deploy');
    const now = await holders();
    console.log(`      after deploy: ${VIPS.map((v, i) => `${v} on ${now[i]}`).join(', ')}`);
    assert.ok(
      now.every((h) => DIRECTORS.includes(h)),
      `every VIP on exactly one director: ${now.join(', ')}`,
    );
  });

  it('nopreempt: a rollout killed while a VIP moves; `lvs-play recover` clears its instance switches and every VIP is held once', async () => {
    const target = write('nopreempt-weight5.json', (inv) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
      weight(5)(inv);
    });
    const d = await lvsPlay(
      [
        'deploy',
        write('nopreempt-recover-from.json', (inv) => {
          inv.vrrp = { ...inv.vrrp, nopreempt: true };
        }),
      ],
      env(),
    );
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on exactly one director', async () => (await holders()).every((h) => DIRECTORS.includes(h)), 30_000);
    const record = join(drains, 'lab.json');
    const run = startLvsPlay(['rollout', target], env());
    let ended: string | null = null;
    void run.done.then((r) => {
      ended = `exit ${r.code}: ${r.stdout}${r.stderr}`;
    });
    await waitFor(
      'a quiet instance in the record',
      async () => {
        if (ended !== null) throw new Error(`the rollout ended before it set an instance switch: ${ended}`);
        return existsSync(record) && /"level": "quiet",\s*"instance"/.test(readFileSync(record, 'utf8'));
      },
      120_000,
      20,
    );
    run.child.kill('SIGKILL');
    await run.done;
    const leftOnDirectors = await switchFiles();
    console.log(`      killed; on the directors: ${leftOnDirectors}`);
    // --check names every switch the run would clear first, from the same record, and clears nothing itself
    const recorded = (
      JSON.parse(readFileSync(record, 'utf8')) as { handovers: { director: string; instance?: string; level: string }[] }
    ).handovers
      .filter((h) => h.instance)
      .map((h) => `${h.director} ${h.instance} "${h.level}"`)
      .sort();
    const check = await lvsPlay(['rollout', target, '--check'], env());
    const leftLines = check.stdout.split('\n').filter((l) => l.startsWith('LEFT SET '));
    console.log(`      rollout --check: exit ${check.code}; ${leftLines.join(' | ')}`);
    assert.equal(check.code, 2, check.stdout + check.stderr);
    assert.deepEqual(
      leftLines
        .map((l) => /^LEFT SET (\S+): the switch of vrrp_instance (\S+) is ("\w+")/.exec(l))
        .filter((m) => m !== null)
        .map((m) => `${m[1]} ${m[2]} ${m[3]}`)
        .sort(),
      recorded,
    );
    assert.equal(await switchFiles(), leftOnDirectors, '--check changed no switch');
    const r = await lvsPlay(['recover', target], env());
    console.log(
      `      recover: exit ${r.code}; ${(r.stdout + r.stderr)
        .split('\n')
        .filter((l) => /switch|undrain|clear/i.test(l))
        .join(' | ')}`,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /clearing the switch of bl_(one|two)/);
    assert.equal(await switchFiles(), 'lvs-dr: README; lvs-dr2: README');
    assert.equal(existsSync(record), false, 'record left after recover');
    await waitFor('each VIP on exactly one director', async () => (await holders()).every((h) => DIRECTORS.includes(h)), 30_000);
  });

  it("nopreempt: the second director's change fails: it is rolled back and its VIPs handed back to where they were, no split brain, no switch or record left", async () => {
    const nopreempt = (inv: Inventory) => {
      inv.vrrp = { ...inv.vrrp, nopreempt: true };
    };
    const base = write('nopreempt-fail-from.json', nopreempt);
    const to = write('nopreempt-fail-to.json', (inv) => {
      nopreempt(inv);
      weight(4)(inv);
    });
    const d = await lvsPlay(['deploy', base], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on exactly one director', async () => (await holders()).every((h) => DIRECTORS.includes(h)), 30_000);
    const start = await holders();
    console.log(`      before: ${VIPS.map((v, i) => `${v} on ${start[i]}`).join(', ')}`);

    const sampler = new VipSampler(DIRECTORS, VIPS);
    await sampler.start();
    const r = await lvsPlay(['rollout', to, '--json', '--playbook', 'test/fixtures/playbooks/fail-on-lvs-dr2.mjs'], env());
    const summary = (await sampler.stop()).vips;
    for (const s of summary) console.log(`      ${describeSummary(s)}`);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as RolloutReport;
    assert.deepEqual(
      report.stages.map((s) => `${s.hosts.join()} ${s.status}`),
      ['lvs-dr done', 'lvs-dr2 failed'],
    );
    const failed = report.stages[1]!;
    assert.match(failed.error ?? '', /lvs-dr2: inject-failure/);
    assert.ok(
      failed.hostReports[0]!.rolledBack?.some((u) => u.includes('restore /etc/keepalived/keepalived.conf')),
      JSON.stringify(failed.hostReports[0]),
    );
    assert.deepEqual(await holders(), start, 'every VIP back where it was before the rollout');
    for (const s of summary) {
      assert.ok(s.maxOverlapMs < ADVERT_MS, `${s.vip} on both directors for ${s.maxOverlapMs} ms`);
      assert.equal(s.worstNoHolderMs, 0, `${s.vip} on no director for ${s.worstNoHolderMs.toFixed(2)} ms`);
    }
    assert.equal(await switchFiles(), 'lvs-dr: README; lvs-dr2: README');
    assert.equal(existsSync(join(drains, 'lab.json')), false, 'switch record left behind');
    // lvs-dr2 runs its old config again, lvs-dr the new one
    assert.equal((await lvsPlay(['check', base, '--limit', 'lvs-dr2'], env())).code, 0);
    assert.equal((await lvsPlay(['check', to, '--limit', 'lvs-dr'], env())).code, 0);
  });

  it(`preempt_delay ${DELAY_S} s: the rollout waits the delay on every handover and hand-back, with no gap`, async () => {
    const delayed = (inv: Inventory) => {
      inv.vrrp = { ...inv.vrrp, preemptDelay: DELAY_S };
    };
    const base = write('delay.json', delayed);
    const heavier = write('delay-weight.json', (inv) => {
      delayed(inv);
      weight(2)(inv);
    });
    const d = await lvsPlay(['deploy', base], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on its MASTER', at(['lvs-dr', 'lvs-dr2']), 60_000);

    const { report, summary, stderr } = await sampledRollout(heavier);
    assert.deepEqual(
      report.stages.map((s) => `${s.hosts.join()} ${s.status}`),
      ['lvs-dr done', 'lvs-dr2 done'],
    );
    assert.deepEqual(await holders(), ['lvs-dr', 'lvs-dr2']);
    for (const [i, s] of summary.entries()) {
      assert.deepEqual(moves(s), [DIRECTORS[i], DIRECTORS[1 - i], DIRECTORS[i]], `${s.vip} handed over and back once`);
      // the plain yield: the new MASTER adds the VIP as the old one drops it (a few ms either way)
      assert.ok(s.maxOverlapMs < ADVERT_MS, `${s.vip} on both directors for ${s.maxOverlapMs} ms`);
      assert.ok(s.worstNoHolderMs < ADVERT_MS, `${s.vip} on no director for ${s.worstNoHolderMs.toFixed(1)} ms`);
    }
    // the rollout's own waits, each from the switch write to the VIPs' move
    const waits = [...stderr.matchAll(/(lvs-dr2?) holds (no VIP|its VIPs) after ([\d.]+) s/g)].map((m) => ({
      what: `${m[1]} ${m[2] === 'no VIP' ? 'handed over' : 'took back'}`,
      s: Number(m[3]),
    }));
    console.log(`      ${waits.map((w) => `${w.what} after ${w.s.toFixed(1)} s`).join('; ')} (preempt_delay ${DELAY_S} s)`);
    assert.equal(waits.length, 4, stderr);
    for (const w of waits) assert.ok(w.s >= DELAY_S, `${w.what} after ${w.s} s, before the ${DELAY_S} s delay`);
  });
});
