// The collapsed live view and the grouped recap of a large run (issue 11,
// item 4), as text: no terminal, no host.

import { strict as assert } from 'node:assert';
import { type HostProgress, type ProgressState, summaryLines, treeFits } from '../../lib/report/progress-summary.js';
import { GROUP_RECAP_FROM, recap } from '../../lib/report/recap.js';
import { summaryObserver } from '../../lib/report/summary-observer.js';
import type { RunReport } from '../../lib/run/report.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `web${String(i + 1).padStart(3, '0')}`);

function state(n: number, phase: (i: number) => HostProgress): ProgressState {
  return { mode: 'deploy', cluster: 'farm', hosts: new Map(names(n).map((h, i) => [h, phase(i)])) };
}

describe('report/progress summary (the live view past one screen)', () => {
  it('keeps the tree while a row per host and task fits, collapses past it', () => {
    const hosts = (n: number) => names(n).map(() => ({ tasks: ['time-sync', 'packages', 'sysctl', 'dr-client'] }));
    assert.equal(treeFits(hosts(4), 50), true); // 20 rows
    assert.equal(treeFits(hosts(10), 50), false); // 50 rows
    assert.equal(treeFits(hosts(200), 50), false);
  });

  it('at 200 hosts: counts, the hosts running, every failure, all within the screen', () => {
    const s = state(200, (i) =>
      i < 120
        ? { phase: 'ok' }
        : i < 150
          ? { phase: 'changed' }
          : i < 152
            ? { phase: 'failed', failure: `keepalived: keepalived -t exited 1 on web${i}` }
            : i < 180
              ? { phase: 'running', task: 'packages' }
              : { phase: 'waiting' },
    );
    const lines = summaryLines(s, { rows: 50, cols: 160 });
    assert.equal(lines[0], 'deploy farm: 152/200 hosts done (ok 120, changed 30, failed 2), 28 running, 20 waiting');
    assert.match(lines[1]!, /^running: web153 packages, web154 packages, .* \.\.\. \+\d+$/);
    assert.ok(lines[1]!.length < 160);
    assert.deepEqual(lines.slice(2), [
      'FAILED web151 keepalived: keepalived -t exited 1 on web150',
      'FAILED web152 keepalived: keepalived -t exited 1 on web151',
    ]);
  });

  it('counts the failures that do not fit, and never draws a line wider than the screen', () => {
    const s = state(200, (i) => ({
      phase: 'unreachable',
      failure: `cannot connect to web${i} (198.19.254.${i}:22): the lab is not up\nhint: lvs-play lab up`,
    }));
    s.mode = 'check';
    const lines = summaryLines(s, { rows: 20, cols: 60 });
    assert.equal(lines.length, 19, 'one row stays free for the cursor, so the screen never scrolls under the redraw');
    assert.equal(lines[0], 'check farm: 200/200 hosts done (unreachable 200), 0 running');
    assert.equal(lines.at(-1), '+183 more failed (listed in the recap)');
    for (const l of lines) assert.ok(l.length <= 59 && !l.includes('\n'), l);
  });
});

describe('report/summary observer (the collapsed view, drawn in place)', () => {
  it('a host the run ended without starting counts as skipped, never as ok', () => {
    const out: string[] = [];
    const s = summaryObserver(['web001', 'web002'], 'deploy', 'farm', { rows: 20, cols: 100, write: (t) => out.push(t) });
    s.observer.hostStarted('web001', ['keepalived']);
    s.observer.hostEnded({
      host: 'web001',
      status: 'ok',
      durationMs: 1,
      tasks: [{ task: 'keepalived', status: 'ok', changes: [], notes: [] }],
    });
    s.observer.hostEnded({
      host: 'web002',
      status: 'skipped',
      durationMs: 0,
      error: 'not started: the run was stopped (SIGINT)',
      tasks: [{ task: 'keepalived', status: 'skipped', changes: [], notes: [] }],
    });
    s.finish();
    assert.match(out.at(-1)!, /deploy farm: 2\/2 hosts done \(ok 1, skipped 1\), 0 running\n$/);
  });

  it('a line said during the run is written where the view was and stays above it; the view is drawn again below', () => {
    const out: string[] = [];
    const s = summaryObserver(['web001', 'web002'], 'deploy', 'farm', { rows: 20, cols: 100, write: (t) => out.push(t) });
    s.observer.hostStarted('web001', ['keepalived']);
    s.observer.taskStarted('web001', 'keepalived');
    s.finish(); // the view now has two rows: the counts and the host running
    s.say('SIGINT: stopping. No host is started any more');
    // up the view's two rows, erase to the end, the line; then the view again, erasing nothing more
    assert.equal(out.at(-2), '\x1b[2A\r\x1b[0JSIGINT: stopping. No host is started any more\n');
    assert.equal(out.at(-1), '\x1b[0Jdeploy farm: 0/2 hosts done, 1 running, 1 waiting\nrunning: web001 keepalived\n');
    s.finish();
    assert.ok(out.at(-1)!.startsWith('\x1b[2A\r\x1b[0J'), 'the next redraw goes up the view only, never over the line');
  });
});

describe(`report/recap, grouped from ${GROUP_RECAP_FROM} hosts`, () => {
  const host = (name: string, status: 'ok' | 'changed', summary?: string) => ({
    host: name,
    status,
    durationMs: 5,
    tasks: [{ task: 'keepalived', status, changes: summary ? [{ summary, steps: [] }] : [], notes: [] }],
  });

  it('one line per set of identical counts and per identical finding, naming a few hosts and how many more', () => {
    const report = {
      mode: 'check',
      inventory: 'farm.json',
      cluster: 'farm',
      startedAt: 't',
      durationMs: 3000,
      hosts: names(200).map((n, i) => (i % 4 === 0 ? host(n, 'changed', 'keepalived.conf content differs') : host(n, 'ok'))),
    } as RunReport;
    assert.deepEqual(recap(report).split('\n'), [
      'RECAP check farm (farm.json): 200 host(s) in 3.0s',
      '  ok=0 drift=1 failed=0 skipped=0 unreachable=0  web001, web005, web009, web013, web017 +45',
      '  ok=1 drift=0 failed=0 skipped=0 unreachable=0  web002, web003, web004, web006, web007 +145',
      'DRIFT on 50 hosts (web001, web005, web009, web013, web017 +45) keepalived: keepalived.conf content differs',
    ]);
  });

  it('hosts refused for the same reason share one line: their own names and addresses do not split it (issue 11)', () => {
    const unreachable = (name: string, i: number) => ({
      host: name,
      status: 'unreachable' as const,
      durationMs: 5,
      error: `${name}: cannot connect to ${name} (198.19.254.${i + 1}:22): lab is not up: run lvs-play lab up (198.19.254.${i + 1}: routed via eth0, not the lab's lvsp-br0)`,
      tasks: [{ task: 'keepalived', status: 'unreachable' as const, changes: [], notes: [] }],
    });
    const hosts = names(200).map(unreachable);
    hosts[7] = { ...hosts[7]!, error: 'web008: authentication failed for root@web008 with key /root/.ssh/id_ed25519' };
    const report = { mode: 'deploy', inventory: 'farm.json', cluster: 'farm', startedAt: 't', durationMs: 9000, hosts } as RunReport;
    assert.deepEqual(recap(report).split('\n'), [
      'RECAP deploy farm (farm.json): 200 host(s) in 9.0s',
      '  ok=0 changed=0 failed=0 skipped=0 unreachable=1  web001, web002, web003, web004, web005 +195',
      "UNREACHABLE on 199 hosts (web001, web002, web003, web004, web005 +194): cannot connect to <host> (<address>:22): lab is not up: run lvs-play lab up (<address>: routed via eth0, not the lab's lvsp-br0)",
      'UNREACHABLE web008: authentication failed for root@web008 with key /root/.ssh/id_ed25519',
    ]);
  });

  it('below that, one line per host as before', () => {
    const report = {
      mode: 'check',
      inventory: 'lab.json',
      cluster: 'lab',
      startedAt: 't',
      durationMs: 1000,
      hosts: [host('lvs-dr', 'changed', 'x differs'), host('lvs01', 'ok')],
    } as RunReport;
    assert.deepEqual(recap(report).split('\n'), [
      'RECAP check lab (lab.json): 2 host(s) in 1.0s',
      '  lvs-dr  ok=0 drift=1 failed=0 skipped=0 unreachable=0',
      '  lvs01   ok=1 drift=0 failed=0 skipped=0 unreachable=0',
      'DRIFT lvs-dr keepalived: x differs',
    ]);
  });
});
