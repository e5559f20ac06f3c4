// Issue 10, item 2: OpenSSH habits on the container lab (`npx tsc -p
// tsconfig.json` first). An inventory with no ssh settings at all is run
// with an OpenSSH client config (-F) that names its hosts by alias, gives
// their HostName, User, Port, IdentityFile and ConnectTimeout, keeps their
// keys in a GlobalKnownHostsFile only, and reaches the real servers through
// a jump host known only to the config (ProxyJump). Then StrictHostKeyChecking
// accept-new, for one host, records that host's key in UserKnownHostsFile.
// The lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../lib/inventory/load.js';
import { labRouteGuard } from '../../lib/lab/route.js';
import { ConnectionPool } from '../../lib/ssh/pool.js';
import { lvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { useLab } from '../support/lab.js';

const LAB_KNOWN_HOSTS = '/var/lib/lvs-play/lab/ssh/known_hosts';
const LAB_KEY = '/var/lib/lvs-play/lab/ssh/id_ed25519';
const GATEWAY = '198.18.0.50'; // the lab's client host, standing in as the bastion

describe('ssh config on the lab: aliases, ProxyJump, known_hosts files, accept-new (issue 10)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir: string;
  let inventory: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-sshconfig-lab-'));
    // the inventory says nothing about SSH: every setting comes from the config
    inventory = writeLabVariant(dir, 'lab.json', (inv) => {
      delete inv.ssh;
    });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A config naming every lab host by its inventory name, the real servers behind lab-gateway (an alias only the config knows). */
  function writeConfig(name: string, extra: { userKnownHosts: string; globalKnownHosts: string; lvs02?: string[] }): string {
    const lines = [
      ...(extra.lvs02 ? ['Host lvs02', ...extra.lvs02.map((l) => `  ${l}`)] : []),
      'Host lab-gateway',
      `  HostName ${GATEWAY}`,
      'Host lvs01 lvs02',
      '  ProxyJump lab-gateway',
      ...lab.hosts.flatMap((h) => [`Host ${h.name}`, `  HostName ${h.address}`]),
      'Host *',
      '  User root',
      '  Port 22',
      `  IdentityFile ${LAB_KEY}`,
      `  UserKnownHostsFile ${extra.userKnownHosts}`,
      `  GlobalKnownHostsFile ${extra.globalKnownHosts}`,
      '  StrictHostKeyChecking yes',
      '  ConnectTimeout 5',
    ];
    const file = join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('deploys and checks with every SSH setting from the config, the real servers through the jump host', async () => {
    const userKnownHosts = join(dir, 'user_known_hosts'); // never created: every key is in the "global" file
    const config = writeConfig('ssh_config', { userKnownHosts, globalKnownHosts: LAB_KNOWN_HOSTS });
    const deploy = await lvsPlay(['deploy', inventory, '-F', config]);
    assert.equal(deploy.code, 0, deploy.stdout + deploy.stderr);
    const check = await lvsPlay(['check', inventory, '--ssh-config', config]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.throws(() => readFileSync(userKnownHosts), /ENOENT/, 'no key was recorded');

    // where each session really came from: sshd's SSH_CONNECTION on the host names the client's address
    const { cluster } = await loadInventory(inventory, { env: { ...process.env, LVS_PLAY_SSH_CONFIG: config } });
    const pool = new ConnectionPool(cluster.hosts, { routeGuard: labRouteGuard() });
    try {
      const from = Object.fromEntries(
        await Promise.all(
          cluster.hosts.map(async (h) => {
            const r = await (await pool.get(h)).exec('echo "$SSH_CONNECTION"');
            return [h.name, r.stdout.split(' ')[0]] as const;
          }),
        ),
      );
      console.log(`      sessions came from: ${JSON.stringify(from)}`);
      assert.equal(from.lvs01, GATEWAY);
      assert.equal(from.lvs02, GATEWAY);
      for (const direct of ['lvs-dr', 'lvs-dr2', 'client']) assert.notEqual(from[direct], GATEWAY, direct);
    } finally {
      await pool.closeAll();
    }
  });

  it('refuses a host whose key no file has, then records it where StrictHostKeyChecking accept-new says', async () => {
    const lvs02 = lab.host('lvs02').address;
    const others = readFileSync(LAB_KNOWN_HOSTS, 'utf8')
      .split('\n')
      .filter((l) => l && l.split(/\s+/)[0] !== lvs02);
    const userKnownHosts = join(dir, 'user_known_hosts_without_lvs02');
    writeFileSync(userKnownHosts, `${others.join('\n')}\n`);
    const absent = join(dir, 'no_global_known_hosts');

    const strict = writeConfig('ssh_config_strict', { userKnownHosts, globalKnownHosts: absent });
    const refused = await lvsPlay(['check', inventory, '-F', strict]);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /lvs02: unknown host key for lvs02 \(198\.18\.0\.20:22\)/);

    const acceptNew = writeConfig('ssh_config_accept_new', {
      userKnownHosts,
      globalKnownHosts: absent,
      lvs02: ['StrictHostKeyChecking accept-new'],
    });
    const accepted = await lvsPlay(['check', inventory, '-F', acceptNew]);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.match(
      accepted.stderr,
      /^note: lvs02: host key ssh-ed25519 SHA256:\S+ was not known: recorded in .*user_known_hosts_without_lvs02 \(StrictHostKeyChecking accept-new in the ssh config\)$/m,
    );
    assert.equal(accepted.stderr.match(/^note: .* was not known/gm)?.length, 1, 'only lvs02 was recorded');
    const recorded = readFileSync(userKnownHosts, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(`${lvs02} `));
    assert.equal(recorded.length, 1, readFileSync(userKnownHosts, 'utf8'));
  });
});
