// `schedule` warns about what the service will not have: the user's
// variables (VRRP password, key passphrase) and their ssh-agent.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../lib/inventory/load.js';
import { serviceEnvironmentWarnings } from '../../lib/schedule/environment.js';
import { repoRoot } from '../support/cli.js';

describe('schedule environment warnings', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-env-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const load = async (edit: (inv: any) => void, env: NodeJS.ProcessEnv = {}) => {
    const inv = JSON.parse(readFileSync(join(repoRoot, 'inventory/lab.json'), 'utf8'));
    edit(inv);
    const file = join(dir, 'inv.json');
    writeFileSync(file, JSON.stringify(inv));
    writeFileSync(join(dir, 'vrrp-pass'), 'pw\n');
    return loadInventory(file, { env });
  };

  it('none for the lab inventory: key files, password from a file', async () => {
    const { inventory, cluster } = await load((inv) => {
      inv.vrrp.authentication.passwordFile = 'vrrp-pass';
    });
    assert.deepEqual(serviceEnvironmentWarnings(inventory, cluster, undefined), []);
  });

  it('names the variables the service will not inherit, unless --env-file is given', async () => {
    const { inventory, cluster } = await load(
      (inv) => {
        inv.vrrp.authentication = { type: 'PASS', passwordEnv: 'LAB_VRRP_PASS' };
        inv.ssh.passphraseEnv = 'LAB_KEY_PASS';
      },
      { LAB_VRRP_PASS: 'pw', LAB_KEY_PASS: 'x' },
    );
    const w = serviceEnvironmentWarnings(inventory, cluster, undefined);
    assert.equal(w.length, 1);
    assert.match(w[0], /\$LAB_VRRP_PASS, \$LAB_KEY_PASS from the environment.*--env-file/);
    assert.deepEqual(serviceEnvironmentWarnings(inventory, cluster, '/etc/lvs-play/lab.env'), []);
  });

  it('names the hosts that would need an ssh-agent', async () => {
    const { inventory, cluster } = await load((inv) => {
      inv.vrrp.authentication.passwordFile = 'vrrp-pass';
      delete inv.ssh.identityFile;
      inv.hosts[0].ssh = { identityFile: '/root/.ssh/id_ed25519' };
    });
    const w = serviceEnvironmentWarnings(inventory, cluster, undefined);
    assert.deepEqual(w, [
      'no ssh.identityFile for lvs-dr2, lvs01, lvs02, client: the service has no ssh-agent (SSH_AUTH_SOCK), give a key file in the inventory',
    ]);
  });
});
