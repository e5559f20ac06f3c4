// renderKeepalivedConf beyond the seed: N directors, IPv6, modes, redaction.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InventoryError } from '../../lib/errors.js';
import { UserError } from '../../lib/errors.js';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import type { Cluster } from '../../lib/inventory/types.js';
import { type KaNode, parseKeepalivedConf } from '../../lib/keepalived/parse.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { redactKeepalivedConf, renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { NOTIFY_SCRIPT_PATH } from '../../lib/render/notify.js';
import { clusterOf, inventoryJson } from '../support/clusters.js';
import { directorsOf, loadCluster } from './clusters.js';
import { ahAuth, garp, nopreempt, noSyncDaemon, passAuth, preemptDelay, syncMaxlen, unicast, vrrpOnly } from './variants.js';

const parsed = (c: Cluster, d: string) => parseKeepalivedConf(renderKeepalivedConf(c, d));
const blocks = (nodes: KaNode[], keyword: string) => nodes.filter((n) => n.keyword === keyword);
const value = (n: KaNode, keyword: string) => n.children?.find((c) => c.keyword === keyword)?.values.join(' ');
const has = (n: KaNode, keyword: string) => (n.children ?? []).some((c) => c.keyword === keyword);

describe('renderKeepalivedConf', () => {
  let example: Cluster;
  before(async () => {
    example = await loadCluster('example');
  });

  describe('3 directors, 5 VIPs', () => {
    let cluster: Cluster;
    let byDirector: Map<string, KaNode[]>;
    before(async () => {
      cluster = await loadCluster('threeDirectors');
      byDirector = new Map(directorsOf(cluster).map((d) => [d, parsed(cluster, d)]));
    });

    it('makes each VIP MASTER on exactly its master, BACKUP on the others, with the resolved priorities', () => {
      for (const vip of cluster.vips) {
        const states: Record<string, string | undefined> = {};
        const priorities: Record<string, number> = {};
        for (const [d, conf] of byDirector) {
          const inst = blocks(conf, 'vrrp_instance').find((n) => n.values[0] === vip.instance)!;
          states[d] = value(inst, 'state');
          priorities[d] = Number(value(inst, 'priority'));
          assert.equal(value(inst, 'virtual_router_id'), String(vip.routerId));
          assert.equal(value(inst, 'interface'), vip.interface);
        }
        const expected = Object.fromEntries(directorsOf(cluster).map((d) => [d, d === vip.master ? 'MASTER' : 'BACKUP']));
        assert.deepEqual(states, expected, vip.address);
        assert.deepEqual(priorities, vip.priorities, vip.address);
        assert.equal(new Set(Object.values(priorities)).size, 3, `${vip.address}: distinct priorities`);
      }
    });

    it('spreads masters over the directors and honours an explicit master and priority', () => {
      const masters = cluster.vips.map((v) => v.master);
      assert.deepEqual(new Set(masters), new Set(['dir1', 'dir2', 'dir3']));
      const explicit = blocks(byDirector.get('dir1')!, 'vrrp_instance').find((n) => n.values[0] === 'vi_4')!;
      assert.equal(value(explicit, 'state'), 'MASTER');
      assert.equal(value(explicit, 'priority'), '200');
    });

    it('renders one virtual_server per VIP and service with its method, protocol and persistence', () => {
      const vs = blocks(byDirector.get('dir2')!, 'virtual_server');
      assert.deepEqual(
        vs.map((n) => n.values.join(':')),
        ['198.18.10.1:80', '198.18.10.1:443', '198.18.10.2:53', '198.18.10.3:8080', '198.18.10.4:25', '198.18.10.5:587'],
      );
      assert.deepEqual(
        vs.map((n) => value(n, 'lvs_method')),
        ['DR', 'DR', 'DR', 'NAT', 'DR', 'TUN'],
      );
      assert.deepEqual(
        vs.map((n) => value(n, 'protocol')),
        ['TCP', 'TCP', 'UDP', 'TCP', 'TCP', 'TCP'],
      );
      assert.deepEqual(
        vs.map((n) => value(n, 'persistence_timeout')),
        [undefined, '300', undefined, undefined, undefined, undefined],
      );
      assert.deepEqual(
        vs.map((n) => value(n, 'lb_algo')),
        ['rr', 'wlc', 'rr', 'rr', 'sh', 'rr'],
      );
    });

    it('renders weights, inhibit_on_failure and both kinds of health check', () => {
      const web = blocks(byDirector.get('dir1')!, 'virtual_server')[0];
      const rs = blocks(web.children!, 'real_server');
      assert.deepEqual(
        rs.map((n) => value(n, 'weight')),
        ['1', '1', '3'],
      );
      assert.ok(rs.every((n) => has(n, 'inhibit_on_failure')));
      const http = rs[0].children!.find((c) => c.keyword === 'HTTP_GET')!;
      const url = http.children!.find((c) => c.keyword === 'url')!;
      assert.deepEqual([value(url, 'path'), value(url, 'status_code'), value(http, 'connect_port')], ['/healthz', '204', '80']);
      const dns = blocks(blocks(byDirector.get('dir1')!, 'virtual_server')[2].children!, 'real_server')[0];
      const tcp = dns.children!.find((c) => c.keyword === 'TCP_CHECK')!;
      assert.deepEqual(
        tcp.children!.map((c) => `${c.keyword} ${c.values.join(' ')}`),
        ['connect_timeout 2', 'retry 2', 'delay_before_retry 1', 'connect_port 53'],
      );
    });
  });

  it('writes IPv6 VIPs as /128 and leaves out authentication, which VRRPv3 lacks', async () => {
    const conf = parsed(passAuth(await loadCluster('ipv6')), 'lb-a');
    assert.equal(blocks(conf, 'vrrp_instance').length, 2, 'the loop below has instances to check');
    for (const inst of blocks(conf, 'vrrp_instance')) {
      assert.equal(has(inst, 'authentication'), false);
      assert.match(inst.children!.find((c) => c.keyword === 'virtual_ipaddress')!.children![0].keyword, /^2001:db8:10::\d\/128$/);
    }
    assert.deepEqual(
      blocks(conf, 'virtual_server').map((n) => n.values.join(' ')),
      ['2001:db8:10::1 80', '2001:db8:10::2 443'],
    );
  });

  it('keeps the virtual servers in vrrp-only mode but drops the IPVS sync daemon', () => {
    const conf = parsed(vrrpOnly(example), 'lvs-dr');
    assert.equal(has(conf[0], 'lvs_sync_daemon'), false);
    assert.equal(blocks(conf, 'virtual_server').length, 2);
  });

  it('writes the sync daemon without an instance name, and none when syncDaemon is false', () => {
    assert.equal(value(parsed(example, 'lvs-dr')[0], 'lvs_sync_daemon'), 'eth0');
    assert.equal(has(parsed(noSyncDaemon(example), 'lvs-dr')[0], 'lvs_sync_daemon'), false);
  });

  it('gives the sync daemon its message size when syncMaxlen is set', () => {
    const global = parsed(syncMaxlen(example, 64), 'lvs-dr')[0]!;
    assert.deepEqual(global.children?.find((n) => n.keyword === 'lvs_sync_daemon')?.values, ['eth0', 'maxlen', '64']);
  });

  it('starts every node as BACKUP with AH authentication, which keepalived requires', () => {
    const conf = parsed(ahAuth(example), 'lvs-dr');
    assert.deepEqual(
      blocks(conf, 'vrrp_instance').map((n) => value(n, 'state')),
      ['BACKUP', 'BACKUP'],
    );
    assert.deepEqual(
      blocks(conf, 'vrrp_instance').map((n) => value(n, 'priority')),
      ['150', '120'],
    );
  });

  it('refuses a host that is not a director, naming it', () => {
    assert.throws(
      () => renderKeepalivedConf(example, 'lvs01'),
      (e: Error) => e instanceof UserError && /lvs01/.test(e.message),
    );
  });
});

describe('redactKeepalivedConf', () => {
  it('replaces every auth_pass value and nothing else', async () => {
    const text = renderKeepalivedConf(await loadCluster('example'), 'lvs-dr');
    const redacted = redactKeepalivedConf(text);
    assert.equal((text.match(/auth_pass 1111$/gm) ?? []).length, 2);
    assert.doesNotMatch(redacted, /auth_pass 1111/);
    assert.equal((redacted.match(/auth_pass <redacted>$/gm) ?? []).length, 2);
    assert.equal(redacted.replace(/<redacted>/g, '1111'), text);
  });

  it('handles one-line blocks and quoted values', () => {
    assert.equal(
      redactKeepalivedConf('authentication { auth_type PASS auth_pass s3cr }\n  auth_pass "a b"\n'),
      'authentication { auth_type PASS auth_pass <redacted> }\n  auth_pass <redacted>\n',
    );
  });
});

describe('renderKeepalivedConf: VRRP as operators run it (issue 13)', () => {
  let example: Cluster;
  let three: Cluster;
  before(async () => {
    example = await loadCluster('example');
    three = await loadCluster('threeDirectors');
  });
  const instances = (c: Cluster, d: string) => blocks(parsed(c, d), 'vrrp_instance');

  it("unicast: the director's own address as source, every other director of the instance as a peer, from the inventory", () => {
    for (const [d, src, peers] of [
      ['lvs-dr', '192.168.122.30', ['192.168.122.40']],
      ['lvs-dr2', '192.168.122.40', ['192.168.122.30']],
    ] as const) {
      for (const inst of instances(unicast(example), d)) {
        assert.equal(value(inst, 'unicast_src_ip'), src, d);
        assert.deepEqual(
          inst.children!.find((c) => c.keyword === 'unicast_peer')!.children!.map((c) => c.keyword),
          [...peers],
          d,
        );
      }
    }
    const dir2 = instances(unicast(three), 'dir2')[0]!;
    assert.equal(value(dir2, 'unicast_src_ip'), '198.18.1.2');
    assert.deepEqual(
      dir2
        .children!.find((c) => c.keyword === 'unicast_peer')!
        .children!.map((c) => c.keyword)
        .sort(),
      ['198.18.1.1', '198.18.1.3'],
    );
    // multicast by default: no unicast keyword at all
    assert.equal(
      instances(example, 'lvs-dr').some((i) => has(i, 'unicast_src_ip') || has(i, 'unicast_peer')),
      false,
    );
  });

  it('nopreempt: every instance starts as BACKUP (keepalived ignores nopreempt on a MASTER start) and says nopreempt; priorities unchanged', () => {
    for (const d of ['lvs-dr', 'lvs-dr2']) {
      for (const inst of instances(nopreempt(example), d)) {
        assert.equal(value(inst, 'state'), 'BACKUP');
        assert.ok(has(inst, 'nopreempt'));
      }
    }
    assert.deepEqual(
      instances(nopreempt(example), 'lvs-dr').map((i) => value(i, 'priority')),
      instances(example, 'lvs-dr').map((i) => value(i, 'priority')),
    );
  });

  it('nopreempt: each instance also tracks its own handover switch (weight 1), so one VIP can be handed over alone; other clusters have none', () => {
    const conf = parsed(nopreempt(example), 'lvs-dr');
    for (const inst of instances(nopreempt(example), 'lvs-dr')) {
      const name = inst.values[0]!;
      const tracked = inst.children?.find((c) => c.keyword === 'track_file')?.children?.map((c) => c.keyword);
      assert.deepEqual(tracked, ['lvsp_handover', `lvsp_handover_${name}`]);
      const file = blocks(conf, 'track_file').find((b) => b.values[0] === `lvsp_handover_${name}`)!;
      assert.equal(value(file, 'file'), `/var/lib/lvs-play/switches/handover-${name}`);
      assert.equal(value(file, 'weight'), '1');
    }
    for (const c of [example, preemptDelay(example, 30)]) assert.doesNotMatch(renderKeepalivedConf(c, 'lvs-dr'), /lvsp_handover_/);
  });

  it('preempt_delay: BACKUP start too, the delay on every instance; garp settings rendered as given, absent ones left to keepalived', () => {
    for (const inst of instances(preemptDelay(example, 30), 'lvs-dr')) {
      assert.equal(value(inst, 'state'), 'BACKUP');
      assert.equal(value(inst, 'preempt_delay'), '30');
      assert.equal(has(inst, 'nopreempt'), false);
    }
    const g = instances(garp(example), 'lvs-dr')[0]!;
    assert.deepEqual(
      ['garp_master_delay', 'garp_master_repeat', 'garp_master_refresh'].map((k) => value(g, k)),
      ['1', '3', '60'],
    );
    assert.equal(
      ['garp_master_delay', 'garp_master_repeat', 'garp_master_refresh'].some((k) => has(instances(example, 'lvs-dr')[0]!, k)),
      false,
    );
  });
});

describe("renderKeepalivedConf: the operator's notify script (issue 13)", () => {
  const SCRIPT = '#!/bin/sh\nlogger -t vrrp "$2 is $3"\n';
  const withNotify = clusterOf('lab', (inv) => {
    inv.vrrp = { ...inv.vrrp, notify: { script: SCRIPT } };
  });

  it('every instance names the script; global_defs runs it as root with script security', () => {
    const nodes = parsed(withNotify, 'lvs-dr');
    for (const inst of blocks(nodes, 'vrrp_instance')) assert.equal(value(inst, 'notify'), NOTIFY_SCRIPT_PATH);
    const global = blocks(nodes, 'global_defs')[0]!;
    assert.equal(value(global, 'script_user'), 'root');
    assert.ok(has(global, 'enable_script_security'));
    // none of it without vrrp.notify
    assert.doesNotMatch(renderKeepalivedConf(clusterOf('lab'), 'lvs-dr'), /notify|script_user|enable_script_security/);
  });

  it('the script goes to each director as written, 0755, before keepalived.conf (whose check on the host needs it); real servers do not get it', () => {
    const files = hostFiles(withNotify, 'lvs-dr').map((f) => f.path);
    const script = hostFiles(withNotify, 'lvs-dr').find((f) => f.path === NOTIFY_SCRIPT_PATH)!;
    assert.deepEqual([script.content, script.mode], [SCRIPT, 0o755]);
    assert.ok(files.indexOf(NOTIFY_SCRIPT_PATH) < files.indexOf('/etc/keepalived/keepalived.conf'));
    assert.equal(
      hostFiles(withNotify, 'lvs01').some((f) => f.path === NOTIFY_SCRIPT_PATH),
      false,
    );
  });

  it('a notify file is read from beside the inventory; one that is missing or has no #! line is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsp-notify-'));
    try {
      writeFileSync(join(dir, 'notify.sh'), SCRIPT);
      writeFileSync(join(dir, 'plain.txt'), 'echo hi\n');
      const resolveWith = (file: string) => {
        const inv = inventoryJson('lab');
        inv.vrrp = { ...inv.vrrp, authentication: { type: 'PASS', password: 'pw' }, notify: { file } };
        return resolveInventory(inv, { baseDir: dir, env: {} });
      };
      assert.equal(resolveWith('notify.sh').vrrp.notify, SCRIPT);
      assert.throws(
        () => resolveWith('none.sh'),
        (e: InventoryError) =>
          /\/vrrp\/notify\/file: notify script .*none\.sh does not exist/.test(e.problems.map((p) => `${p.path}: ${p.message}`).join('\n')),
      );
      assert.throws(
        () => resolveWith('plain.txt'),
        (e: InventoryError) => /does not start with #!/.test(e.problems[0]!.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
