// lab up --max-containers on this machine: 9 hosts on 5 containers, the 4
// other real servers as aliases. Each alias is a host of its own to
// lvs-play: its own address, sshd, known_hosts line, run lock and files, so
// a deploy reaches all 9 and the next check finds them in sync. A later lab
// up without the option gives every host its container again. Takes the lab
// down at the start and at the end.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { farmInventory } from '../../bench/lab-farm.js';
import { labDown } from '../../lib/lab/down.js';
import { labFiles } from '../../lib/lab/paths.js';
import { labSsh } from '../../lib/lab/ssh.js';
import { labStatus } from '../../lib/lab/status.js';
import { labUp } from '../../lib/lab/up.js';
import { lvsPlay } from '../support/cli.js';
import { forgetLab, LAB_TIMEOUT_MS, labProgress } from '../support/lab.js';

describe('lab aliases: real servers past --max-containers', function () {
  this.timeout(LAB_TIMEOUT_MS);
  let dir: string;
  let inventory: string;
  const farm = farmInventory(6);
  const address = (name: string) => farm.hosts.find((h) => h.name === name)!.address;
  const run = async (name: string, command: string) => {
    const r = await labSsh(address(name), command);
    assert.equal(r.code, 0, `${name}: ${command}: ${r.stderr}`);
    return r.stdout.trim();
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-aliases-'));
    inventory = join(dir, 'farm.json');
    writeFileSync(inventory, JSON.stringify(farm));
    forgetLab();
    await labDown({ progress: labProgress });
  });
  after(async () => {
    await labDown({ progress: labProgress });
    rmSync(dir, { recursive: true, force: true });
  });

  it('boots 5 containers for 9 hosts; deploy reaches all 9 and the next check is in sync', async () => {
    const up = await labUp({ inventory, maxContainers: 5, progress: labProgress });
    assert.deepEqual(
      up.hosts.map((h) => h.name),
      ['lvs-dr', 'lvs-dr2', 'client', 'rs01', 'rs02'],
    );
    assert.deepEqual(
      up.aliases.map((a) => `${a.name}@${a.container}`),
      ['rs03@rs01', 'rs05@rs01', 'rs04@rs02', 'rs06@rs02'],
    );
    // one known_hosts line per inventory host; an alias's key is its container's
    const known = readFileSync(labFiles.knownHosts, 'utf8').trim().split('\n');
    assert.equal(known.length, 9);
    const keyOf = (name: string) =>
      known
        .find((l) => l.startsWith(`${address(name)} `))!
        .split(' ')
        .slice(1)
        .join(' ');
    assert.equal(keyOf('rs03'), keyOf('rs01'));
    assert.notEqual(keyOf('rs04'), keyOf('rs01'));

    const status = await labStatus({ inventory });
    assert.ok(status.up, JSON.stringify(status.hosts.filter((h) => !h.ssh)));
    assert.deepEqual(
      status.hosts.filter((h) => h.kind === 'alias').map((h) => `${h.name}@${h.aliasOf}`),
      ['rs03@rs01', 'rs04@rs02', 'rs05@rs01', 'rs06@rs02'],
    );

    // containers first (an alias shares its container's packages), then everyone
    const first = await lvsPlay(['deploy', inventory, '--limit', 'directors,clients,rs01,rs02']);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const all = await lvsPlay(['deploy', inventory]);
    assert.equal(all.code, 0, all.stdout + all.stderr);
    assert.match(all.stdout, /RECAP deploy .*: 8 host\(s\)/);
    const check = await lvsPlay(['check', inventory]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    console.log(`      ${check.stdout.split('\n').find((l) => l.startsWith('RECAP'))}`);

    // each alias has its own files (they name their host) on its container's system
    assert.equal(await run('rs03', 'hostname'), 'rs01');
    assert.equal(await run('rs03', 'head -n 1 /etc/chrony/chrony.conf'), '# chrony.conf of rs03');
    assert.equal(await run('rs01', 'head -n 1 /etc/chrony/chrony.conf'), '# chrony.conf of rs01');
    // and its own run lock: a lock held on rs01 does not hold rs03
    const locked = labSsh(address('rs01'), 'mkdir -p /run/lvs-play && flock /run/lvs-play/run.lock sleep 5');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await run('rs03', 'flock -n /run/lvs-play/run.lock true && echo free'), 'free');
    assert.equal((await labSsh(address('rs05'), 'flock -n /run/lvs-play/run.lock true')).code, 0);
    assert.equal((await labSsh(address('rs01'), 'flock -n /run/lvs-play/run.lock true')).code, 1, 'rs01 is held');
    await locked;
  });

  it('a lab up without --max-containers gives every host its own container and removes the aliases', async () => {
    const up = await labUp({ inventory, progress: labProgress });
    assert.equal(up.hosts.length, 9);
    assert.equal(up.aliases.length, 0);
    assert.equal(await run('rs01', 'ip -4 -o addr show dev eth0 label eth0:lvsp | wc -l'), '0');
    assert.equal(await run('rs01', "systemctl list-units --all --plain --no-legend 'lvs-play-lab-alias-*' | wc -l"), '0');
    assert.equal(await run('rs03', 'hostname'), 'rs03');
    assert.ok((await labStatus({ inventory })).hosts.every((h) => h.kind === 'container'));
  });
});
