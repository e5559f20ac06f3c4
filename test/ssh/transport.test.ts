import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HostError } from '../../lib/errors.js';
import { labRouteGuard } from '../../lib/lab/route.js';
import { sh } from '../../lib/shell/quote.js';
import { fingerprint } from '../../lib/ssh/known-hosts.js';
import { type ConnectOptions, connect, type KeyFileCache, type Transport } from '../../lib/ssh/transport.js';
import { generateKey } from '../support/keys.js';
import { startAgent } from '../support/ssh-agent.js';
import { startSshd, type TestSshd } from '../support/sshd.js';

/** assert.rejects for HostErrors: the host named, the message matched */
async function rejectsHostError(p: Promise<unknown>, host: string, message: RegExp, hint?: RegExp): Promise<HostError> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof HostError, `expected a HostError, got ${String(caught)}`);
  assert.equal(caught.host, host);
  assert.match(caught.message, message);
  if (hint) assert.match(caught.hint ?? '', hint);
  return caught;
}

describe('ssh transport against a real sshd', function () {
  this.timeout(30_000);
  let sshd: TestSshd;
  let opts: ConnectOptions;
  const open: Transport[] = [];
  const track = async (p: Promise<Transport>) => {
    const t = await p;
    open.push(t);
    return t;
  };

  before(async () => {
    sshd = await startSshd({ ports: [22, 2222] });
    opts = { routeGuard: labRouteGuard({ allowedDevices: [sshd.device!] }), env: {} }; // env: no SSH_AUTH_SOCK unless a test gives one
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });
  after(async () => {
    await sshd?.stop();
  });

  describe('exec', () => {
    let t: Transport;
    before(async () => {
      t = await connect(sshd.host({ name: 'web1' }), opts);
    });
    after(async () => {
      await t?.close();
    });

    it('returns stdout, stderr and the exit code', async () => {
      assert.deepEqual(await t.exec('echo out; echo err >&2; exit 3'), { code: 3, stdout: 'out\n', stderr: 'err\n' });
      assert.deepEqual(await t.exec('id -u'), { code: 0, stdout: '0\n', stderr: '' });
    });

    it('feeds stdin, and ends it when there is none', async () => {
      const text = "line 1\nit's $(not run)\n\u00e9\u65e5\n";
      assert.equal((await t.exec('cat', { stdin: text })).stdout, text);
      assert.equal((await t.exec('wc -c', { stdin: Buffer.from([0, 1, 2, 255]) })).stdout.trim(), '4');
      assert.deepEqual(await t.exec('cat'), { code: 0, stdout: '', stderr: '' }, 'cat gets EOF at once');
    });

    it('runs commands built with sh`` with every value intact', async () => {
      const values = ["it's", '$(id)', '`id`', 'a  b', '*', '-n', '', 'new\nline', '日本'];
      const r = await t.exec(sh`printf '%s\\0' ${values}`);
      assert.deepEqual(r.stdout.split('\0').slice(0, -1), values);
    });

    it('reports a command killed by a signal', async () => {
      assert.deepEqual(await t.exec('kill -TERM $$'), { code: 143, signal: 'SIGTERM', stdout: '', stderr: '' });
    });

    it('gives up on a command after timeoutMs, and the connection goes on', async () => {
      await rejectsHostError(t.exec('sleep 20', { timeoutMs: 300 }), 'web1', /^web1: a command on web1 did not finish within 0\.3 s$/);
      assert.equal((await t.exec('echo still here')).stdout, 'still here\n');
    });

    it('runs 30 commands at once over one connection: the 11th waits instead of failing', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => t.exec(`sleep 0.2; echo ${i}`)));
      assert.deepEqual(
        results.map((r) => r.stdout),
        Array.from({ length: 30 }, (_, i) => `${i}\n`),
      );
    });

    it('opens a session sshd refused for a moment on a retry (12 channels against MaxSessions 10, each freed within 0.2 s)', async () => {
      const over = await track(connect(sshd.host({ name: 'web1' }), { ...opts, maxChannels: 12 }));
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) => over.exec(`sleep 0.2; echo ${i}`)));
      assert.deepEqual(
        results.map((r) => r.stdout),
        Array.from({ length: 24 }, (_, i) => `${i}\n`),
      );
    });

    it('(the control) without that bound, sshd refuses sessions beyond its MaxSessions 10', async () => {
      const unbounded = await track(connect(sshd.host({ name: 'web1' }), { ...opts, maxChannels: 30, sessionOpenRetries: 0 }));
      const results = await Promise.allSettled(Array.from({ length: 30 }, () => unbounded.exec('sleep 0.5')));
      const failed = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
      assert.ok(failed.length >= 20, `only ${failed.length} of 30 were refused`);
      assert.ok(
        failed.every((e) => e instanceof HostError && /^web1: cannot open a session on web1: /.test(e.message)),
        failed[0]?.message,
      );
    });
  });

  describe('host keys', () => {
    it('refuses an unknown host key, naming host, address and fingerprint, and records nothing', async () => {
      const knownHosts = join(sshd.dir, 'kh-empty');
      await rejectsHostError(
        connect(sshd.host({ name: 'dir1', ssh: { knownHosts } }), opts),
        'dir1',
        new RegExp(
          `^dir1: unknown host key for dir1 \\(${sshd.address}:22\\), fingerprint ${escapeRegExp(fingerprint(sshd.hostKey.blob))} \\(ssh-ed25519\\)$`,
        ),
        new RegExp(`verify it, then run again with --accept-new-host-keys \\(records it in ${escapeRegExp(knownHosts)}\\)`),
      );
      await assert.rejects(readFile(knownHosts), { code: 'ENOENT' });
    });

    it('with acceptNewHostKeys, records the key; the next connection matches it without the flag', async () => {
      const knownHosts = join(sshd.dir, 'kh-accept');
      const t = await track(connect(sshd.host({ name: 'dir1', ssh: { knownHosts } }), { ...opts, acceptNewHostKeys: true }));
      assert.equal((await t.exec('echo ok')).stdout, 'ok\n');
      assert.equal(await readFile(knownHosts, 'utf8'), `${sshd.knownHostsLine()}\n`);
      const again = await track(connect(sshd.host({ name: 'dir1', ssh: { knownHosts } }), opts));
      assert.equal((await again.exec('echo again')).stdout, 'again\n');
    });

    it('refuses a changed host key, even with acceptNewHostKeys, printing both fingerprints', async () => {
      const impostor = await generateKey(sshd.dir, 'impostor-host-key');
      const knownHosts = join(sshd.dir, 'kh-changed');
      await writeFile(knownHosts, `${sshd.address} ${impostor.publicLine}\n`);
      const e = await rejectsHostError(
        connect(sshd.host({ name: 'dir1', ssh: { knownHosts } }), { ...opts, acceptNewHostKeys: true }),
        'dir1',
        /^dir1: host key for dir1 \(198\.19\.\d+\.2:22\) has CHANGED/,
        /ssh-keygen -R 198\.19\.\d+\.2 -f /,
      );
      assert.ok(e.message.includes(`offers ssh-ed25519 ${fingerprint(sshd.hostKey.blob)}`), e.message);
      assert.ok(e.message.includes(`known_hosts has ssh-ed25519 ${fingerprint(impostor.blob)}`), e.message);
      assert.equal(await readFile(knownHosts, 'utf8'), `${sshd.address} ${impostor.publicLine}\n`, 'left as it was');
    });

    it('checks [host]:port entries off port 22, and does not take the port-22 entry for them', async () => {
      const bracketed = join(sshd.dir, 'kh-2222');
      await writeFile(bracketed, `${sshd.knownHostsLine(2222)}\n`);
      const t = await track(connect(sshd.host({ name: 'alt', ssh: { port: 2222, knownHosts: bracketed } }), opts));
      assert.equal((await t.exec('echo 2222')).stdout, '2222\n');

      const plainOnly = join(sshd.dir, 'kh-22-only');
      await writeFile(plainOnly, `${sshd.knownHostsLine(22)}\n`);
      await rejectsHostError(
        connect(sshd.host({ name: 'alt', ssh: { port: 2222, knownHosts: plainOnly } }), opts),
        'alt',
        /unknown host key for alt \(198\.19\.\d+\.2:2222\)/,
      );
    });
  });

  describe('authentication', () => {
    it('names host and key file when the key is not accepted', async () => {
      const stranger = await generateKey(sshd.dir, 'stranger');
      await rejectsHostError(
        connect(sshd.host({ name: 'web2', ssh: { identityFile: stranger.privateFile } }), opts),
        'web2',
        new RegExp(`^web2: authentication failed for root@web2 with key ${escapeRegExp(stranger.privateFile)}$`),
        /authorized_keys on web2/,
      );
    });

    it('names host and file when the key file is missing', async () => {
      await rejectsHostError(
        connect(sshd.host({ name: 'web2', ssh: { identityFile: '/nonexistent/id_ed25519' } }), opts),
        'web2',
        /cannot read private key \/nonexistent\/id_ed25519 for root@web2: ENOENT/,
      );
    });

    it("reads a key file once for all the connections that share its cache (a pool's), and not again", async () => {
      const shared = await generateKey(sshd.dir, 'shared');
      await sshd.authorize(shared.publicLine);
      const host = sshd.host({ name: 'web5', ssh: { identityFile: shared.privateFile } });
      const keyFiles: KeyFileCache = new Map();
      await (await track(connect(host, { ...opts, keyFiles }))).close();
      await rename(shared.privateFile, `${shared.privateFile}.moved`);
      const t = await track(connect(host, { ...opts, keyFiles }));
      assert.equal((await t.exec('echo again')).stdout, 'again\n', 'the second connection used the key as first read');
      await rejectsHostError(connect(host, opts), 'web5', /cannot read private key .*shared for root@web5: ENOENT/);
    });

    it("reads a key's passphrase from the variable ssh.passphraseEnv names, and says when it is wrong or unset", async () => {
      const locked = await generateKey(sshd.dir, 'locked', 'ed25519', 'correct horse');
      await sshd.authorize(locked.publicLine);
      const host = sshd.host({ name: 'web3', ssh: { identityFile: locked.privateFile, passphraseEnv: 'LVSP_KEY_PASS' } });
      const t = await track(connect(host, { ...opts, env: { LVSP_KEY_PASS: 'correct horse' } }));
      assert.equal((await t.exec('echo unlocked')).stdout, 'unlocked\n');
      await rejectsHostError(
        connect(host, { ...opts, env: { LVSP_KEY_PASS: 'wrong' } }),
        'web3',
        new RegExp(`wrong passphrase for private key ${escapeRegExp(locked.privateFile)} \\(from \\$LVSP_KEY_PASS\\)`),
      );
      await rejectsHostError(connect(host, { ...opts, env: {} }), 'web3', /read from \$LVSP_KEY_PASS, which is not set/);
      await rejectsHostError(
        connect(sshd.host({ name: 'web3', ssh: { identityFile: locked.privateFile } }), opts),
        'web3',
        /private key .*locked is encrypted and no passphrase was given/,
        /passphraseEnv/,
      );
    });

    it('authenticates with the keys of ssh-agent (SSH_AUTH_SOCK), with no key file', async () => {
      const agent = await startAgent(sshd.dir);
      try {
        await agent.add(sshd.clientKey.privateFile);
        const host = sshd.host({ name: 'web4', ssh: { identityFile: undefined } });
        const t = await track(connect(host, { ...opts, env: { SSH_AUTH_SOCK: agent.socket } }));
        assert.equal((await t.exec('echo agent')).stdout, 'agent\n');
        await t.close();
        await rejectsHostError(connect(host, opts), 'web4', /no SSH credentials for root@web4/, /ssh-agent/);
      } finally {
        await agent.stop();
      }
    });
  });

  describe('sudo for a non-root user', () => {
    it('runs commands as root through sudo -n by default, as the user when sudo is false', async () => {
      const t = await track(connect(sshd.host({ name: 'rs1', ssh: { user: 'lvsp' } }), opts));
      assert.equal((await t.exec('id -u')).stdout, '0\n');
      assert.equal((await t.exec('id -u', { sudo: false })).stdout, '64100\n');
      assert.equal((await t.exec(sh`printf %s ${"it's $(x)"}`)).stdout, "it's $(x)", 'quoting survives the extra sh -c');
      assert.equal((await t.exec('cat', { stdin: 'through sudo' })).stdout, 'through sudo');
      assert.equal((await t.exec('exit 7')).code, 7);
    });

    it('says clearly when sudo wants a password', async () => {
      const t = await track(connect(sshd.host({ name: 'rs2', ssh: { user: 'lvsp-pw' } }), opts));
      await rejectsHostError(t.exec('id -u'), 'rs2', /^rs2: sudo needs a password on rs2: allow NOPASSWD for lvsp-pw$/, /NOPASSWD/);
      assert.equal((await t.exec('id -u', { sudo: false })).stdout, '64101\n');
    });
  });

  describe('unreachable hosts', () => {
    it('reports a refused connection', async () => {
      await rejectsHostError(
        connect(sshd.host({ name: 'down1', ssh: { port: 23 } }), opts),
        'down1',
        /^down1: cannot connect to down1 \(198\.19\.\d+\.2:23\): connection refused/,
      );
    });

    it('reports an address where no host answers', async () => {
      const host = { ...sshd.host({ name: 'down2' }), address: sshd.unusedAddress };
      await rejectsHostError(connect(host, opts), 'down2', /^down2: cannot connect to down2 \(198\.19\.\d+\.3:22\): no route to host/);
    });

    it('reports a host whose packets vanish, after connectTimeoutMs', async () => {
      const host = { ...sshd.host({ name: 'down3' }), address: sshd.droppedAddress };
      await rejectsHostError(
        connect(host, { ...opts, connectTimeoutMs: 800 }),
        'down3',
        /^down3: cannot connect to down3 \(198\.19\.\d+\.5:22\): no answer within 0\.8 s/,
      );
    });

    it('refuses a lab address that is not routed through an allowed lab device, before sending anything', async () => {
      await rejectsHostError(
        connect(sshd.host({ name: 'web5' }), { routeGuard: labRouteGuard(), env: {} }),
        'web5',
        new RegExp(`^web5: cannot connect to web5 \\(${escapeRegExp(sshd.address)}:22\\): .*routed via ${sshd.device}\\b.*lvsp-br0`),
      );
    });

    it('with no route guard given, refuses every address of 198.18.0.0/15 outright (a forgotten guard cannot let lab traffic through)', async () => {
      await rejectsHostError(
        connect(sshd.host({ name: 'web6' }), { env: {} }),
        'web6',
        /^web6: cannot connect to web6 \(198\.1[89]\.[\d.]+:22\): refusing to contact .* no route guard was given/,
      );
    });
  });

  describe('a lost connection', () => {
    it('fails the commands in flight and the ones after, naming the host', async () => {
      const t = await track(connect(sshd.host({ name: 'web6' }), opts));
      const long = t.exec('sleep 20');
      // the command's parent is this connection's sshd process
      await rejectsHostError(t.exec('kill -9 $PPID; sleep 5'), 'web6', /web6/);
      await rejectsHostError(long, 'web6', /^web6: connection to web6 lost.* while a command was running$/);
      await rejectsHostError(t.exec('echo late'), 'web6', /^web6: connection to web6 lost/);
    });
  });

  describe('keepalive', () => {
    it('notices a host that stopped answering and fails its command, naming the host', async () => {
      const lonely = await startSshd();
      try {
        const t = await connect(lonely.host({ name: 'web7' }), {
          ...opts,
          routeGuard: labRouteGuard({ allowedDevices: [lonely.device!] }),
          keepaliveMs: 200,
        });
        const pending = t.exec('sleep 30');
        await t.exec('true');
        // cut the wire inside the namespace: no RST, no FIN, just silence
        await promisify(execFile)('ip', ['-n', lonely.netns, 'link', 'set', 'eth0', 'down']);
        await rejectsHostError(pending, 'web7', /^web7: connection to web7 lost: Keepalive timeout while a command was running$/);
        await t.close();
      } finally {
        await lonely.stop();
      }
    });
  });

  describe('a jump host', () => {
    let inner: TestSshd;
    before(async () => {
      inner = await startSshd({ behind: sshd });
    });
    after(async () => {
      await inner?.stop();
    });

    it('reaches a host the control machine has no route to, through the jump host', async () => {
      const target = inner.host({ name: 'rs9' });
      await rejectsHostError(connect(target, opts), 'rs9', /^rs9: cannot connect to rs9 \(198\.19\.\d+\.2:22\): .*routed via (?!lvsp-t)/);
      const bastion = await track(connect(sshd.host({ name: 'bastion' }), opts));
      const t = await track(connect(target, { ...opts, jump: bastion }));
      const r = await t.exec('ip -4 -o addr show dev eth0');
      assert.match(r.stdout, new RegExp(`inet ${escapeRegExp(inner.address)}/24`));
      assert.equal((await bastion.exec('echo bastion')).stdout, 'bastion\n', 'the jump connection goes on serving its own commands');
    });

    it("checks the target's host key too, naming the target", async () => {
      const bastion = await track(connect(sshd.host({ name: 'bastion' }), opts));
      await rejectsHostError(
        connect(inner.host({ name: 'rs9', ssh: { knownHosts: join(inner.dir, 'kh-none') } }), { ...opts, jump: bastion }),
        'rs9',
        /unknown host key for rs9/,
      );
    });

    it('names the target when the jump host cannot reach it', async () => {
      const bastion = await track(connect(sshd.host({ name: 'bastion' }), opts));
      const target = { ...inner.host({ name: 'rs8' }), ssh: { ...inner.host().ssh, port: 23 } };
      await rejectsHostError(
        connect(target, { ...opts, jump: bastion }),
        'rs8',
        /^rs8: cannot connect to rs8 \(198\.19\.\d+\.2:23\) through jump host bastion: /,
      );
    });
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
