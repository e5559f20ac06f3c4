// The lab route guard's lookups through one long-lived `ip -batch` process
// (lib/lab/route-lookups.ts): the same answers as one `ip` process per
// lookup, a failed lookup told apart from the next one, a batch process that
// dies replaced by lookups of their own, and a process that keeps nothing
// alive once lvs-play is done. Real `ip` throughout; "no route" comes from
// an empty network namespace (unshare -n).

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tryRunDirect } from '../../lib/lab/local-command.js';
import { answerBeforeMarker, RouteLookups } from '../../lib/lab/route-lookups.js';

const LO = '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536}]';
const ROUTE = '[{"dst":"198.18.0.30","dev":"lvsp-br0","prefsrc":"198.18.0.1","flags":[],"uid":0,"cache":[]}]';
const ADDRESSES = ['127.0.0.1', '198.19.254.254', '203.0.113.7', '192.0.2.200', '::1', '2001:db8::1'];
const EMPTY_NETNS = ['unshare', '-n', 'ip', '-j', '-force', '-batch', '-'];

describe('route lookups through one ip -batch process', function () {
  this.timeout(30_000);

  describe('answerBeforeMarker (what the batch printed for one address)', () => {
    it('the lines before the marker are the answer', () => {
      assert.deepEqual(answerBeforeMarker(`${ROUTE}\n${LO}\n`, ''), { code: 0, stdout: `${ROUTE}\n`, stderr: '' });
    });

    it('no lines before the marker: no route, with the message ip printed and not its line counter', () => {
      assert.deepEqual(answerBeforeMarker(`${LO}\n`, 'RTNETLINK answers: Network is unreachable\nCommand failed -:1\n'), {
        code: 2,
        stdout: '',
        stderr: 'RTNETLINK answers: Network is unreachable',
      });
    });

    it('not yet: no marker, or a marker line still arriving', () => {
      assert.equal(answerBeforeMarker(`${ROUTE}\n`, ''), null);
      assert.equal(answerBeforeMarker(`${ROUTE}\n${LO.slice(0, 30)}`, ''), null);
      assert.equal(answerBeforeMarker('', ''), null);
    });
  });

  it('answers as one ip process per lookup does, for lookups asked all at once and one by one', async () => {
    const lookups = new RouteLookups();
    try {
      const expected = await Promise.all(ADDRESSES.map((a) => tryRunDirect('ip', ['-j', 'route', 'get', a])));
      const together = await Promise.all(ADDRESSES.map((a) => lookups.lookup(a)));
      const oneByOne = [];
      for (const a of ADDRESSES) oneByOne.push(await lookups.lookup(a));
      for (const [i, a] of ADDRESSES.entries()) {
        assert.equal(together[i]!.code, expected[i]!.code, a);
        assert.deepEqual(JSON.parse(together[i]!.stdout || 'null'), JSON.parse(expected[i]!.stdout || 'null'), a);
        assert.deepEqual(JSON.parse(oneByOne[i]!.stdout || 'null'), JSON.parse(expected[i]!.stdout || 'null'), a);
      }
      assert.ok(lookups.pid, 'one batch process answered them');
    } finally {
      lookups.close();
    }
  });

  it('with no route (an empty network namespace): exit code 2 and the message, and the next lookup is not confused', async () => {
    const lookups = new RouteLookups(EMPTY_NETNS);
    try {
      const [a, b] = await Promise.all([lookups.lookup('198.18.0.30'), lookups.lookup('127.0.0.1')]);
      for (const r of [a, b]) {
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /Network is unreachable/);
      }
      const oneShot = await tryRunDirect('unshare', ['-n', 'ip', '-j', 'route', 'get', '198.18.0.30']);
      assert.equal(oneShot.code, 2, 'the same code as ip run on its own there');
    } finally {
      lookups.close();
    }
  });

  it('the batch process killed: the lookups asked after it died run ip on their own', async () => {
    const lookups = new RouteLookups();
    await lookups.lookup('127.0.0.1');
    const pid = lookups.pid;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    const after = await Promise.all(['127.0.0.1', '203.0.113.7'].map((a) => lookups.lookup(a)));
    assert.deepEqual(
      after.map((r) => JSON.parse(r.stdout)[0].dst),
      ['127.0.0.1', '203.0.113.7'],
    );
    assert.equal(lookups.pid, undefined, 'no batch process any more');
  });

  it('an idle batch process keeps nothing alive: a program that looked up a route exits when it is done', async () => {
    const module = fileURLToPath(new URL('../../lib/lab/route-lookups.ts', import.meta.url));
    const script = `import { RouteLookups } from ${JSON.stringify(module)}; const r = await new RouteLookups().lookup('127.0.0.1'); console.log(r.code);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
    });
    assert.equal(stdout.trim(), '0');
  });
});
