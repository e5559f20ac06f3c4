// The live view under a real terminal (tmux, 160x50) at 200 hosts (issue 11,
// item 4): a row per host and task would be 1,000 rows, so the view
// collapses to counts and failures and redraws in place. The 200 hosts are
// at 198.19.254.x on a lab bridge that lvs-play finds in a network namespace
// of its own (unshare -n) with nothing else on it: the guard lets each
// connection through, its ARP query goes unanswered, and it fails "no route
// to host" after one 200 ms probe (the namespace's neighbour settings). With
// 8 handshakes in flight the run lasts about 25 of those, so the screens
// catch it under way on a machine of any speed, and no packet leaves the
// namespace. (The same view at 4 hosts in a 160x50 terminal is listr2's
// tree: treeFits in test/report/progress-summary.test.ts.)

import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LAB_BRIDGE } from '../../lib/lab/route.js';
import { repoRoot } from '../support/cli.js';

const execFileAsync = promisify(execFile);
// tmux needs a terminal type even detached; CI may have none
const SESSION = `lvsp-test-live-view-${process.pid}`;
/** tmux on a server of the test's own (-L): it starts with this process's environment, and no user's server is touched */
const tmux = (args: string[]) =>
  execFileAsync('tmux', ['-L', SESSION, ...args], { env: { ...process.env, TERM: process.env.TERM || 'xterm-256color' } });

describe('live view in a 160x50 terminal at 200 hosts (tmux)', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-live-view-'));
    const lab = JSON.parse(readFileSync(join(repoRoot, 'inventory/lab.json'), 'utf8'));
    const names = Array.from({ length: 200 }, (_, i) => `web${String(i + 1).padStart(3, '0')}`);
    lab.name = 'farm';
    lab.hosts = names.map((name, i) => ({ name, address: `198.19.254.${i + 1}` }));
    lab.groups = { directors: names.slice(0, 2), realservers: names.slice(2) };
    lab.vrrp.authentication = { type: 'PASS', password: 'pw' };
    // a key and known_hosts of the test's own: the lab's exist only once a lab has been up, and without a key
    // every host would fail at once, before its connection (as on a brand-new machine, where this ran first)
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id_ed25519')]);
    writeFileSync(join(dir, 'known_hosts'), '');
    lab.ssh = { ...lab.ssh, identityFile: join(dir, 'id_ed25519'), knownHosts: join(dir, 'known_hosts') };
    for (const v of lab.vips) {
      delete v.master;
      for (const s of v.services) delete s.realServers;
    }
    writeFileSync(join(dir, 'farm.json'), JSON.stringify(lab));
  });
  after(async () => {
    await tmux(['kill-server']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws counts and failures in place within the screen, never a row per host and task; the recap groups identical counts', async () => {
    const done = join(dir, 'done');
    const script = join(dir, 'run.sh');
    writeFileSync(
      script,
      [
        // a setup that fails ends the wait below with its line, not a timeout
        `trap 'echo "namespace setup failed at line $LINENO" > ${done}; sleep 600' ERR`,
        'set -e',
        'ip link set lo up',
        `ip link add ${LAB_BRIDGE} type bridge`,
        // a port, so the bridge has a carrier and the kernel really asks
        'ip link add lvsp-lv0 type veth peer name lvsp-lv1',
        `ip link set lvsp-lv0 master ${LAB_BRIDGE}`,
        'ip link set lvsp-lv0 up',
        'ip link set lvsp-lv1 up',
        `ip address add 198.19.254.254/24 dev ${LAB_BRIDGE}`,
        `ip link set ${LAB_BRIDGE} up`,
        `sysctl -qw net.ipv4.neigh.${LAB_BRIDGE}.mcast_solicit=1 net.ipv4.neigh.${LAB_BRIDGE}.retrans_time_ms=200`,
        'set +e',
        'trap - ERR',
        `${process.execPath} ${join(repoRoot, 'dist/lib/cli/main.js')} check ${join(dir, 'farm.json')}`,
        `echo "exit $?" > ${done}`,
        'sleep 600',
      ].join('\n'),
    );
    await tmux(['new-session', '-d', '-s', SESSION, '-c', dir, '-x', '160', '-y', '50', `unshare -n bash ${script}`]);
    // the visible screen while the run is under way, as the user sees it
    const screens: string[][] = [];
    const ended = () => {
      try {
        readFileSync(done);
        return true;
      } catch {
        return false;
      }
    };
    while (!ended()) {
      screens.push((await tmux(['capture-pane', '-p', '-t', SESSION])).stdout.split('\n'));
      await new Promise((r) => setTimeout(r, 200));
    }
    const finalScreen = (await tmux(['capture-pane', '-p', '-t', SESSION])).stdout;
    const lastScreen = () => `the screen at the end:\n${finalScreen.split('\n').filter(Boolean).slice(-12).join('\n')}`;
    assert.equal(readFileSync(done, 'utf8').trim(), 'exit 1', lastScreen());
    const midRun = screens.filter((s) => s.some((l) => /^check farm: ([1-9]\d?|1[0-9]\d)\/200 hosts done/.test(l)));
    assert.ok(midRun.length > 0, `no screen caught the run under way (${screens.length} captured); ${lastScreen()}`);
    for (const screen of midRun) {
      const headers = screen.filter((l) => l.startsWith('check farm: '));
      assert.equal(headers.length, 1, `one frame on screen, redrawn in place:\n${screen.join('\n')}`);
      assert.equal(screen.indexOf(headers[0]!), 0, 'the frame starts at the top and fits below it');
      assert.match(screen[1]!, /^running: web\d{3}( \S+)?, /);
      assert.ok(
        screen.every((l) => l.length <= 160),
        'no line wider than the screen',
      );
      assert.ok(!screen.some((l) => /^\s*(✔|✖|❯|◼)/.test(l)), 'no listr2 tree rows');
    }
    const last = midRun.at(-1)!;
    assert.match(last[2]!, /^UNREACHABLE web001 cannot connect to web001 \(198\.19\.254\.1:22\): /);
    console.log(
      `      ${screens.length} screens captured, ${midRun.length} mid-run; the last:\n${last
        .filter(Boolean)
        .slice(0, 4)
        .map((l) => `        ${l.slice(0, 120)}`)
        .join('\n')}\n        ...`,
    );
    const history = (await tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', SESSION])).stdout.split('\n');
    const recapAt = history.findIndex((l) => l.startsWith('RECAP check farm'));
    assert.deepEqual(history.slice(recapAt + 1, recapAt + 3), [
      '  ok=0 drift=0 failed=0 skipped=0 unreachable=6  web001, web002',
      '  ok=0 drift=0 failed=0 skipped=0 unreachable=5  web003, web004, web005, web006, web007 +193',
    ]);
    // refused for one reason: one line, not 200 (each host's own name and address in neutral words)
    const refusals = history.slice(recapAt).filter((l) => l.startsWith('UNREACHABLE'));
    assert.equal(refusals.length, 1, refusals.slice(0, 3).join('\n'));
    assert.match(
      refusals[0]!,
      /^UNREACHABLE on 200 hosts \(web001, web002, web003, web004, web005 \+195\): cannot connect to <host> \(<address>:22\): /,
    );
  });
});
