// The probe's parser on each tool's output, and its command for real with
// each tool (curl, python3, bash /dev/tcp) against a small HTTP server and a
// small HTTPS one with a self-signed certificate (as an SSL_GET service may
// have), all inside a throwaway network namespace: nothing leaves it.

import { strict as assert } from 'node:assert';
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { httpProbeFact, type ProbeTool, parseHttpProbe, probeUrl } from '../../lib/facts/http-probe.js';
import { pathWithOnly } from '../support/tools-path.js';

const exec = promisify(execFile);

describe('facts/http-probe', () => {
  it('reads curl -i output: status, and the body after the headers', () => {
    const out = 'tool curl\nHTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\nlvs01\n';
    assert.deepEqual(parseHttpProbe(out, 0), { tool: 'curl', status: 200, body: 'lvs01\n', error: null });
  });

  it("reads python3's and bash's output the same way, error statuses included", () => {
    assert.deepEqual(parseHttpProbe('tool python3\nHTTP/1.1 503\r\n\r\nbusy', 0), {
      tool: 'python3',
      status: 503,
      body: 'busy',
      error: null,
    });
    assert.deepEqual(parseHttpProbe('tool bash\nHTTP/1.0 404 Not Found\nContent-Length: 0\n\n', 0), {
      tool: 'bash',
      status: 404,
      body: '',
      error: null,
    });
  });

  it('says why no response came', () => {
    assert.deepEqual(parseHttpProbe('tool curl\ncurl: (7) Failed to connect to 198.18.0.100 port 80 after 0 ms: Connection refused\n', 7), {
      tool: 'curl',
      status: null,
      body: '',
      error: 'curl: (7) Failed to connect to 198.18.0.100 port 80 after 0 ms: Connection refused',
    });
    assert.equal(parseHttpProbe('tool bash\n\n', 124).error, 'no answer within 5 s');
    assert.equal(parseHttpProbe('tool bash\n', 1).error, 'exit 1');
    assert.equal(parseHttpProbe('tool none\n', 127).error, 'no curl, python3 or bash on the probe host');
  });

  it('builds URLs for IPv4 and IPv6, and quotes every value into the command', () => {
    assert.equal(probeUrl({ address: '198.18.0.100', port: 80, path: '/index.html' }), 'http://198.18.0.100:80/index.html');
    assert.equal(probeUrl({ address: '2001:db8::100', port: 8080, path: '/' }), 'http://[2001:db8::100]:8080/');
    assert.equal(probeUrl({ address: '198.18.0.100', port: 443, path: '/', tls: true }), 'https://198.18.0.100:443/');
    const f = httpProbeFact({ address: '198.18.0.100', port: 80, path: "/it's; rm -rf /" });
    assert.match(f.command, /'http:\/\/198\.18\.0\.100:80\/it'\\''s; rm -rf \/'/);
  });

  describe('its command, run in a network namespace with each tool', function () {
    this.timeout(30_000);
    const ns = `lvsplay-probe-${process.pid}`;
    let dir: string;
    let server: ChildProcess;
    let tlsServer: ChildProcess;

    /** A PATH holding only these programs (and what the command itself uses), so `command -v` finds exactly them. */
    const pathWith = (tools: string[]) => pathWithOnly(dir, ['head', 'cat', 'timeout', ...tools]);

    async function probe(tools: string[], port: number, path = '/index.html', tls = false) {
      const fact = httpProbeFact({ address: '198.18.0.100', port, path, tls });
      const r = await exec('ip', ['netns', 'exec', ns, 'env', '-i', `PATH=${pathWith(tools)}`, '/bin/sh', '-c', fact.command]).then(
        (x) => ({ stdout: x.stdout, code: 0 }),
        (e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }),
      );
      return fact.parse(r);
    }

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'lvsplay-probe-'));
      mkdirSync(join(dir, 'www'));
      writeFileSync(join(dir, 'www', 'index.html'), '<h1>lvs01</h1>\n');
      await exec('ip', ['netns', 'add', ns]);
      await exec('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      await exec('ip', ['-n', ns, 'addr', 'add', '198.18.0.100/32', 'dev', 'lo']);
      server = spawn(
        'ip',
        ['netns', 'exec', ns, '/usr/bin/python3', '-m', 'http.server', '8080', '--bind', '198.18.0.100', '--directory', join(dir, 'www')],
        { stdio: 'ignore' },
      );
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=probe-test',
          '-keyout',
          join(dir, 'key'),
          '-out',
          join(dir, 'crt'),
        ],
        { stdio: 'ignore' },
      );
      const https = [
        'import functools, http.server, ssl, sys',
        'h = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])',
        "s = http.server.HTTPServer(('198.18.0.100', 8443), h)",
        'c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
        'c.load_cert_chain(sys.argv[2], sys.argv[3])',
        's.socket = c.wrap_socket(s.socket, server_side=True)',
        's.serve_forever()',
      ].join('\n');
      tlsServer = spawn(
        'ip',
        ['netns', 'exec', ns, '/usr/bin/python3', '-c', https, join(dir, 'www'), join(dir, 'crt'), join(dir, 'key')],
        { stdio: 'ignore' },
      );
      for (let i = 0; i < 50; i++) {
        // until both listen
        const r = await probe(['curl'], 8080).catch(() => null);
        const t = await probe(['curl'], 8443, '/index.html', true).catch(() => null);
        if (r?.status === 200 && t?.status === 200) break;
        await new Promise((res) => setTimeout(res, 100));
      }
    });
    after(async () => {
      server?.kill('SIGTERM');
      tlsServer?.kill('SIGTERM');
      await exec('ip', ['netns', 'del', ns]).catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const tools of [['curl', 'python3', 'bash'], ['python3', 'bash'], ['bash']]) {
      const expected = tools[0] as ProbeTool;
      it(`uses ${expected} when it is the first of curl, python3, bash present: page, 404, refused`, async () => {
        const ok = await probe(tools, 8080);
        assert.deepEqual([ok.tool, ok.status, ok.error], [expected, 200, null]);
        assert.match(ok.body, /<h1>lvs01<\/h1>/);
        const missing = await probe(tools, 8080, '/nothing-here');
        assert.deepEqual([missing.tool, missing.status], [expected, 404]);
        const refused = await probe(tools, 8081);
        assert.equal(refused.tool, expected);
        assert.equal(refused.status, null);
        assert.ok(refused.error && refused.error.length > 0);
      });
    }

    it('over TLS (an SSL_GET service): curl and python3 get the page from a self-signed server; bash says it cannot', async () => {
      for (const tools of [
        ['curl', 'python3', 'bash'],
        ['python3', 'bash'],
      ]) {
        const r = await probe(tools, 8443, '/index.html', true);
        assert.deepEqual([r.tool, r.status, r.error], [tools[0], 200, null]);
        assert.match(r.body, /<h1>lvs01<\/h1>/);
      }
      const plain = await probe(['curl'], 8443, '/index.html');
      assert.notEqual(plain.status, 200, 'plain HTTP to the TLS port does not get the page');
      const bash = await probe(['bash'], 8443, '/index.html', true);
      assert.deepEqual(
        [bash.tool, bash.status, bash.error],
        ['bash', null, 'bash /dev/tcp cannot speak TLS (no curl or python3 on the probe host)'],
      );
    });

    it('says so when the host has none of them', async () => {
      const r = await probe([], 8080);
      assert.deepEqual([r.tool, r.status], ['none', null]);
    });
  });
});
