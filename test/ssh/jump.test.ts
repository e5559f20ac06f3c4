import { strict as assert } from 'node:assert';
import { HostError } from '../../lib/errors.js';
import type { Host } from '../../lib/inventory/types.js';
import { parseJumpSpec, resolveJumpHost } from '../../lib/ssh/jump.js';

const host = (name: string, address: string, ssh: Partial<Host['ssh']> = {}): Host => ({
  name,
  address,
  groups: [],
  ssh: { user: 'deploy', port: 22, knownHosts: '/home/u/.ssh/known_hosts', identityFile: '/home/u/.ssh/id_ed25519', ...ssh },
});

describe('jump host', () => {
  it('parses user@host:port and its shorter forms', () => {
    assert.deepEqual(parseJumpSpec('admin@bastion.example:2200'), { user: 'admin', address: 'bastion.example', port: 2200 });
    assert.deepEqual(parseJumpSpec('bastion'), { address: 'bastion' });
    assert.deepEqual(parseJumpSpec('198.18.0.1:22'), { address: '198.18.0.1', port: 22 });
    assert.deepEqual(parseJumpSpec('ops@[fd00::1]:2222'), { user: 'ops', address: 'fd00::1', port: 2222 });
    for (const bad of ['', 'a b', 'u@', 'h:0', 'h:70000', 'fd00::1', 'u@h:p', '@h']) assert.equal(parseJumpSpec(bad), null, bad);
  });

  it('uses the inventory host of that name, with its own ssh settings', () => {
    const bastion = host('bastion', '198.18.0.1', { user: 'root', identityFile: '/k/bastion' });
    const web = host('web1', '198.18.0.10', { jumpHost: 'bastion' });
    assert.equal(resolveJumpHost(web, [bastion, web]), bastion);
  });

  it("builds a host from user@host:port, borrowing the target's key and known_hosts", () => {
    const web = host('web1', '198.18.0.10', { jumpHost: 'ops@198.18.0.1:2200', passphraseEnv: 'KEY_PASS' });
    assert.deepEqual(resolveJumpHost(web, [web]), {
      name: 'ops@198.18.0.1:2200',
      address: '198.18.0.1',
      groups: [],
      ssh: {
        user: 'ops',
        port: 2200,
        knownHosts: '/home/u/.ssh/known_hosts',
        identityFile: '/home/u/.ssh/id_ed25519',
        passphraseEnv: 'KEY_PASS',
      },
    });
    const noUser = resolveJumpHost(host('w', '198.18.0.11', { jumpHost: '198.18.0.1' }), []);
    assert.equal(noUser?.ssh.user, 'deploy');
    assert.equal(noUser?.ssh.port, 22);
  });

  it('has no jump host when none is set, and names the host when the setting is malformed', () => {
    assert.equal(resolveJumpHost(host('w', '198.18.0.11'), []), null);
    assert.throws(
      () => resolveJumpHost(host('w', '198.18.0.11', { jumpHost: 'not a host' }), []),
      (e: unknown) => e instanceof HostError && e.host === 'w' && /neither an inventory host nor user@host:port/.test(e.message),
    );
  });
});
