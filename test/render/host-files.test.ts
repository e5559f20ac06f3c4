// Which files each host gets, with which mode and flags; determinism.

import { strict as assert } from 'node:assert';
import { UserError } from '../../lib/errors.js';
import type { Cluster } from '../../lib/inventory/types.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { RHEL_LAYOUT } from '../../lib/render/os-layout.js';
import { loadCluster } from './clusters.js';
import { noAuth } from './variants.js';

const list = (files: ReturnType<typeof hostFiles>) =>
  files.map(
    (f) => `${f.mode.toString(8).padStart(4, '0')} ${f.path}${f.secret ? ' secret' : ''}${f.validate ? ` validate=${f.validate}` : ''}`,
  );

describe('hostFiles', () => {
  let example: Cluster;
  before(async () => {
    example = await loadCluster('example');
  });

  it('gives a director sysctl, chrony, modules-load.d, keepalived.conf (secret, validated), /etc/default/keepalived and the switches folder', () => {
    assert.deepEqual(list(hostFiles(example, 'lvs-dr')), [
      '0644 /etc/sysctl.d/90-lvs-play.conf',
      '0644 /etc/chrony/chrony.conf',
      '0644 /etc/modules-load.d/lvs-play.conf',
      '0640 /etc/keepalived/keepalived.conf secret validate=keepalived',
      '0644 /etc/default/keepalived',
      '0644 /var/lib/lvs-play/switches/README',
    ]);
  });

  it('gives a real server sysctl, chrony and the dr-client script, VIP list and unit', () => {
    assert.deepEqual(list(hostFiles(example, 'lvs01')), [
      '0644 /etc/sysctl.d/90-lvs-play.conf',
      '0644 /etc/chrony/chrony.conf',
      '0755 /usr/local/sbin/lvs-play-dr-client',
      '0644 /etc/lvs-play/dr-client.vips',
      '0644 /etc/systemd/system/lvs-play-dr-client.service',
    ]);
  });

  it('gives a host of another group only sysctl and chrony', () => {
    const c = example;
    const extra = { ...c, hosts: [...c.hosts, { ...c.hosts[2], name: 'client1', address: '192.168.122.50', groups: ['clients'] }] };
    assert.deepEqual(list(hostFiles(extra, 'client1')), ['0644 /etc/sysctl.d/90-lvs-play.conf', '0644 /etc/chrony/chrony.conf']);
  });

  it('marks keepalived.conf secret only when it holds a password, and no other file is secret', () => {
    assert.equal(
      hostFiles(noAuth(example), 'lvs-dr').some((f) => f.secret),
      false,
    );
    for (const host of ['lvs01', 'lvs02'])
      assert.equal(
        hostFiles(example, host).some((f) => f.secret),
        false,
      );
    for (const f of [...hostFiles(example, 'lvs01'), ...hostFiles(example, 'lvs-dr')]) {
      if (!f.secret) assert.doesNotMatch(f.content, /1111/, f.path);
    }
  });

  it('throws a UserError listing the hosts for an unknown host', () => {
    assert.throws(
      () => hostFiles(example, 'lvs03'),
      (e: UserError) => e instanceof UserError && /lvs03/.test(e.message) && e.hint === 'hosts: lvs-dr, lvs-dr2, lvs01, lvs02',
    );
  });

  it("renders a host's files once per cluster: every task of a run gets the very same frozen list", async () => {
    const first = hostFiles(example, 'lvs-dr');
    assert.equal(hostFiles(example, 'lvs-dr'), first, 'the same list, not a second rendering');
    assert.ok(Object.isFrozen(first) && first.every((f) => Object.isFrozen(f)), 'shared, so no caller can change it');
    assert.notEqual(hostFiles(example, 'lvs-dr2'), first, 'each host its own');
    assert.notEqual(hostFiles(example, 'lvs-dr', RHEL_LAYOUT), first, 'each layout its own');
    const other = await loadCluster('example');
    other.vips[0]!.advertInterval = 7;
    const conf = (files: ReturnType<typeof hostFiles>) => files.find((f) => f.path === KEEPALIVED_CONF_PATH)!.content;
    assert.match(conf(hostFiles(other, 'lvs-dr')), /advert_int 7/, 'another cluster is rendered anew');
    assert.doesNotMatch(conf(first), /advert_int 7/);
  });

  it('is deterministic: the same inventory gives the same bytes, loaded once or twice', async () => {
    for (const which of ['example', 'threeDirectors', 'ipv6'] as const) {
      const a = await loadCluster(which);
      const b = await loadCluster(which);
      for (const h of a.hosts) {
        const first = JSON.stringify(hostFiles(a, h.name));
        assert.equal(JSON.stringify(hostFiles(a, h.name)), first, `${which} ${h.name} twice`);
        assert.equal(JSON.stringify(hostFiles(b, h.name)), first, `${which} ${h.name} reloaded`);
      }
    }
  });
});
