// Issue 12, item 8: command-line paths no other test ran through the built
// CLI, on the container lab (`npx tsc -p tsconfig.json` first): rollout
// --batch, --drain-timeout and --no-rollback; drain --wait and undrain of one
// named host; check --diff; --accept-new-host-keys. Each asserts what the
// hosts show afterwards (switch files on the directors, files on the real
// servers, known_hosts), the exit code and the exact messages.
//
// The container lab has no IP_VS (keepalived VRRP-only): a drain is seen as
// the switch files on the directors and the record on this machine; drains
// against an IPVS table are in test/datapath/drain-wait.test.ts.
// The lab is left as inventory/lab.json says.

import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../lib/inventory/types.js';
import type { RolloutReport } from '../../lib/rollout/plan/report.js';
import { lvsPlay, repoRoot, startLvsPlay } from '../support/cli.js';
import { writeLabVariant } from '../support/clusters.js';
import { controlLockHeldBy } from '../support/control-lock.js';
import { SWITCH_VALUES_COMMAND } from '../support/host-state.js';
import { assertDocument } from '../support/json-documents.js';
import { useLab } from '../support/lab.js';
import { waitFor } from '../support/wait.js';

const INVENTORY = 'inventory/lab.json';
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const KNOWN_HOSTS = '/var/lib/lvs-play/lab/ssh/known_hosts';
const VRRP_PASSWORD_FILE = '/var/lib/lvs-play/lab/vrrp-pass';
const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';
const SLOW = 'test/fixtures/playbooks/slow-change-on-lvs01.mjs';
const SLOW_MARKER = '/var/tmp/lvs-play-test-marker';
const BATCH = 'test/fixtures/playbooks/slow-change-on-realservers.mjs';
const BATCH_MARKER = '/var/tmp/lvs-play-test-batch-marker';
/** a web server on the client while it stands in as a third real server (its own unit, stopped by name) */
const CLIENT_WEB_UNIT = 'lvsp-test-cli-paths-web';
const CLIENT_WEB_DIR = '/var/tmp/lvsp-test-cli-paths-web';
const NOT_OBSERVABLE = 'keepalived runs VRRP-only (keepalived.mode "vrrp-only"): the directors keep no IPVS table';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** OpenSSH's fingerprint of a known_hosts line's key: SHA256 of the key blob, base64 without padding. */
function fingerprintOf(line: string): string {
  const blob = Buffer.from(line.trim().split(/\s+/)[2]!, 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * A shell command that edits keepalived.conf in place (same inode, mode and owner) at its
 * nth auth_pass line (index i in the list lines), with a line of python.
 */
function editNthAuthPass(n: number, edit: string): string {
  return `python3 - <<'PY'
p = '${KEEPALIVED_CONF}'
lines = open(p).read().split('\\n')
i = [k for k, l in enumerate(lines) if 'auth_pass' in l][${n - 1}]
${edit}
open(p, 'w').write('\\n'.join(lines))
PY`;
}

describe('CLI paths on the lab: rollout options, drain/undrain, check --diff, host keys (issue 12)', function () {
  this.timeout(20 * 60_000);
  const lab = useLab();
  let dir: string;
  let drains: string;
  const env = () => ({ LVS_PLAY_DRAINS_DIR: drains });
  const record = () => join(drains, 'lab.json');
  const write = (name: string, edit: (inv: Inventory) => void) => writeLabVariant(dir, name, edit);
  /** each director's drain switches, read in one command per director: "lvs-dr:drain-lvs01=1,drain-lvs02=1" */
  const switchesNow = async () =>
    Promise.all(
      DIRECTORS.map(async (d) => {
        const out = await lab.run(d, SWITCH_VALUES_COMMAND);
        return `${d}:${out.trim().split('\n').filter(Boolean).join(',')}`;
      }),
    );
  const noSwitches = DIRECTORS.map((d) => `${d}:`);
  const home = async () => {
    const on = await Promise.all(DIRECTORS.map((d) => lab.run(d, 'ip -j addr show dev eth0')));
    return (
      on[0]!.includes('"198.18.0.100"') &&
      !on[0]!.includes('"198.18.0.110"') &&
      on[1]!.includes('"198.18.0.110"') &&
      !on[1]!.includes('"198.18.0.100"')
    );
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-cli-paths-'));
    drains = join(dir, 'drains');
    await lab.run('lvs01', `rm -f ${SLOW_MARKER} ${BATCH_MARKER}`);
    await lab.run('lvs02', `rm -f ${BATCH_MARKER}`);
    const d = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await waitFor('each VIP on its MASTER', home, 60_000);
  });

  after(async () => {
    // leave the lab as the inventory says
    await lab.run('client', `systemctl stop ${CLIENT_WEB_UNIT} 2>/dev/null; rm -rf ${CLIENT_WEB_DIR}`).catch(() => undefined);
    await lab.run('lvs01', `rm -f ${SLOW_MARKER} ${BATCH_MARKER}`).catch(() => undefined);
    await lab.run('lvs02', `rm -f ${BATCH_MARKER}`).catch(() => undefined);
    const d = await lvsPlay(['deploy', INVENTORY], env());
    assert.equal(d.code, 0, d.stdout + d.stderr);
    assert.deepEqual(await switchesNow(), noSwitches);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('rollout --batch, --drain-timeout, --no-rollback', () => {
    /**
     * The lab has two real servers, and a batch is only drained when every service keeps
     * another one answering: the client stands in as a third real server (a web server of
     * its own for the health checks' requests). --limit keeps the run off the client and
     * the directors, so nothing of theirs changes.
     */
    let three: string;
    before(async () => {
      three = write('three-real-servers.json', (inv) => {
        delete inv.groups.clients;
        inv.groups.realservers = ['lvs01', 'lvs02', 'client'];
        for (const v of inv.vips) for (const s of v.services) s.realServers = [...(s.realServers ?? []), { host: 'client', weight: 1 }];
      });
    });

    it('--batch 2 plans both real servers in one stage and drains them together; the default batch plans one stage each', async () => {
      const two = await lvsPlay(['rollout', three, '--check', '--limit', 'lvs01,lvs02', '--playbook', BATCH, '--batch', '2'], env());
      assert.equal(two.code, 2, two.stdout + two.stderr);
      assert.match(two.stdout, /: 1 stage\(s\)$/m);
      assert.match(two.stdout, /^Stage 1: real servers lvs01, lvs02$/m);
      assert.doesNotMatch(two.stdout, /^Stage 2/m);
      assert.match(
        two.stdout,
        /^ {4}\d+\. drain lvs01, lvs02 on lvs-dr, lvs-dr2 \(recorded on this machine first; undrained whatever happens\)$/m,
      );
      assert.match(two.stdout, /^ {4}\d+\. change lvs01, lvs02: /m);
      assert.match(two.stdout, /^ {4}\d+\. undrain lvs01, lvs02 on lvs-dr, lvs-dr2$/m);

      const one = await lvsPlay(['rollout', three, '--check', '--limit', 'lvs01,lvs02', '--playbook', BATCH], env());
      assert.equal(one.code, 2, one.stdout + one.stderr);
      assert.match(one.stdout, /: 2 stage\(s\)$/m);
      assert.match(one.stdout, /^Stage 1: real servers lvs01$/m);
      assert.match(one.stdout, /^Stage 2: real servers lvs02$/m);
      assert.match(one.stdout, /^ {4}\d+\. drain lvs01 on lvs-dr, lvs-dr2 /m);
      assert.match(one.stdout, /^ {4}\d+\. drain lvs02 on lvs-dr, lvs-dr2 /m);
      // a plan changes nothing
      assert.deepEqual(await switchesNow(), noSwitches);
      assert.equal((await lab.ssh('lvs01', `test -e ${BATCH_MARKER}`)).code, 1);
    });

    it("--drain-timeout is the bound of the plan's wait for connections; the default is 60 s; out of range is refused before any host is read", async () => {
      const seven = await lvsPlay(
        ['rollout', three, '--check', '--limit', 'lvs01,lvs02', '--playbook', BATCH, '--batch', '2', '--drain-timeout', '7'],
        env(),
      );
      assert.equal(seven.code, 2, seven.stdout + seven.stderr);
      assert.match(
        seven.stdout,
        /^ {4}\d+\. wait until no active connection to lvs01, lvs02 on any director \(at most 7 s, then go on\)$/m,
      );
      assert.doesNotMatch(seven.stdout, /at most 60 s, then go on/);
      const dflt = await lvsPlay(['rollout', three, '--check', '--limit', 'lvs01,lvs02', '--playbook', BATCH, '--batch', '2'], env());
      assert.match(
        dflt.stdout,
        /^ {4}\d+\. wait until no active connection to lvs01, lvs02 on any director \(at most 60 s, then go on\)$/m,
      );
      const zero = await lvsPlay(['rollout', three, '--check', '--drain-timeout', '0'], env());
      assert.equal(zero.code, 1, zero.stdout + zero.stderr);
      assert.match(zero.stderr, /--drain-timeout must be a whole number from 1 to 86400, got "0"/);
      assert.equal(zero.stdout, '');
    });

    it('rollout --batch 2 sets both drain switches on both directors at once, changes both real servers, then undrains both', async () => {
      await lab.run(
        'client',
        `mkdir -p ${CLIENT_WEB_DIR} && echo client > ${CLIENT_WEB_DIR}/index.html && ` +
          `systemd-run --unit=${CLIENT_WEB_UNIT} --collect -p WorkingDirectory=${CLIENT_WEB_DIR} python3 -m http.server 80 --bind 198.18.0.50`,
      );
      try {
        await waitFor(
          "the client's web server",
          async () =>
            (
              await lab.ssh('lvs-dr', 'exec 3<>/dev/tcp/198.18.0.50/80 && printf "GET /index.html HTTP/1.0\\r\\n\\r\\n" >&3 && head -1 <&3')
            ).stdout.includes(' 200 '),
          20_000,
          250,
        );
        const seen = new Set<string>();
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            for (const x of await switchesNow().catch(() => [])) seen.add(x);
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        const t0 = Date.now();
        const r = await lvsPlay(['rollout', three, '--limit', 'lvs01,lvs02', '--playbook', BATCH, '--batch', '2'], env());
        sampling = false;
        await sampler;
        process.stderr.write(
          `      [cli-paths] rollout --batch 2 took ${((Date.now() - t0) / 1000).toFixed(1)} s; switches seen: ${[...seen].sort().join(' ')}\n`,
        );
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^Stage 1: real servers lvs01, lvs02$/m);
        // the capacity gate: the third real server keeps every service of the batch answering
        assert.match(r.stdout, /198\.18\.0\.100:80 keeps client; 198\.18\.0\.110:80 keeps client \(asked from lvs-dr\)/);
        assert.match(r.stdout, /^\[rollout\] lvs01, lvs02: drain lvs01, lvs02 on lvs-dr, lvs-dr2 /m);
        assert.match(r.stdout, /^\[rollout\] lvs01, lvs02: undrain lvs01, lvs02 on lvs-dr, lvs-dr2$/m);
        // both real servers drained on both directors in one reading: one batch, not one after the other
        for (const d of DIRECTORS)
          assert.ok(seen.has(`${d}:drain-lvs01=1,drain-lvs02=1`), `${d} had both drained at once; seen: ${[...seen].join(' ')}`);
        assert.deepEqual(await switchesNow(), noSwitches);
        assert.equal(existsSync(record()), false);
        for (const h of ['lvs01', 'lvs02'])
          assert.equal(await lab.run(h, `cat ${BATCH_MARKER}`), 'changed in a batch\n', `${h} was changed`);
        assert.equal((await lab.ssh('client', `test -e ${BATCH_MARKER}`)).code, 1, 'the client was not changed (--limit)');
      } finally {
        await lab.run('client', `systemctl stop ${CLIENT_WEB_UNIT}; rm -rf ${CLIENT_WEB_DIR}`);
        await lab.run('lvs01', `rm -f ${BATCH_MARKER}`);
        await lab.run('lvs02', `rm -f ${BATCH_MARKER}`);
      }
    });

    it('rollout --no-rollback leaves a failed change as it failed (its file stays, no journal left) and still undrains', async () => {
      await lab.run('lvs01', `rm -f ${SLOW_MARKER}`);
      try {
        const r = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', SLOW, '--no-rollback', '--json'], {
          ...env(),
          LVS_PLAY_TEST_STEP: 'fail',
        });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const report = assertDocument('rollout', JSON.parse(r.stdout) as RolloutReport);
        assert.equal(report.status, 'failed');
        const stage = report.stages[0]!;
        assert.deepEqual(
          report.stages.map((s) => `${s.kind} ${s.hosts.join()} ${s.status}`),
          ['realservers lvs01 failed'],
        );
        assert.match(stage.error ?? '', /^lvs01: slow-change: a fail step \(test\) failed/);
        const host = stage.hostReports[0]!;
        assert.equal(host.status, 'failed');
        assert.equal(host.rolledBack, undefined, JSON.stringify(host));
        assert.deepEqual(stage.rolledBack, []);
        // nothing rolled back, as the plan says
        assert.match(r.stderr, /change lvs01: the tasks' changes, journaled, left as they fail \(--no-rollback\)/);
        assert.doesNotMatch(r.stderr, /rolled back on failure/);
        assert.doesNotMatch(r.stderr, /lvs01: rolling back|lvs01: rolled back|ROLLBACK/);
        // undrained all the same
        assert.match(r.stderr, /drain lvs01 on lvs-dr, lvs-dr2[\s\S]*undrain lvs01 on lvs-dr, lvs-dr2/);
        assert.deepEqual(await switchesNow(), noSwitches);
        assert.equal(existsSync(record()), false);
        // the failed change as it failed: the marker written before the failing step stays, and no journal is left to undo it later
        assert.equal(await lab.run('lvs01', `cat ${SLOW_MARKER}`), 'changed during a drain\n');
        assert.equal((await lab.run('lvs01', 'ls -A /var/lib/lvs-play/journal 2>/dev/null | wc -l')).trim(), '0');
        const check = await lvsPlay(['check', INVENTORY], env());
        assert.equal(check.code, 0, check.stdout + check.stderr);
        assert.doesNotMatch(check.stdout, /INTERRUPTED/);
      } finally {
        await lab.run('lvs01', `rm -f ${SLOW_MARKER}`);
      }
    });
  });

  describe('drain and undrain by hand', () => {
    after(async () => {
      await lvsPlay(['undrain', INVENTORY], env());
    });

    it('drain --wait 0 exits 0 at once: both directors switched, recorded, the undrain command named', async () => {
      const t0 = Date.now();
      const r = await lvsPlay(['drain', INVENTORY, 'lvs01', '--wait', '0'], env());
      const took = Date.now() - t0;
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `^drained lvs01 on lvs-dr, lvs-dr2 \\(recorded; lvs-play undrain ${esc(`${repoRoot}${INVENTORY}`)} lvs01 puts it back\\)$`,
          'm',
        ),
      );
      assert.doesNotMatch(r.stdout, /waiting/);
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs01=1', 'lvs-dr2:drain-lvs01=1']);
      const rec = JSON.parse(readFileSync(record(), 'utf8')) as { drains: { realServer: string; directors: string[] }[] };
      assert.deepEqual(
        rec.drains.map((d) => `${d.realServer} on ${d.directors.join(',')}`),
        ['lvs01 on lvs-dr,lvs-dr2'],
      );
      process.stderr.write(`      [cli-paths] drain --wait 0 took ${(took / 1000).toFixed(1)} s\n`);
    });

    it('drain refuses to take the last real server out of the pool (lvs01 drained already, lvs02 named): exit 1, nothing set, nothing recorded', async () => {
      const before = readFileSync(record(), 'utf8');
      const r = await lvsPlay(['drain', INVENTORY, 'lvs02'], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stderr,
        /^error: drain refused, nothing drained: draining lvs02 would leave no real server answering its health check \(from lvs-dr\): 198\.18\.0\.100:80: lvs01 drained already; 198\.18\.0\.110:80: lvs01 drained already$/m,
      );
      assert.match(r.stderr, /^hint: .*--force to drain anyway$/m);
      assert.doesNotMatch(r.stdout, /^drained/m);
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs01=1', 'lvs-dr2:drain-lvs01=1']);
      assert.equal(readFileSync(record(), 'utf8'), before, 'the record is as it was');
    });

    it('drain refuses when the other real server fails its health check (nginx stopped on lvs02, lvs01 named); with lvs02 serving again it drains and says which one keeps each service', async () => {
      await lvsPlay(['undrain', INVENTORY, 'lvs01'], env());
      await lab.run('lvs02', 'systemctl stop nginx');
      try {
        const r = await lvsPlay(['drain', INVENTORY, 'lvs01'], env());
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(
          r.stderr,
          /^error: drain refused, nothing drained: draining lvs01 would leave no real server answering its health check \(from lvs-dr\): 198\.18\.0\.100:80: lvs02 TCP_CHECK 198\.18\.0\.20:80: no connection .*; 198\.18\.0\.110:80: lvs02 HTTP_GET 198\.18\.0\.20:80\/index\.html: no answer /m,
        );
        assert.deepEqual(await switchesNow(), noSwitches);
        assert.equal(existsSync(record()), false);
      } finally {
        await lab.run('lvs02', 'systemctl start nginx');
      }
      const r = await lvsPlay(['drain', INVENTORY, 'lvs01', '--wait', '0'], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^198\.18\.0\.100:80 keeps lvs02; 198\.18\.0\.110:80 keeps lvs02 \(asked from lvs-dr\)$/m);
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs01=1', 'lvs-dr2:drain-lvs01=1']);
    });

    it('drain --force takes the last one out anyway, saying so; --wait 30 says the connections are not observable (no IPVS table) and does not sit out the 30 s', async () => {
      const t0 = Date.now();
      const r = await lvsPlay(['drain', INVENTORY, 'lvs02', '--wait', '30', '--force'], env());
      const took = Date.now() - t0;
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        /^--force: draining anyway: draining lvs02 would leave no real server answering its health check \(from lvs-dr\): /m,
      );
      assert.match(
        r.stdout,
        new RegExp(
          `^drained lvs02 on lvs-dr, lvs-dr2 \\(recorded; lvs-play undrain ${esc(`${repoRoot}${INVENTORY}`)} lvs02 puts it back\\)$`,
          'm',
        ),
      );
      assert.match(r.stdout, new RegExp(`^connections not observable: ${esc(NOT_OBSERVABLE)}$`, 'm'));
      assert.doesNotMatch(r.stdout, /waiting|timed out/);
      assert.ok(took < 30_000, `drain took ${took} ms: it waited for what it cannot see`);
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs01=1,drain-lvs02=1', 'lvs-dr2:drain-lvs01=1,drain-lvs02=1']);
    });

    it('undrain INVENTORY lvs01 puts back lvs01 only: lvs02 stays drained on both directors and in the record', async () => {
      const r = await lvsPlay(['undrain', INVENTORY, 'lvs01'], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^undrained lvs01 on lvs-dr, lvs-dr2$/m);
      assert.match(r.stdout, new RegExp(`^weights not observable: ${esc(NOT_OBSERVABLE)}$`, 'm'));
      assert.doesNotMatch(r.stdout, /lvs02/);
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs02=1', 'lvs-dr2:drain-lvs02=1']);
      const rec = JSON.parse(readFileSync(record(), 'utf8')) as { drains: { realServer: string }[] };
      assert.deepEqual(
        rec.drains.map((d) => d.realServer),
        ['lvs02'],
      );
      const warned = await lvsPlay(['verify', INVENTORY], env());
      assert.match(warned.stderr, /warning: cluster lab: lvs02 is drained on lvs-dr, lvs-dr2/);
      assert.doesNotMatch(warned.stderr, /lvs01 is drained/);
    });

    it('graph --live draws who holds each VIP now and lvs02 out of the pool (drained), in Mermaid and DOT; stdout is only the graph', async () => {
      const mermaid = await lvsPlay(['graph', INVENTORY, '--live'], env());
      assert.equal(mermaid.code, 0, mermaid.stdout + mermaid.stderr);
      // stderr has the drain record's warning, as every command does; stdout is the graph alone
      assert.doesNotMatch(mermaid.stderr, /could not be read/);
      assert.match(mermaid.stdout, /^flowchart LR\n/);
      assert.doesNotMatch(mermaid.stdout, /warning/);
      // lvs-dr (h0) holds VIP 198.18.0.100 (v0), lvs-dr2 (h1) holds 198.18.0.110 (v1): their MASTERs
      assert.match(mermaid.stdout, /^ {2}h0 == "MASTER 150 · holds" ==> v0$/m);
      assert.match(mermaid.stdout, /^ {2}h1 == "MASTER 150 · holds" ==> v1$/m);
      assert.match(mermaid.stdout, /^ {2}h1 -\. "BACKUP 120" \.-> v0$/m);
      assert.match(mermaid.stdout, /^ {2}s0 -\. "out: drained on lvs-dr, lvs-dr2" \.-> h3$/m);
      assert.match(mermaid.stdout, /^ {2}s0 -- "weight 1" --> h2$/m);
      assert.match(mermaid.stdout, /^ {2}class h3 out$/m);
      assert.doesNotMatch(mermaid.stdout, /SPLIT BRAIN|held by none|unreachable/);
      const dot = await lvsPlay(['graph', INVENTORY, '--live', '--format', 'dot'], env());
      assert.equal(dot.code, 0, dot.stderr);
      assert.match(dot.stdout, /^ {2}h0 -> v0 \[style=bold, penwidth=2\.5, label="MASTER 150 · holds"\];$/m);
      assert.match(dot.stdout, /^ {2}s1 -> h3 \[style=dashed, color="#6b7280", label="out: drained on lvs-dr, lvs-dr2"\];$/m);
      process.stderr.write(
        `      [cli-paths] graph --live: ${mermaid.stdout
          .split('\n')
          .filter((l) => l.includes('holds') || l.includes('out:'))
          .map((l) => l.trim())
          .join('; ')}\n`,
      );
    });

    it('undrain INVENTORY without a host undrains what is still recorded, and the record goes', async () => {
      const r = await lvsPlay(['undrain', INVENTORY], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^undrained lvs02 on lvs-dr, lvs-dr2$/m);
      assert.deepEqual(await switchesNow(), noSwitches);
      assert.equal(existsSync(record()), false);
      const again = await lvsPlay(['undrain', INVENTORY], env());
      assert.equal(again.code, 0);
      assert.match(again.stdout, /^nothing is recorded as drained$/m);
    });
  });

  describe("a drain this machine's record does not list (made from another control machine): the directors' switch counts", () => {
    const SWITCH = '/var/lib/lvs-play/switches/drain-lvs02';
    before(async () => {
      // what `lvs-play drain` from another control machine leaves here: the switch on both directors, no record
      for (const d of DIRECTORS) await lab.run(d, `printf '1\\n' > ${SWITCH}`);
      assert.equal(existsSync(record()), false);
    });
    after(async () => {
      for (const d of DIRECTORS) await lab.run(d, `rm -f ${SWITCH}`).catch(() => undefined);
      await lab.run('lvs01', `rm -f ${BATCH_MARKER}`).catch(() => undefined);
    });
    const outThere = "lvs02 drained on lvs-dr, lvs-dr2 \\(its switch is set there; this machine's record does not list it\\)";

    it('drain lvs01 is refused (lvs02 answers its health check but is out of the pool): nothing set, nothing recorded', async () => {
      const r = await lvsPlay(['drain', INVENTORY, 'lvs01'], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          `^error: drain refused, nothing drained: draining lvs01 would leave no real server answering its health check \\(from lvs-dr\\): 198\\.18\\.0\\.100:80: ${outThere}; 198\\.18\\.0\\.110:80: ${outThere}$`,
          'm',
        ),
      );
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs02=1', 'lvs-dr2:drain-lvs02=1']);
      assert.equal(existsSync(record()), false);
    });

    it("rollout --limit lvs01 stops at lvs01's gate for the same reason: lvs01 not changed, nothing left set", async () => {
      const r = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', BATCH], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`FAILED: draining lvs01 would leave no real server answering its health check .*${outThere}`));
      assert.equal((await lab.ssh('lvs01', `test -e ${BATCH_MARKER}`)).code, 1, 'lvs01 was not changed');
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs02=1', 'lvs-dr2:drain-lvs02=1']);
      assert.equal(existsSync(record()), false);
    });
  });

  describe('drain and undrain with a director that does not answer', () => {
    /** the lab's inventory with one director's SSH on a port nothing listens on: refused at once, as with sshd down */
    const withDown = (director: string) =>
      write(`${director}-down.json`, (inv) => {
        const h = inv.hosts.find((x) => x.name === director)!;
        h.ssh = { ...h.ssh, port: 2222 };
      });
    const recorded = () =>
      (JSON.parse(readFileSync(record(), 'utf8')) as { drains: { realServer: string; directors: string[] }[] }).drains.map(
        (d) => `${d.realServer} on ${d.directors.join(',')}`,
      );
    after(async () => {
      await lvsPlay(['undrain', INVENTORY], env());
    });

    it('with no director answering: drain refuses, nothing set or recorded; undrain says the state there is unknown, not "still drained"', async () => {
      const allDown = write('all-directors-down.json', (inv) => {
        for (const h of inv.hosts.filter((x) => DIRECTORS.includes(x.name))) h.ssh = { ...h.ssh, port: 2222 };
      });
      const d = await lvsPlay(['drain', allDown, 'lvs01', '--wait', '0'], env());
      assert.equal(d.code, 1, d.stdout + d.stderr);
      assert.match(
        d.stderr,
        /^error: drain refused, nothing drained: no director answers: lvs-dr: cannot connect to lvs-dr \(198\.18\.0\.30:2222\): connection refused.*; lvs-dr2: cannot connect to lvs-dr2 /m,
      );
      assert.equal(existsSync(record()), false);
      // lvs01 is in no record here: an undrain that reaches no director cannot say it is still drained
      const u = await lvsPlay(['undrain', allDown, 'lvs01'], env());
      assert.equal(u.code, 1, u.stdout + u.stderr);
      assert.match(
        u.stdout,
        /^undrained lvs01 on no director; not cleared on lvs-dr, lvs-dr2, where this machine's record lists no drain of it \(drained there or not: unknown\)$/m,
      );
      assert.match(u.stderr, /^hint: lvs-play undrain \S+ lvs01 again once lvs-dr, lvs-dr2 answer$/m);
      assert.equal(existsSync(record()), false);
      assert.deepEqual(await switchesNow(), noSwitches);
    });

    it('Ctrl-C while drain still connects (a director that never answers): exits 130 at once, nothing set or recorded', async () => {
      // an address on the lab's bridge that no host has: the connection waits out its timeout (10 s)
      const silent = write('silent-director.json', (inv) => {
        inv.hosts.find((h) => h.name === 'lvs-dr')!.address = '198.18.0.99';
      });
      const locks = join(dir, 'silent-director-locks');
      const run = startLvsPlay(['drain', silent, 'lvs01', '--wait', '0'], { ...env(), LVS_PLAY_LOCK_DIR: locks });
      // this machine's lock taken: its handlers are in place, and it is connecting to the directors
      await waitFor('drain to take the control lock', async () => controlLockHeldBy(locks, 'lab', run.child.pid!), 30_000, 20);
      const signalledAt = Date.now();
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.equal(r.code, 130, r.stdout + r.stderr);
      assert.ok(Date.now() - signalledAt < 2000, `exited ${Date.now() - signalledAt} ms after SIGINT`);
      assert.equal(r.stdout, 'SIGINT: stopped before any switch was set: nothing drained\n');
      assert.equal(existsSync(record()), false);
      assert.deepEqual(await switchesNow(), noSwitches);
    });

    it('drain sets the switch on the director that answers and says which one it is NOT set on (exit 1); the record names both', async () => {
      const down = withDown('lvs-dr2');
      const r = await lvsPlay(['drain', down, 'lvs01', '--wait', '0'], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^198\.18\.0\.100:80 keeps lvs02; 198\.18\.0\.110:80 keeps lvs02 \(asked from lvs-dr\)$/m);
      assert.match(r.stdout, /^drained lvs01 on lvs-dr only; NOT on lvs-dr2: a VIP held there still sends it new connections$/m);
      assert.match(
        r.stderr,
        /^error: drain incomplete: drain on lvs-dr2 failed: lvs-dr2: cannot connect to lvs-dr2 \(198\.18\.0\.40:2222\): connection refused/m,
      );
      assert.match(r.stderr, new RegExp(`^hint: lvs-play drain ${esc(down)} lvs01 again once lvs-dr2 answers, or lvs-play undrain `, 'm'));
      assert.deepEqual(await switchesNow(), ['lvs-dr:drain-lvs01=1', 'lvs-dr2:']);
      // the record never says less than may be set
      assert.deepEqual(recorded(), ['lvs01 on lvs-dr,lvs-dr2']);
    });

    it('undrain clears the director that answers and keeps the other in the record (exit 1); once it answers, undrain clears the rest', async () => {
      const r = await lvsPlay(['undrain', withDown('lvs-dr2')], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^undrained lvs01 on lvs-dr only; still drained on lvs-dr2 \(recorded\)$/m);
      assert.match(r.stderr, /^error: undrain incomplete: undrain on lvs-dr2 failed: /m);
      assert.deepEqual(await switchesNow(), noSwitches);
      assert.deepEqual(recorded(), ['lvs01 on lvs-dr2']);
      const again = await lvsPlay(['undrain', INVENTORY], env());
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.equal(existsSync(record()), false);
    });

    it('with the first director down, the drain asks the next one whether the pool keeps a server, and drains there', async () => {
      const r = await lvsPlay(['drain', withDown('lvs-dr'), 'lvs01', '--wait', '0'], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^198\.18\.0\.100:80 keeps lvs02; 198\.18\.0\.110:80 keeps lvs02 \(asked from lvs-dr2\)$/m);
      assert.match(r.stdout, /^drained lvs01 on lvs-dr2 only; NOT on lvs-dr: /m);
      assert.deepEqual(await switchesNow(), ['lvs-dr:', 'lvs-dr2:drain-lvs01=1']);
    });
  });

  describe('a drain by hand outlives recover, deploy and rollout; only undrain ends it', () => {
    const byHand = () =>
      (JSON.parse(readFileSync(record(), 'utf8')) as { drains: { realServer: string; byHand?: boolean }[] }).drains.map(
        (d) => `${d.realServer}${d.byHand ? ' by hand' : ''}`,
      );
    const lvs02Drained = ['lvs-dr:drain-lvs02=1', 'lvs-dr2:drain-lvs02=1'];
    before(async () => {
      await lab.run('lvs01', `rm -f ${BATCH_MARKER}`);
      await lab.run('lvs02', `rm -f ${BATCH_MARKER}`);
      const d = await lvsPlay(['drain', INVENTORY, 'lvs02', '--wait', '0'], env());
      assert.equal(d.code, 0, d.stdout + d.stderr);
      assert.deepEqual(byHand(), ['lvs02 by hand']);
    });
    after(async () => {
      await lvsPlay(['undrain', INVENTORY], env());
      await lab.run('lvs01', `rm -f ${BATCH_MARKER}`).catch(() => undefined);
      await lab.run('lvs02', `rm -f ${BATCH_MARKER}`).catch(() => undefined);
    });

    it('recover --check finds nothing left (exit 0), recover leaves it drained, deploy says it stays drained and leaves it so', async () => {
      const c = await lvsPlay(['recover', INVENTORY, '--check'], env());
      assert.equal(c.code, 0, c.stdout + c.stderr);
      assert.doesNotMatch(c.stdout, /switch record/);
      const r = await lvsPlay(['recover', INVENTORY], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, /lvs02: stays drained on lvs-dr, lvs-dr2 \(drained by hand since /);
      assert.deepEqual(await switchesNow(), lvs02Drained);
      const d = await lvsPlay(['deploy', INVENTORY], env());
      assert.equal(d.code, 0, d.stdout + d.stderr);
      assert.match(
        d.stdout + d.stderr,
        /lvs02: stays drained on lvs-dr, lvs-dr2 \(drained by hand since .*; lvs-play undrain puts it back\)/,
      );
      assert.doesNotMatch(d.stdout + d.stderr, /undraining/);
      assert.match(
        d.stderr,
        /warning: cluster lab: lvs02 is drained on lvs-dr, lvs-dr2 since .*, by hand \(lvs-play drain\); lvs-play undrain \S+ lvs02 puts it back/,
      );
      assert.deepEqual(await switchesNow(), lvs02Drained);
      assert.deepEqual(byHand(), ['lvs02 by hand']);
    });

    it('rollout plans lvs02 changed while out of the pool and left drained, and the gate of lvs01 does not count lvs02', async () => {
      const r = await lvsPlay(['rollout', INVENTORY, '--playbook', BATCH, '--check'], env());
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /LEFT SET/);
      const stages = r.stdout.split(/\n(?=Stage \d+:)/);
      const lvs01 = stages.find((x) => x.startsWith('Stage 1: real servers lvs01'))!;
      const lvs02 = stages.find((x) => x.startsWith('Stage 2: real servers lvs02'))!;
      assert.match(
        lvs01,
        /1\. gate: every service of lvs01 keeps another real server answering .* \(lvs02, drained by hand, not counted\)$/m,
      );
      assert.match(lvs01, /undrain lvs01 on lvs-dr, lvs-dr2$/m);
      assert.match(lvs02, /note: lvs02 drained by hand \(lvs-play drain\): changed while out of the pool, and left drained/);
      assert.match(lvs02, /1\. drain lvs02 on lvs-dr, lvs-dr2 \(recorded on this machine first; lvs02 stays drained: drained by hand\)$/m);
      assert.match(lvs02, /3\. change lvs02/);
      assert.doesNotMatch(lvs02.slice(lvs02.indexOf('steps:')), /undrain|gate:|check:|confirm:/);
    });

    it("Ctrl-C in a rollout changing lvs02 while it is drained by hand: the change is rolled back, and lvs02 stays drained, by hand (the interrupt undrains only a run's drains)", async () => {
      const run = startLvsPlay(['rollout', INVENTORY, '--limit', 'lvs02', '--playbook', BATCH], {
        ...env(),
        LVS_PLAY_TEST_BATCH_STEP_SECONDS: '20',
      });
      await waitFor(
        'the change under way on lvs02',
        async () => (await lab.ssh('lvs02', `test -e ${BATCH_MARKER}`)).code === 0,
        60_000,
        100,
      );
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, /SIGINT: stopping/);
      assert.doesNotMatch(r.stdout + r.stderr, /undrain(ing)? lvs02/);
      assert.equal((await lab.ssh('lvs02', `test -e ${BATCH_MARKER}`)).code, 1, 'the change on lvs02 is rolled back');
      assert.deepEqual(await switchesNow(), lvs02Drained);
      assert.deepEqual(byHand(), ['lvs02 by hand']);
    });

    it('rollout --limit lvs02 changes lvs02 while drained and leaves it drained, by hand; rollout --limit lvs01 is refused at its gate, nothing changed', async () => {
      const r = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs02', '--playbook', BATCH], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(await lab.run('lvs02', `cat ${BATCH_MARKER}`), 'changed in a batch\n');
      assert.doesNotMatch(r.stdout, /undrain lvs02/);
      assert.deepEqual(await switchesNow(), lvs02Drained);
      assert.deepEqual(byHand(), ['lvs02 by hand']);

      const refused = await lvsPlay(['rollout', INVENTORY, '--limit', 'lvs01', '--playbook', BATCH], env());
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.match(
        refused.stdout,
        /draining lvs01 would leave no real server answering its health check \(from lvs-dr\): 198\.18\.0\.100:80: lvs02 drained already/,
      );
      assert.equal((await lab.ssh('lvs01', `test -e ${BATCH_MARKER}`)).code, 1, 'lvs01 was not changed');
      assert.deepEqual(await switchesNow(), lvs02Drained);
      assert.deepEqual(byHand(), ['lvs02 by hand']);
    });

    it('a drain by hand of a host the inventory no longer has: undrain still takes it by name; recover removes its switch, saying why', async () => {
      const without = write('without-lvs02.json', (inv) => {
        inv.hosts = inv.hosts.filter((h) => h.name !== 'lvs02');
        inv.groups.realservers = inv.groups.realservers!.filter((h) => h !== 'lvs02');
        for (const v of inv.vips) for (const svc of v.services) svc.realServers = svc.realServers!.filter((r) => r.host !== 'lvs02');
      });
      const u = await lvsPlay(['undrain', without, 'lvs02'], env());
      assert.equal(u.code, 0, u.stdout + u.stderr);
      assert.deepEqual(await switchesNow(), noSwitches);
      const d = await lvsPlay(['drain', INVENTORY, 'lvs02', '--wait', '0'], env());
      assert.equal(d.code, 0, d.stdout + d.stderr);
      // recover --check says what recover does
      const c = await lvsPlay(['recover', without, '--check'], env());
      assert.equal(c.code, 2, c.stdout + c.stderr);
      assert.match(
        c.stdout + c.stderr,
        /switch record: lvs02 is drained on lvs-dr, lvs-dr2 since \S+, by hand \(lvs-play drain\), and is no longer a real server of the inventory; lvs-play deploy /,
      );
      const r = await lvsPlay(['recover', without], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(
        r.stdout + r.stderr,
        /lvs02: drained by hand since \S+, and no longer a real server of the inventory: its drain switch removed on lvs-dr, lvs-dr2/,
      );
      assert.deepEqual(await switchesNow(), noSwitches);
      assert.equal(existsSync(record()), false);
      // back as it was for the next test
      const again = await lvsPlay(['drain', INVENTORY, 'lvs02', '--wait', '0'], env());
      assert.equal(again.code, 0, again.stdout + again.stderr);
    });

    it('undrain ends it', async () => {
      const u = await lvsPlay(['undrain', INVENTORY], env());
      assert.equal(u.code, 0, u.stdout + u.stderr);
      assert.deepEqual(await switchesNow(), noSwitches);
      assert.equal(existsSync(record()), false);
    });
  });

  describe('check --diff', () => {
    after(async () => {
      const d = await lvsPlay(['deploy', INVENTORY], env());
      assert.equal(d.code, 0, d.stdout + d.stderr);
    });

    it('prints the unified diff of a drifted keepalived.conf, exit 2, with every auth_pass redacted and the VRRP password nowhere', async () => {
      const password = readFileSync(VRRP_PASSWORD_FILE, 'utf8').trim();
      assert.match(password, /^\S{1,8}$/);
      const other = password === 'Zq9xK2wY' ? 'Yq8xK2wZ' : 'Zq9xK2wY';
      // lvs-dr: a hand-written line right under the auth_pass of bl_one (the diff's context shows that auth_pass);
      // lvs-dr2: the auth_pass of bl_two changed by hand to another value
      await lab.run('lvs-dr', editNthAuthPass(1, 'lines.insert(i + 1, "        # edited by hand")'));
      await lab.run('lvs-dr2', editNthAuthPass(2, `lines[i] = "        auth_pass ${other}"`));
      // the drift is really on the hosts, the password with it
      assert.match(
        await lab.run('lvs-dr', `grep -A1 auth_pass ${KEEPALIVED_CONF}`),
        new RegExp(`auth_pass ${esc(password)}\\n {8}# edited by hand\\n`),
      );
      assert.deepEqual(
        (await lab.run('lvs-dr2', `grep auth_pass ${KEEPALIVED_CONF}`))
          .trim()
          .split('\n')
          .map((l) => l.trim()),
        [`auth_pass ${password}`, `auth_pass ${other}`],
      );

      const r = await lvsPlay(['check', INVENTORY, '--diff'], env());
      assert.equal(r.code, 2, r.stdout + r.stderr);
      const out = r.stdout + r.stderr;
      assert.ok(!out.includes(password), 'the VRRP password appears in the output');
      assert.ok(!out.includes(other), 'the hand-written auth_pass appears in the output');
      for (const d of DIRECTORS) {
        assert.match(r.stdout, new RegExp(`${d}.*${esc(KEEPALIVED_CONF)}: content differs`), `${d}'s drift listed`);
      }
      // lvs-dr: the hand-written line goes; its context is the redacted auth_pass
      assert.match(r.stdout, /^ +auth_type PASS\n {9}auth_pass <redacted>\n- {8}# edited by hand\n {5}\}\n/m);
      // lvs-dr2: a different value shown as such, still redacted, both lines
      assert.match(r.stdout, /^- {8}auth_pass <redacted: differs>\n\+ {8}auth_pass <redacted>$/m);
      // unified diff headers, one pair per drifted file
      assert.equal((r.stdout.match(new RegExp(`^--- .*${esc(KEEPALIVED_CONF)}`, 'gm')) ?? []).length, 2, r.stdout);
      assert.equal((r.stdout.match(new RegExp(`^\\+\\+\\+ .*${esc(KEEPALIVED_CONF)}`, 'gm')) ?? []).length, 2, r.stdout);
      assert.match(r.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@/m);
      // without --diff: the drift listed, no diff body
      const plain = await lvsPlay(['check', INVENTORY], env());
      assert.equal(plain.code, 2);
      assert.doesNotMatch(plain.stdout, /^@@ /m);
      assert.doesNotMatch(plain.stdout, /edited by hand/);
    });
  });

  describe('--accept-new-host-keys', () => {
    let knownHosts: string;
    let inventory: string;
    let lvs02Line: string;
    before(() => {
      knownHosts = join(dir, 'known_hosts');
      inventory = write('own-known-hosts.json', (inv) => {
        inv.ssh = { ...inv.ssh, knownHosts };
      });
      lvs02Line = readFileSync(KNOWN_HOSTS, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('198.18.0.20 '))!;
      assert.ok(lvs02Line, `lvs02 in ${KNOWN_HOSTS}`);
    });
    /** the lab's known_hosts without lvs02's line */
    const withoutLvs02 = () => {
      copyFileSync(KNOWN_HOSTS, knownHosts);
      writeFileSync(
        knownHosts,
        readFileSync(knownHosts, 'utf8')
          .split('\n')
          .filter((l) => !l.startsWith('198.18.0.20 '))
          .join('\n'),
      );
      return readFileSync(knownHosts, 'utf8');
    };

    it('without the flag: the host whose key is not in known_hosts is refused, naming its fingerprint; the file is not touched', async () => {
      const before = withoutLvs02();
      const r = await lvsPlay(['check', inventory], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const fp = fingerprintOf(lvs02Line);
      // with what to do about it
      assert.match(
        r.stdout,
        new RegExp(
          `^UNREACHABLE lvs02: unknown host key for lvs02 \\(198\\.18\\.0\\.20:22\\), fingerprint ${esc(fp)} \\(ssh-ed25519\\) \\(verify it, then run again with --accept-new-host-keys \\(records it in ${esc(knownHosts)}\\)\\)$`,
          'm',
        ),
      );
      assert.match(r.stdout, /^ {2}lvs02 +ok=0 drift=0 failed=0 skipped=0 unreachable=5$/m);
      // the other hosts were read
      // directors have six tasks (kernel-modules and fwmark too), real servers five (nat-route too)
      for (const [h, n] of [
        ['lvs-dr', 6],
        ['lvs-dr2', 6],
        ['lvs01', 5],
      ])
        assert.match(r.stdout, new RegExp(`^ {2}${h} +ok=${n} drift=0 failed=0 skipped=0 unreachable=0$`, 'm'));
      assert.equal(readFileSync(knownHosts, 'utf8'), before);
    });

    it('with the flag: the key is recorded in that known_hosts file and the run goes on (exit 0); the next run needs no flag', async () => {
      const before = withoutLvs02();
      const r = await lvsPlay(['check', inventory, '--accept-new-host-keys'], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const now = readFileSync(knownHosts, 'utf8');
      assert.ok(now.startsWith(before), 'the file was appended to, nothing else changed');
      const added = now.slice(before.length).split('\n').filter(Boolean);
      assert.equal(added.length, 1, now.slice(before.length));
      const [name, type, key] = added[0]!.split(' ');
      assert.deepEqual([name, type, key], lvs02Line.split(' ').slice(0, 3), "lvs02's own key under its address");
      // never silently: a note names the host, the key and the file
      assert.match(
        r.stderr,
        new RegExp(
          `^note: lvs02: host key ssh-ed25519 ${esc(fingerprintOf(lvs02Line))} was not known: recorded in ${esc(knownHosts)} \\(--accept-new-host-keys\\)$`,
          'm',
        ),
      );
      assert.equal(readFileSync(KNOWN_HOSTS, 'utf8').includes(lvs02Line), true, "the lab's own known_hosts is untouched");
      const again = await lvsPlay(['check', inventory], env());
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.equal(readFileSync(knownHosts, 'utf8'), now);
    });

    it('a CHANGED key is refused even with the flag, and the file is not touched', async () => {
      const lines = withoutLvs02();
      // lvs02's address with lvs01's key: what a reinstalled or impersonated host would offer against
      const lvs01Line = lines.split('\n').find((l) => l.startsWith('198.18.0.10 '))!;
      writeFileSync(knownHosts, `${lines.replace(/\n?$/, '\n')}${lvs01Line.replace('198.18.0.10 ', '198.18.0.20 ')}\n`);
      const before = readFileSync(knownHosts, 'utf8');
      const r = await lvsPlay(['check', inventory, '--accept-new-host-keys'], env());
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout + r.stderr,
        new RegExp(
          `host key for lvs02 \\(198\\.18\\.0\\.20:22\\) has CHANGED: the host offers ssh-ed25519 ${esc(fingerprintOf(lvs02Line))}, known_hosts has ssh-ed25519 ${esc(fingerprintOf(lvs01Line))}`,
        ),
      );
      assert.equal(readFileSync(knownHosts, 'utf8'), before);
    });
  });
});
