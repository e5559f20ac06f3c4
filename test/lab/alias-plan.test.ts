// lab up --max-containers, pure: which hosts get a container and which real
// servers ride on them as aliases, and the script that sets aliases up on a
// container (checked by sh -n). No lab, no root needed.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { aliasSetupScript, aliasUnit } from '../../lib/lab/alias-sshd.js';
import { planAliases } from '../../lib/lab/aliases.js';
import type { LabHost } from '../../lib/lab/inventory.js';

const farm = (realServers: number): LabHost[] => [
  { name: 'lvs-dr', address: '198.18.0.30', groups: ['directors'] },
  { name: 'lvs-dr2', address: '198.18.0.40', groups: ['directors'] },
  ...Array.from({ length: realServers }, (_, i) => ({ name: `rs${i + 1}`, address: `198.18.0.${150 + i}`, groups: ['realservers'] })),
  { name: 'client', address: '198.18.0.50', groups: ['clients'] },
];

describe('lab aliases: the plan', () => {
  it('gives every host a container while they fit, or without --max-containers', () => {
    for (const max of [undefined, 9, 20]) {
      const plan = planAliases(farm(6), max);
      assert.deepEqual(
        plan.containers.map((h) => h.name),
        farm(6).map((h) => h.name),
      );
      assert.equal(plan.aliases.size, 0);
    }
  });

  it('past the limit keeps directors and clients as containers and spreads the other real servers over the first ones in turn', () => {
    const plan = planAliases(farm(7), 5);
    assert.deepEqual(
      plan.containers.map((h) => h.name),
      ['lvs-dr', 'lvs-dr2', 'rs1', 'rs2', 'client'],
    );
    assert.deepEqual(Object.fromEntries([...plan.aliases].map(([c, hs]) => [c, hs.map((h) => h.name)])), {
      rs1: ['rs3', 'rs5', 'rs7'],
      rs2: ['rs4', 'rs6'],
    });
  });

  it('400 real servers on 19 containers: 16 carry 24 aliases each', () => {
    const plan = planAliases(farm(400), 19);
    assert.equal(plan.containers.length, 19);
    assert.deepEqual(
      [...plan.aliases.values()].map((a) => a.length),
      Array(16).fill(24),
    );
  });

  it('refuses a limit that leaves no container for the real servers, naming the least that works', () => {
    assert.throws(
      () => planAliases(farm(4), 3),
      (e: Error & { hint?: string }) =>
        /--max-containers 3 is too few: the 3 hosts outside group "realservers" need a container each/.test(e.message) &&
        /give --max-containers 4 or more/.test(e.hint ?? ''),
    );
  });
});

describe('lab aliases: the container side', () => {
  it('is valid sh, one unit and one labelled /32 per alias, each sshd with its own copies and lock folder', () => {
    const script = aliasSetupScript('198.18.0.150', ['198.18.1.1', '198.18.1.2']);
    execFileSync('sh', ['-n'], { input: script });
    for (const a of ['198.18.1.1', '198.18.1.2']) {
      assert.match(script, new RegExp(`ip addr add ${a.replaceAll('.', '\\.')}/32 dev eth0 label eth0:lvsp`));
      assert.match(script, new RegExp(`--unit=${aliasUnit(a)} --property=TemporaryFileSystem=/run/lvs-play`));
      assert.match(script, new RegExp(`/var/lib/lvs-play-lab-aliases/${a.replaceAll('.', '\\.')}/etc/chrony:/etc/chrony`));
    }
    assert.equal(aliasUnit('198.18.1.2'), 'lvs-play-lab-alias-198-18-1-2');
    assert.match(script, /ListenAddress 198\.18\.0\.150/);
  });

  it('with no aliases only removes what an earlier lab up set up', () => {
    const script = aliasSetupScript('198.18.0.150', []);
    execFileSync('sh', ['-n'], { input: script });
    assert.doesNotMatch(script, /systemd-run|ip addr add/);
    assert.match(script, /systemctl stop/);
    assert.match(script, /rm -f \/etc\/ssh\/sshd_config\.d\/lvs-play-lab-listen\.conf; systemctl restart ssh/);
  });
});
