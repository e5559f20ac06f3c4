import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { resolveInventory } from '../../lib/inventory/resolve.js';
import { loadSshConfig, type SshConfigFile, sshConfigFor, sshConfigPath } from '../../lib/inventory/ssh-config.js';
import type { Host } from '../../lib/inventory/types.js';
import { example } from './fixtures.js';

describe('ssh config (~/.ssh/config, -F)', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'lvsp-sshconfig-'));
    env = { HOME: home, USER: 'op' };
    await mkdir(join(home, '.ssh', 'config.d'), { recursive: true });
    await writeFile(join(home, '.ssh', 'id_second'), 'not a key, only has to exist\n');
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  async function config(text: string, name = 'config'): Promise<SshConfigFile> {
    const path = join(home, '.ssh', name);
    await writeFile(path, text);
    return loadSshConfig(path, { required: true, env })!;
  }

  it("gives a Host block's settings, the first value of each keyword winning, then Host *", async () => {
    const file = await config(
      [
        'Host lvs-dr',
        '  HostName 10.0.0.30',
        '  User ops',
        '  Port 2222',
        '  IdentityFile ~/.ssh/id_missing',
        '  IdentityFile ~/.ssh/id_second',
        'Host lvs-*',
        '  User someone-else',
        '  ConnectTimeout 7',
        'Host *',
        '  StrictHostKeyChecking accept-new',
        '  UserKnownHostsFile ~/.ssh/known_one ~/.ssh/known_two',
        '  GlobalKnownHostsFile /etc/ssh/site_known_hosts',
      ].join('\n'),
    );
    assert.deepEqual(sshConfigFor(file, 'lvs-dr', '192.168.122.30', env), {
      hostName: '10.0.0.30',
      user: 'ops',
      port: 2222,
      identityFile: join(home, '.ssh', 'id_second'), // the first listed that exists, as ssh tries them in order
      connectTimeout: 7,
      strictHostKeyChecking: 'accept-new',
      userKnownHostsFiles: [join(home, '.ssh', 'known_one'), join(home, '.ssh', 'known_two')],
      globalKnownHostsFiles: ['/etc/ssh/site_known_hosts'],
    });
    assert.deepEqual(sshConfigFor(file, 'other', '192.168.122.50', env).hostName, undefined);
  });

  it('matches the inventory name first, then the address for what the name left unset', async () => {
    const file = await config(['Host lvs01', '  User byname', 'Host 192.168.122.*', '  User byaddress', '  Port 2200'].join('\n'));
    assert.deepEqual(sshConfigFor(file, 'lvs01', '192.168.122.10', env), { user: 'byname', port: 2200 });
    assert.deepEqual(sshConfigFor(file, 'lvs02', '192.168.122.20', env), { user: 'byaddress', port: 2200 });
  });

  it('expands %h, %n, %r, %d and %% as OpenSSH does', async () => {
    const file = await config(
      ['Host lvs-dr', '  HostName %h.mgmt.example', '  User deploy', '  IdentityFile %d/keys/%n-%r-%h%%'].join('\n'),
    );
    assert.deepEqual(sshConfigFor(file, 'lvs-dr', '192.168.122.30', env), {
      hostName: 'lvs-dr.mgmt.example',
      user: 'deploy',
      identityFile: join(home, 'keys', 'lvs-dr-deploy-lvs-dr.mgmt.example%'),
    });
  });

  it('reads ProxyJump hops in order, "none" as no jump, and refuses ProxyCommand', async () => {
    const file = await config(
      [
        'Host lvs-dr',
        '  ProxyJump ops@bastion1:2022,ssh://bastion2',
        'Host lvs-dr2',
        '  ProxyJump none',
        '  ProxyCommand ssh -W %h:%p bastion',
        'Host lvs01',
        '  ProxyCommand ssh -W %h:%p bastion',
      ].join('\n'),
    );
    assert.deepEqual(sshConfigFor(file, 'lvs-dr', '192.168.122.30', env).proxyJump, ['ops@bastion1:2022', 'bastion2']);
    assert.deepEqual(sshConfigFor(file, 'lvs-dr2', '192.168.122.40', env).proxyJump, []);
    assert.throws(
      () => sshConfigFor(file, 'lvs01', '192.168.122.10', env),
      (e: UserError) => /ProxyCommand .* for host lvs01 is not supported/.test(e.message) && /inventory/.test(e.hint ?? ''),
    );
  });

  it('refuses a bad value naming the file, the keyword, the host and the fix', async () => {
    const file = await config(['Host lvs-dr', '  Port twenty-two'].join('\n'), 'bad');
    assert.throws(
      () => sshConfigFor(file, 'lvs-dr', '192.168.122.30', env),
      (e: UserError) =>
        e instanceof UserError &&
        e.message.includes(join(home, '.ssh', 'bad')) &&
        /Port "twenty-two" for host lvs-dr is not a port number/.test(e.message) &&
        /override/.test(e.hint ?? ''),
    );
    const strict = await config(['Host *', '  StrictHostKeyChecking maybe'].join('\n'), 'bad2');
    assert.throws(() => sshConfigFor(strict, 'lvs-dr', '192.168.122.30', env), /StrictHostKeyChecking "maybe"/);
  });

  it('maps StrictHostKeyChecking: ask is yes, off is no (lvs-play then still refuses unknown keys)', async () => {
    for (const [value, want] of [
      ['yes', 'yes'],
      ['ask', 'yes'],
      ['accept-new', 'accept-new'],
      ['no', 'no'],
      ['off', 'no'],
    ]) {
      const file = await config(`Host *\n  StrictHostKeyChecking ${value}\n`, `strict-${value}`);
      assert.equal(sshConfigFor(file, 'lvs-dr', '192.168.122.30', env).strictHostKeyChecking, want, value);
    }
  });

  it('follows Include (relative to ~/.ssh, with a glob), splicing each file where the Include is', async () => {
    await writeFile(join(home, '.ssh', 'config.d', '10-lab'), 'Host lvs-dr\n  User fromfirst\n  Port 2201\n');
    await writeFile(join(home, '.ssh', 'config.d', '20-more'), 'Host lvs-dr\n  User fromsecond\n  ConnectTimeout 3\n');
    await writeFile(join(home, '.ssh', 'config.d', '.hidden'), 'Host lvs-dr\n  Port 9\n');
    const file = await config(['Include config.d/*', 'Host *', '  User fallback'].join('\n'), 'with-include');
    assert.deepEqual(sshConfigFor(file, 'lvs-dr', '192.168.122.30', env), { user: 'fromfirst', port: 2201, connectTimeout: 3 });
    assert.deepEqual(sshConfigFor(file, 'lvs01', '192.168.122.10', env), { user: 'fallback' });
  });

  it('skips an Include that names no file, as OpenSSH does, and names both files when one cannot be read', async () => {
    const skipped = await config(['Include no-such-file', 'Host lvs-dr', '  Port 2202'].join('\n'), 'include-missing');
    assert.deepEqual(sshConfigFor(skipped, 'lvs-dr', '192.168.122.30', env), { port: 2202 });
    await mkdir(join(home, '.ssh', 'a-folder'), { recursive: true });
    await assert.rejects(
      config('Include a-folder\n', 'include-folder'),
      (e: UserError) =>
        e instanceof UserError &&
        /ssh config ".*a-folder" \(included by ".*include-folder"\) is a directory/.test(e.message) &&
        /Include/.test(e.hint ?? ''),
    );
  });

  it('refuses an Include inside a Host block, and an Include of itself', async () => {
    await assert.rejects(
      config(['Host lvs-dr', '  Include other'].join('\n'), 'inner-include'),
      /Include inside "Host lvs-dr" is not supported/,
    );
    await assert.rejects(config('Include self-include\n', 'self-include'), /Includes nest deeper than 16/);
  });

  it('never runs a Match exec command (it counts as not matching)', async () => {
    const marker = join(home, 'exec-ran');
    const file = await config(
      [`Match exec "touch ${marker}"`, '  User fromexec', 'Match host lvs-dr', '  User frommatch'].join('\n'),
      'match',
    );
    assert.deepEqual(sshConfigFor(file, 'lvs-dr', '192.168.122.30', env), { user: 'frommatch' });
    assert.equal(existsSync(marker), false, 'the command ran');
  });

  it('takes -F (LVS_PLAY_SSH_CONFIG), "none", or an optional ~/.ssh/config', async () => {
    assert.deepEqual(sshConfigPath({ HOME: home }), { path: join(home, '.ssh', 'config'), required: false });
    assert.deepEqual(sshConfigPath({ HOME: home, LVS_PLAY_SSH_CONFIG: '~/x.conf' }), { path: join(home, 'x.conf'), required: true });
    assert.equal(sshConfigPath({ HOME: home, LVS_PLAY_SSH_CONFIG: 'none' }), null);
    assert.equal(loadSshConfig(join(home, 'absent'), { env }), null);
    assert.throws(
      () => loadSshConfig(join(home, 'absent'), { required: true, env }),
      (e: UserError) => /ssh config .*absent.* does not exist/.test(e.message) && /-F none/.test(e.hint ?? ''),
    );
  });

  describe('under the inventory (resolveInventory)', () => {
    const resolve = (inv: unknown, sshConfig: SshConfigFile) =>
      resolveInventory(inv as never, { baseDir: '/srv/inv', env, sshConfig }).hosts;
    const byName = (hosts: Host[], name: string) => hosts.find((h) => h.name === name)!;

    it('fills what the inventory leaves out; what the inventory says wins', async () => {
      const file = await config(
        ['Host lvs-dr lvs-dr2', '  HostName %h.mgmt', '  User ops', '  Port 2222', 'Host *', '  ConnectTimeout 4'].join('\n'),
        'under',
      );
      const inv = example();
      delete inv.ssh; // the example says user root, port 22 for every host
      inv.hosts[1].ssh = { user: 'root', port: 22 };
      const hosts = resolve(inv, file);
      assert.deepEqual(byName(hosts, 'lvs-dr').ssh, {
        user: 'ops',
        port: 2222,
        knownHosts: join(home, '.ssh', 'known_hosts'),
        hostName: 'lvs-dr.mgmt',
        connectTimeout: 4,
      });
      assert.deepEqual(byName(hosts, 'lvs-dr2').ssh, {
        user: 'root',
        port: 22,
        knownHosts: join(home, '.ssh', 'known_hosts'),
        hostName: 'lvs-dr2.mgmt',
        connectTimeout: 4,
      });
      assert.equal(byName(hosts, 'lvs-dr').address, '192.168.122.30', "the inventory address stays the host's address");
    });

    it('turns ProxyJump into jump hosts: an inventory host by name, others from the config, hop by hop', async () => {
      const file = await config(
        [
          'Host lvs01',
          '  ProxyJump lvs-dr',
          'Host lvs02',
          '  ProxyJump outer,inner',
          'Host inner',
          '  HostName 10.9.0.2',
          '  User jumper',
          '  IdentityFile ~/.ssh/id_second',
          'Host outer',
          '  HostName 10.9.0.1',
          '  Port 2022',
        ].join('\n'),
        'jumps',
      );
      const inv = example();
      inv.ssh = { identityFile: '/keys/lvs' };
      const hosts = resolve(inv, file);
      assert.equal(byName(hosts, 'lvs01').ssh.jumpHost, 'lvs-dr');
      const inner = byName(hosts, 'lvs02').ssh.jumpHost as Host;
      assert.equal(inner.name, 'inner');
      assert.equal(inner.address, '10.9.0.2');
      assert.deepEqual(
        { ...inner.ssh, jumpHost: undefined },
        {
          user: 'jumper',
          port: 22,
          hostName: '10.9.0.2',
          identityFile: join(home, '.ssh', 'id_second'),
          knownHosts: join(home, '.ssh', 'known_hosts'),
          jumpHost: undefined,
        },
      );
      const outer = inner.ssh.jumpHost as Host;
      assert.equal(outer.name, 'outer');
      assert.deepEqual(
        outer.ssh,
        { user: 'root', port: 2022, hostName: '10.9.0.1', identityFile: '/keys/lvs', knownHosts: join(home, '.ssh', 'known_hosts') },
        "a hop without its own IdentityFile borrows the target's key",
      );
    });

    it("keeps the inventory's jumpHost over the config's ProxyJump, and refuses a ProxyJump loop", async () => {
      const inv = example();
      inv.hosts[2].ssh = { jumpHost: 'lvs-dr2' };
      const file = await config(
        ['Host lvs01 lvs02', '  ProxyJump a', 'Host a', '  ProxyJump b', 'Host b', '  ProxyJump a'].join('\n'),
        'loop',
      );
      assert.throws(
        () => resolve(inv, file),
        (e: UserError) => /ProxyJump goes round in a circle: lvs02 -> a -> b -> a/.test(e.message),
      );
      const ok = await config(['Host lvs01 lvs02', '  ProxyJump lvs-dr'].join('\n'), 'noloop');
      const hosts = resolve(inv, ok);
      assert.equal(byName(hosts, 'lvs01').ssh.jumpHost, 'lvs-dr2');
      assert.equal(byName(hosts, 'lvs02').ssh.jumpHost, 'lvs-dr');
    });
  });
});
