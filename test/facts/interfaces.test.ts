import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { interfacesFact, parseIpJsonInterfaces } from '../../lib/facts/interfaces.js';

const exec = promisify(execFile);

// `ip -j addr show` of a director holding its VIP (iproute2 6.1, Debian 12), trimmed.
const DIRECTOR = JSON.stringify([
  {
    ifindex: 1,
    ifname: 'lo',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    operstate: 'UNKNOWN',
    addr_info: [
      { family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host', label: 'lo' },
      { family: 'inet6', local: '::1', prefixlen: 128, scope: 'host' },
    ],
  },
  {
    ifindex: 2,
    link_index: 7,
    ifname: 'eth0',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    operstate: 'UP',
    addr_info: [
      { family: 'inet', local: '198.18.0.30', prefixlen: 24, broadcast: '198.18.0.255', scope: 'global', label: 'eth0' },
      { family: 'inet', local: '198.18.0.100', prefixlen: 32, scope: 'global', label: 'eth0' },
      { family: 'inet6', local: 'FE80::1', prefixlen: 64, scope: 'link' },
    ],
  },
  { ifindex: 3, ifname: 'eth1', flags: ['BROADCAST', 'MULTICAST'], operstate: 'DOWN', addr_info: [] },
]);

describe('facts/interfaces', () => {
  it('reads every interface with its addresses and whether it is up', () => {
    assert.deepEqual(parseIpJsonInterfaces(DIRECTOR), [
      {
        name: 'lo',
        up: true,
        addresses: [
          { address: '127.0.0.1', prefix: 8 },
          { address: '::1', prefix: 128 },
        ],
      },
      {
        name: 'eth0',
        up: true,
        addresses: [
          { address: '198.18.0.30', prefix: 24 },
          { address: '198.18.0.100', prefix: 32 },
          { address: 'fe80::1', prefix: 64 },
        ],
      },
      { name: 'eth1', up: false, addresses: [] },
    ]);
  });

  it('reads nothing as no interfaces and refuses a failed ip', () => {
    assert.deepEqual(parseIpJsonInterfaces(''), []);
    assert.throws(() => interfacesFact.parse({ stdout: '', code: 1 }), /exited 1/);
  });

  describe('its command in a throwaway network namespace', function () {
    this.timeout(20_000);
    const ns = `lvsplay-ifaces-${process.pid}`;
    before(async () => {
      await exec('ip', ['netns', 'add', ns]);
      await exec('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      await exec('ip', ['-n', ns, 'addr', 'add', '198.18.0.100/32', 'dev', 'lo']);
    });
    after(async () => {
      await exec('ip', ['netns', 'del', ns]).catch(() => undefined);
    });

    it('sees a VIP on lo as /32', async () => {
      const { stdout } = await exec('ip', ['netns', 'exec', ns, 'sh', '-c', interfacesFact.command]);
      const lo = interfacesFact.parse({ stdout, code: 0 }).find((i) => i.name === 'lo')!;
      assert.ok(
        lo.addresses.some((a) => a.address === '198.18.0.100' && a.prefix === 32),
        JSON.stringify(lo),
      );
    });
  });
});
