// Issue 7: the seed's cluster deployed to directors that have IP_VS (qemu
// VMs on Debian's kernel, `lab up --datapath`), keepalived in full. Each
// director's IPVS table, read with ipvsadm itself, holds both virtual
// services as the inventory says; verify passes in full, its IPVS rows
// included; lab status says which hosts are VMs and how they run.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { lvsPlay } from '../support/cli.js';
import { DATAPATH_INVENTORY, DIRECTORS, datapathLabUpOutput, useDatapathLab, VIPS } from '../support/datapath.js';
import { assertDocument } from '../support/json-documents.js';

describe('datapath: the deployed cluster on directors with IP_VS', function () {
  this.timeout(5 * 60_000);
  const lab = useDatapathLab();

  it('lvs-play lab up --datapath (the bring-up of this run) exited 0 and listed the directors as VMs, the rest as containers', () => {
    const up = datapathLabUpOutput();
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, /^lab is up: 5 hosts \(\d already running\) in \d+\.\d s$/m);
    for (const [d, a] of [
      ['lvs-dr', '198.18.0.30'],
      ['lvs-dr2', '198.18.0.40'],
    ]) {
      assert.match(up.stdout, new RegExp(`^  ${d}\\s+${a!.replace(/\./g, '\\.')}\\s+(running|degraded) \\(VM, (kvm|tcg)\\)$`, 'm'));
    }
    for (const [h, a] of [
      ['lvs01', '198.18.0.10'],
      ['lvs02', '198.18.0.20'],
      ['client', '198.18.0.50'],
    ]) {
      assert.match(up.stdout, new RegExp(`^  ${h}\\s+${a!.replace(/\./g, '\\.')}\\s+(running|degraded)$`, 'm'));
    }
  });

  it('lab status shows the directors as VMs (KVM or TCG, and why) and the rest as containers', async () => {
    const r = await lvsPlay(['lab', 'status']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const d of DIRECTORS)
      assert.match(
        r.stdout,
        new RegExp(`^${d}\\s+\\S+\\s+running \\(pid \\d+\\)\\s+ssh ok\\s+(running|degraded)\\s+vm \\((kvm|tcg)\\)$`, 'm'),
      );
    for (const h of ['lvs01', 'lvs02', 'client']) assert.match(r.stdout, new RegExp(`^${h}\\s.*\\scontainer$`, 'm'));
    assert.match(r.stdout, /^datapath: directors are qemu VMs with (KVM|TCG) \(.+\), Debian kernel \S+ with ip_vs$/m);
    assert.match(r.stdout, /^time server for the VMs: pid \d+ on 198\.18\.0\.1:123$/m);
    const json = assertDocument('lab-status', JSON.parse((await lvsPlay(['lab', 'status', '--json'])).stdout));
    assert.deepEqual(
      json.hosts.filter((h: { kind: string }) => h.kind === 'vm').map((h: { name: string }) => h.name),
      DIRECTORS,
    );
  });

  it('each director runs its own Debian kernel with ip_vs loaded by keepalived, which runs in full (not --vrrp)', async () => {
    for (const d of DIRECTORS) {
      const out = await lab.run(
        d,
        'uname -r; grep -c "^ip_vs " /proc/modules; cat /etc/default/keepalived; ps -o args= -C keepalived | head -1',
      );
      const [release, loaded] = out.split('\n');
      assert.match(release!, /-amd64$/, `${d} runs Debian's kernel`);
      assert.equal(loaded, '1', `${d} has ip_vs loaded`);
      assert.match(out, /^DAEMON_ARGS=""$/m);
      assert.doesNotMatch(out, /--vrrp/);
    }
  });

  it("deploy wrote a real director's defaults, which the datapath inventory does not set: ip_vs in modules-load.d, expire_nodest_conn=1, expire_quiescent_template=1", async () => {
    const inventory = JSON.parse(readFileSync(DATAPATH_INVENTORY, 'utf8')) as { sysctl?: Record<string, Record<string, unknown>> };
    assert.equal(JSON.stringify(inventory.sysctl ?? {}).includes('net.ipv4.vs.'), false, 'the datapath inventory sets no net.ipv4.vs key');
    for (const d of DIRECTORS) {
      const out = await lab.run(
        d,
        'grep -v "^#" /etc/modules-load.d/lvs-play.conf; grep "^net.ipv4.vs" /etc/sysctl.d/90-lvs-play.conf; sysctl -n net.ipv4.vs.expire_nodest_conn net.ipv4.vs.expire_quiescent_template',
      );
      console.log(`      ${d}: ${out.trim().split('\n').join(' | ')}`);
      assert.equal(
        out.trim(),
        ['', 'ip_vs', 'net.ipv4.vs.expire_nodest_conn = 1', 'net.ipv4.vs.expire_quiescent_template = 1', '1', '1'].join('\n').trim(),
        d,
      );
    }
  });

  it('ipvsadm -Ln on each director lists both virtual services: DR (Route), rr, persistent 50, both real servers', async () => {
    for (const d of DIRECTORS) {
      const out = await lab.run(d, 'ipvsadm -Ln');
      process.stderr.write(`      [datapath] ${d}: ipvsadm -Ln\n${out.trimEnd().replace(/^/gm, '        ')}\n`);
      for (const vip of VIPS) {
        const block = new RegExp(`^TCP  ${vip.replace(/\./g, '\\.')}:80 rr persistent 50\\s*\\n((?:  -> .*\\n?)+)`, 'm').exec(out);
        assert.ok(block, `${d}: no "TCP  ${vip}:80 rr persistent 50" service:\n${out}`);
        const rows = block[1]!
          .trim()
          .split('\n')
          .map((l) => l.trim().split(/\s+/));
        assert.deepEqual(rows.map((r) => [r[1], r[2], r[3]]).sort(), [
          ['198.18.0.10:80', 'Route', '1'],
          ['198.18.0.20:80', 'Route', '1'],
        ]);
      }
    }
  });

  it('lvs-play verify passes in full, its IPVS rows included (exit 0)', async () => {
    const r = await lvsPlay(['verify', DATAPATH_INVENTORY, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const rows = (JSON.parse(r.stdout) as { checks: { check: string; target: string; status: string }[] }).checks;
    const ipvs = rows.filter((x) => x.check === 'ipvs');
    assert.deepEqual(
      ipvs.map((x) => `${x.target} ${x.status}`).sort(),
      DIRECTORS.flatMap((d) => VIPS.map((v) => `${d} TCP ${v}:80 pass`)).sort(),
    );
    assert.ok(
      rows.every((x) => x.status === 'pass'),
      JSON.stringify(rows.filter((x) => x.status !== 'pass')),
    );
  });
});
