// The Node floor: the least any per-run Node program reading the same state
// over ssh2 can cost. It starts Node, loads ssh2, connects to every target
// at once, compares the host key with the one the bench looked up, runs the
// fact batch, reads its answer and exits. No inventory, no validation, no
// report: what stands between this and `lvs-play check` is lvs-play's own
// cost; what stands between this and the OpenSSH floor is Node's start and
// ssh2's loading, which no per-run Node program escapes.
//
// Plain CommonJS, so that no TypeScript loader adds to its start-up. Reads
// the targets as JSON on stdin (bench/node-floor.ts writes them) and works
// on at most CONCURRENCY hosts at once (all by default), as lvs-play's
// --forks; exits 1 naming the host when one fails.
//   node bench/node-ssh2-floor.cjs [CONCURRENCY] < targets.json
'use strict';
const { readFileSync } = require('node:fs');
const { Client } = require('ssh2');

/** @type {{ name: string, address: string, port: number, user: string, identityFile: string, hostKey: string, script: string }[]} */
const targets = JSON.parse(readFileSync(0, 'utf8'));

function fail(name, message) {
  process.stderr.write(`node-ssh2-floor: ${name}: ${message}\n`);
  process.exit(1);
}

/** One host: connect, run the batch, close; resolves when the connection is closed. */
function readHost(t) {
  return new Promise((resolve) => {
    const expected = Buffer.from(t.hostKey, 'base64');
    const client = new Client();
    client.on('error', (err) => fail(t.name, err.message));
    client.on('ready', () =>
      client.exec('sh -s', (err, stream) => {
        if (err) return fail(t.name, err.message);
        stream.on('data', () => {}); // the answer is read, not parsed
        stream.on('close', (code) => {
          if (code !== 0) fail(t.name, `the batch exited ${code}`);
          client.end();
        });
        stream.end(t.script);
      }),
    );
    client.on('close', resolve);
    client.connect({
      host: t.address,
      port: t.port,
      username: t.user,
      privateKey: readFileSync(t.identityFile),
      hostVerifier: (key) => key.equals(expected),
    });
  });
}

const concurrency = Number(process.argv[2] ?? targets.length);
let next = 0;
async function worker() {
  while (next < targets.length) await readHost(targets[next++]);
}
for (let i = 0; i < Math.min(concurrency, targets.length); i++) worker();
