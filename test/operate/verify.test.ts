// Issue 6, `verify` against the lab's real hosts, through the built binary
// (`npm run build` first). The lab has no IP_VS, so keepalived runs VRRP-only
// there and the IPVS part must show as not checkable while the exit code
// stays 0. Every fault a test injects is undone in a finally, and waited on
// until the lab is as it was.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyReport } from '../../lib/verify/types.js';
import { lvsPlay } from '../support/cli.js';
import { inventoryJson } from '../support/clusters.js';
import { useLab } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];

type Report = VerifyReport & { inventory: string };

describe('verify on the lab (issue 6)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();

  /** Which directors hold the VIP on eth0, read over OpenSSH (the oracle). */
  const holders = async (vip: string) => {
    const out: string[] = [];
    for (const d of DIRECTORS) if ((await lab.run(d, 'ip -j addr show dev eth0')).includes(`"${vip}"`)) out.push(d);
    return out;
  };
  const settled = async () => (await holders('198.18.0.100')).join() === 'lvs-dr' && (await holders('198.18.0.110')).join() === 'lvs-dr2';
  const verify = async (...args: string[]) => {
    const r = await lvsPlay(['verify', INVENTORY, '--json', ...args]);
    let report: Report;
    try {
      report = JSON.parse(r.stdout) as Report;
    } catch {
      throw new Error(`verify printed no JSON (exit ${r.code}): ${r.stdout}${r.stderr}`);
    }
    return { code: r.code, report, stderr: r.stderr };
  };
  const notPassing = (report: Report) => report.checks.filter((c) => c.status !== 'pass');

  before(async () => {
    const d = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on its MASTER', settled, 60_000);
  });

  it('exits 0 on a freshly deployed lab, listing the IPVS part as not checkable (VRRP-only), never as passed', async () => {
    const { code, report } = await verify();
    assert.equal(code, 0, JSON.stringify(notPassing(report), null, 2));
    assert.deepEqual(
      notPassing(report).map((c) => `${c.check} ${c.target} ${c.status}`),
      ['ipvs lvs-dr not-checkable', 'ipvs lvs-dr2 not-checkable'],
    );
    assert.ok(report.checks.filter((c) => c.check === 'ipvs').every((c) => /^not checkable: keepalived runs VRRP-only/.test(c.detail)));
    assert.deepEqual(
      report.checks.filter((c) => c.check === 'vip').map((c) => c.detail),
      ['on lvs-dr (MASTER, eth0), instance bl_one', 'on lvs-dr2 (MASTER, eth0), instance bl_two'],
    );
    // the four hosts with something to check were read; the client was not contacted
    assert.deepEqual(
      report.checks.filter((c) => c.check === 'host').map((c) => c.target),
      ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'],
    );
    // the same in a pipe, as a table
    const table = await lvsPlay(['verify', INVENTORY]);
    assert.equal(table.code, 0, table.stdout + table.stderr);
    assert.match(table.stdout, /^ipvs\s+lvs-dr\s+not-checkable\s+not checkable: keepalived runs VRRP-only/m);
    assert.match(table.stdout, /^lab: 16 pass, 0 degraded, 0 fail, 2 not checkable \(not counted as passed\): exit 0, healthy$/m);
    assert.doesNotMatch(table.stdout, /\x1b\[/);
  });

  it('with keepalived stopped on lvs-dr: exit 2, naming 198.18.0.100 on its BACKUP lvs-dr2', async () => {
    try {
      await lab.run('lvs-dr', 'systemctl stop keepalived');
      await waitFor('198.18.0.100 on lvs-dr2 alone', async () => (await holders('198.18.0.100')).join() === 'lvs-dr2', 30_000);
      const { code, report } = await verify();
      assert.equal(code, 2, JSON.stringify(notPassing(report), null, 2));
      const vip = report.checks.find((c) => c.check === 'vip' && c.vip === '198.18.0.100')!;
      assert.deepEqual([vip.status, vip.detail], ['degraded', 'on lvs-dr2, its BACKUP; MASTER lvs-dr does not hold it (instance bl_one)']);
      assert.deepEqual(
        notPassing(report)
          .filter((c) => c.status !== 'not-checkable')
          .map((c) => `${c.check} ${c.target} ${c.status}`),
        ['vip 198.18.0.100 degraded', 'keepalived lvs-dr degraded'],
      );
    } finally {
      await lab.run('lvs-dr', 'systemctl start keepalived');
      await waitFor('198.18.0.100 back on lvs-dr', settled, 60_000);
    }
    assert.equal((await verify()).code, 0);
  });

  it("with a VIP removed from lvs01's lo: exit 1, naming lvs01 and the VIP", async () => {
    try {
      await lab.run('lvs01', 'ip addr del 198.18.0.100/32 dev lo');
      const { code, report } = await verify();
      assert.equal(code, 1, JSON.stringify(notPassing(report), null, 2));
      const bad = notPassing(report).filter((c) => c.status !== 'not-checkable');
      assert.deepEqual(
        bad.map((c) => `${c.check} ${c.host} ${c.status}`),
        ['realserver-vips lvs01 fail'],
      );
      assert.match(bad[0]!.detail, /^lvs01: 198\.18\.0\.100 is not on lo/);
    } finally {
      await lab.run('lvs01', 'systemctl reload lvs-play-dr-client');
    }
    assert.match(await lab.run('lvs01', 'ip -o addr show dev lo'), /inet 198\.18\.0\.100\/32/);
    assert.equal((await verify()).code, 0);
  });

  it('--probe-from client: without IP_VS no director forwards, and the probe says so instead of passing (exit 1)', async () => {
    const { code, report } = await verify('--probe-from', 'client');
    const probes = report.checks.filter((c) => c.check === 'probe');
    assert.deepEqual(
      probes.map((c) => `${c.target} ${c.status}`),
      ['198.18.0.100:80 from client fail', '198.18.0.110:80 from client fail'],
    );
    assert.ok(
      probes.every((c) => /no answer to GET .*no director forwards to the real servers/.test(c.detail)),
      JSON.stringify(probes),
    );
    assert.equal(code, 1);
  });

  it("--probe-from client names the real server that answered each VIP (DR's forwarding stood in for by a route on the client)", async () => {
    // What a DR director does, sending the VIP's packets to a real server's
    // MAC, is done here by a host route on the client: .100 via lvs01, .110
    // via lvs02. The real server accepts them on its lo VIP and answers.
    try {
      await lab.run(
        'client',
        'ip route replace 198.18.0.100/32 via 198.18.0.10 dev eth0 && ip route replace 198.18.0.110/32 via 198.18.0.20 dev eth0',
      );
      const { code, report } = await verify('--probe-from', 'client');
      const probes = report.checks.filter((c) => c.check === 'probe');
      assert.deepEqual(
        probes.map((c) => [c.target, c.status, c.answeredBy]),
        [
          ['198.18.0.100:80 from client', 'pass', 'lvs01'],
          ['198.18.0.110:80 from client', 'pass', 'lvs02'],
        ],
        JSON.stringify(probes),
      );
      assert.match(probes[1]!.detail, /^HTTP 200 for GET \/index\.html, answered by lvs02 \((curl|python3|bash)\)$/);
      assert.equal(code, 0);
    } finally {
      await lab.run(
        'client',
        'ip route del 198.18.0.100/32 via 198.18.0.10 dev eth0; ip route del 198.18.0.110/32 via 198.18.0.20 dev eth0; true',
      );
    }
    assert.doesNotMatch(await lab.run('client', 'ip route show'), /198\.18\.0\.1[01]0/);
  });

  it('a host that cannot be reached: exit 1, its row says why, the others are still checked', async () => {
    // an inventory with one more real server at a lab address no container has
    const dir = mkdtempSync(join(tmpdir(), 'lvsplay-verify-'));
    try {
      const inv = inventoryJson('lab');
      inv.hosts.push({ name: 'ghost', address: '198.18.0.99' });
      inv.groups.realservers!.push('ghost');
      const file = join(dir, 'lab-ghost.json');
      writeFileSync(file, JSON.stringify(inv));
      const r = await lvsPlay(['verify', file, '--json']);
      const report = JSON.parse(r.stdout) as Report;
      assert.equal(r.code, 1);
      const ghost = report.checks.find((c) => c.check === 'host' && c.target === 'ghost')!;
      assert.equal(ghost.status, 'fail');
      assert.match(ghost.detail, /^could not be read: /);
      assert.deepEqual(
        report.checks.filter((c) => c.status === 'fail').map((c) => c.target),
        ['ghost'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
