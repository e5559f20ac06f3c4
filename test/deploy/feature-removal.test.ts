// On the container lab (`npx tsc -p tsconfig.json` first): a feature the
// inventory drops leaves nothing behind on the directors. A deploy with a
// fwmark service (issue 14) and a notify script (issue 13) puts the nftables
// table, its ruleset and unit, and the script in place; the same cluster
// without them is then drift that check predicts step by step (exit 2), and
// one deploy removes every piece, after which check is in sync (exit 0). A
// failing run in the middle of the removal puts every removed file back.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../lib/inventory/types.js';
import { lvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const RULESET = '/etc/lvs-play/fwmark.nft';
const UNIT_FILE = '/etc/systemd/system/lvs-play-fwmark.service';
const NOTIFY = '/etc/keepalived/lvs-play-notify';
const everything = [`file ${RULESET}`, `file ${UNIT_FILE}`, `file ${NOTIFY}`, 'enabled', 'active', 'table'];

/** VIP 1 also serves TCP 8080 and 8081 as fwmark 15, and every state change runs a notify script. */
const withFeatures = (inv: Inventory) => {
  inv.vips[1]!.services.push({
    fwmark: 15,
    ports: [8080, 8081],
    healthCheck: { type: 'TCP_CHECK', port: 8080 },
    realServers: [{ host: 'lvs01' }, { host: 'lvs02' }],
  } as Inventory['vips'][number]['services'][number]);
  inv.vrrp = { ...inv.vrrp, notify: { script: '#!/bin/sh\nexit 0\n' } };
};

/** What a director holds of the two features, in one round trip. */
const leftovers = (lab: ReturnType<typeof useLab>, director: string) =>
  lab.run(
    director,
    [
      `for f in ${RULESET} ${UNIT_FILE} ${NOTIFY}; do [ -e "$f" ] && echo "file $f"; done`,
      'systemctl is-enabled -q lvs-play-fwmark.service 2>/dev/null && echo enabled',
      'systemctl is-active -q lvs-play-fwmark.service && echo active',
      'nft list table ip lvs_play_fwmark >/dev/null 2>&1 && echo table',
      'true',
    ].join('; '),
  );

describe('a feature dropped from the inventory leaves nothing on the directors (fwmark services, notify script)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir: string;
  let featured: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-removal-'));
    featured = writeLabVariant(dir, 'features.json', withFeatures);
    const d = await lvsPlay(['deploy', featured]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
  });
  after(async () => {
    const back = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    rmSync(dir, { recursive: true, force: true });
  });

  it('deployed: each director has the ruleset, the unit (enabled, active), the table and the notify script', async () => {
    for (const d of DIRECTORS) {
      assert.deepEqual((await leftovers(lab, d)).trim().split('\n'), everything, d);
    }
  });

  it('a deploy that fails after the fwmark removal (keepalived.conf cannot be written) puts every removed piece back', async () => {
    // /etc/keepalived read-only: the keepalived task, after the fwmark task, cannot write its new config
    await lab.run('lvs-dr', 'mount --bind /etc/keepalived /etc/keepalived && mount -o remount,ro,bind /etc/keepalived');
    try {
      const d = await lvsPlay(['deploy', INVENTORY, '--limit', 'lvs-dr']);
      const said = (d.stdout + d.stderr).split('\n').filter((l) => /Read-only|rolled back|restore /.test(l));
      for (const l of said) console.log(`      ${l.trim()}`);
      assert.equal(d.code, 1, d.stdout + d.stderr);
      assert.match(d.stdout + d.stderr, /Read-only file system/);
    } finally {
      await lab.run('lvs-dr', 'umount /etc/keepalived');
    }
    assert.deepEqual((await leftovers(lab, 'lvs-dr')).trim().split('\n'), everything);
  });

  it('without them: check predicts every removal (exit 2), deploy removes them all, check is then in sync (exit 0)', async () => {
    const check = await lvsPlay(['check', INVENTORY]);
    assert.equal(check.code, 2, check.stdout + check.stderr);
    for (const line of [
      'lvs-play-fwmark.service running with no fwmark service in the inventory',
      `${UNIT_FILE}: left over`,
      `${RULESET}: left over`,
      `${NOTIFY}: left over, no vrrp.notify in the inventory`,
    ])
      assert.ok(check.stdout.includes(line), `check names "${line}":\n${check.stdout}`);
    const d = await lvsPlay(['deploy', INVENTORY]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    for (const director of DIRECTORS) assert.equal((await leftovers(lab, director)).trim(), '', `${director} keeps nothing`);
    const again = await lvsPlay(['check', INVENTORY]);
    assert.equal(again.code, 0, again.stdout + again.stderr);
  });
});
