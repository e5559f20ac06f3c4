import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchFacts } from '../../lib/facts/batch.js';
import type { Fact } from '../../lib/facts/fact.js';
import { fileFact } from '../../lib/facts/file.js';
import { sysctlFact } from '../../lib/facts/sysctl.js';

// The batch script is run by a real /bin/sh here, as it is on a host.
const runLocally = (script: string) => execFileSync('/bin/sh', ['-s'], { input: script }).toString();

describe('facts/batch', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-batch-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads several facts in one script, each with its own output and exit code', () => {
    const path = join(dir, 'a b.conf');
    writeFileSync(path, 'line one\nno newline at end');
    chmodSync(path, 0o640);
    const exitFact: Fact<number> = { id: 'exit', command: 'echo partial; exit 7', parse: (o) => o.code };
    const facts = [fileFact(path), fileFact(join(dir, 'absent')), exitFact];
    const batch = batchFacts(facts);
    const values = batch.parse(runLocally(batch.script));
    const f = values.get(fileFact(path));
    assert.equal(f.exists, true);
    assert.equal(f.content, 'line one\nno newline at end');
    assert.equal(f.mode, 0o640);
    assert.equal(values.get(fileFact(join(dir, 'absent'))).exists, false);
    assert.equal(values.get(exitFact), 7);
  });

  it('a file answer that is neither "absent" nor "MODE OWNER GROUP" is a fact error, never a file with no mode', () => {
    const fact = fileFact('/etc/keepalived/keepalived.conf');
    for (const stdout of ['', 'stat: cannot statx', '644 root\nAAAA'])
      assert.throws(() => fact.parse({ stdout, code: 0 }), /keepalived\.conf: unexpected answer/, JSON.stringify(stdout));
    assert.equal(fact.parse({ stdout: '644 root root\nYQ==', code: 0 }).content, 'a');
  });

  it('cannot be confused by a file that contains marker-like lines', () => {
    const path = join(dir, 'evil');
    writeFileSync(path, 'x 0 end 0\n0 begin\n');
    const batch = batchFacts([fileFact(path)]);
    assert.equal(batch.parse(runLocally(batch.script)).get(fileFact(path)).content, 'x 0 end 0\n0 begin\n');
  });

  it('asks for a fact once even when two tasks declare it', () => {
    const batch = batchFacts([fileFact('/etc/hostname'), fileFact('/etc/hostname')]);
    assert.equal(batch.script.split('/etc/hostname').length - 1, 3); // one read: [ -f ], stat, base64
  });

  it('reads sysctl values and marks missing keys as null', () => {
    const fact = sysctlFact(['net.ipv4.conf.lo.arp_ignore', 'net.ipv4.ip_local_port_range', 'net.nonexistent.key']);
    const batch = batchFacts([fact]);
    const v = batch.parse(runLocally(batch.script)).get(fact);
    assert.match(v['net.ipv4.conf.lo.arp_ignore'] ?? '', /^\d+$/);
    // whole values: /proc/sys answers an integer only to a read from offset 0, so a byte-at-a-time read (dash's
    // read builtin) would see "32768 60999" as "3"
    assert.equal(
      v['net.ipv4.ip_local_port_range'],
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).join(' '),
    );
    assert.equal(v['net.nonexistent.key'], null);
  });

  it('reads a fact with nothing to read (no sysctl keys, as on a director without sysctls) next to others', () => {
    const none = sysctlFact([]);
    const batch = batchFacts([none, fileFact('/etc/hostname')]);
    const values = batch.parse(runLocally(batch.script));
    assert.deepEqual(values.get(none), {});
    assert.equal(values.get(fileFact('/etc/hostname')).exists, true);
  });

  it('reads facts of one kind with one command when they say how (ReadTogether), each fact still getting its own answer', () => {
    const counter = join(dir, 'together-runs');
    const word = (w: string): Fact<string> => ({
      id: `word:${w}`,
      command: `echo ${w}`,
      parse: (o) => `${o.stdout.trim()}/${o.code}`,
      together: {
        key: 'words',
        item: w,
        command: (items) => `echo run >> ${counter}; printf '%s\\n' ${items.join(' ')}; exit 3`,
        split: (stdout, items) => {
          const lines = stdout.trim().split('\n');
          return lines.length === items.length ? lines : null;
        },
      },
    });
    const alone = fileFact('/etc/hostname');
    const batch = batchFacts([word('one'), alone, word('two'), word('one'), word('three')]);
    assert.equal(batch.script.split(' begin').length - 1, 2, 'one frame for the three words, one for the file');
    const values = batch.parse(runLocally(batch.script));
    assert.deepEqual(
      ['one', 'two', 'three'].map((w) => values.get(word(w))),
      ['one/3', 'two/3', 'three/3'],
    );
    assert.equal(values.get(alone).exists, true);
    assert.equal(readFileSync(counter, 'utf8'), 'run\n', 'the shared command ran once');

    const single = batchFacts([word('solo')]);
    assert.equal(single.parse(runLocally(single.script)).get(word('solo')), 'solo/0', 'a fact alone runs its own command');

    const short = batchFacts([word('a'), word('b')]);
    const answer = runLocally(short.script).replace('a\nb\n', 'a\n');
    assert.throws(() => short.parse(answer), /facts word:a, word:b: their shared answer does not split into 2/);
  });

  it('says which fact is missing from a truncated answer', () => {
    const batch = batchFacts([fileFact('/etc/hostname')]);
    assert.throws(() => batch.parse('garbage'), /fact file:\/etc\/hostname: its output is missing/);
  });
});
