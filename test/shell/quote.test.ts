import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { quote, sh } from '../../lib/shell/quote.js';

const run = promisify(execFile);

// Every value is checked by a real shell: the quoted words are given to
// printf, which prints each argument followed by a NUL; the output, split on
// NUL, must be the values back, byte for byte.
const SHELLS = ['/bin/sh', '/bin/dash', '/bin/bash'];

async function roundTrip(shell: string, values: string[], cwd?: string): Promise<string[]> {
  const script = `printf '%s\\0' ${values.map(quote).join(' ')}`;
  return splitNul(await runShell(shell, script, cwd));
}

/**
 * The shell with no stdin, bounded: bash has hung here for 20 s only in the
 * whole unit set under heavy load (dash never did), so a shell that is still
 * running after 10 s fails the test with what the kernel says it is doing,
 * instead of a bare mocha timeout.
 */
function runShell(shell: string, script: string, cwd?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(shell, ['-c', script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    const timer = setTimeout(() => {
      const read = (f: string) => {
        try {
          return readFileSync(`/proc/${child.pid}/${f}`, 'utf8').trim();
        } catch (e) {
          return `(${(e as Error).message})`;
        }
      };
      const state = read('status')
        .split('\n')
        .filter((l) => /^(State|PPid|SigBlk|SigPnd|ShdPnd)/.test(l))
        .join('; ');
      child.kill('SIGKILL');
      reject(new Error(`${shell} -c still running after 10 s: ${state}; wchan ${read('wchan')}; stack ${read('stack').split('\n')[0]}`));
    }, 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${shell} -c exited ${code}: ${err}`));
    });
  });
}

function splitNul(out: Buffer): string[] {
  const parts = out.toString('utf8').split('\0');
  assert.equal(parts.pop(), '', 'output ends with a NUL');
  return parts;
}

const TRICKY = [
  '',
  ' ',
  '  two  spaces  ',
  'tab\there',
  'new\nline',
  '\n',
  'trailing newline\n\n',
  "'",
  "''",
  "it's",
  "'quoted'",
  '"',
  '"double"',
  `mixed '"' quotes`,
  "\\'",
  "'\\''",
  '$HOME',
  '${HOME}',
  '$(id -u)',
  '`id -u`',
  '$((1+1))',
  '$1',
  '$@',
  '$*',
  '$#',
  '$?',
  '$$',
  '$!',
  '$-',
  '*',
  '?',
  '[a-z]*',
  '*.ts',
  '{a,b}',
  '~',
  '~root',
  '~/x',
  'a~b',
  '-n',
  '-e',
  '--',
  '-rf /',
  '--option=value',
  ';',
  '&&',
  '||',
  '|',
  '&',
  '>',
  '<',
  '>>',
  '2>&1',
  '<<EOF',
  '(',
  ')',
  '!',
  '#',
  '# comment',
  'a#b',
  'A=b',
  'PATH=/tmp',
  'x=$(reboot)',
  '\\',
  '\\\\',
  '\\n',
  'back\\slash',
  'abc/def-1.2',
  'user@host:22',
  '100%',
  'a,b',
  'a+b',
  '.',
  '..',
  '/',
  'héllo wörld',
  '日本語',
  'emoji 🚀 ok',
  'zero\u200bwidth',
  'rtl \u202e text',
  '\u00a0nbsp',
  '\x01\x02\x1b[31mred\x1b[0m',
  '\x7f',
  '\r\n',
  'a\rb',
];

describe('quote', () => {
  it('leaves simple safe words bare', () => {
    for (const w of ['abc', 'abc/def-1.2', 'user@host:22', '/etc/keepalived/keepalived.conf', '0644', '-n', 'a,b', '100%'])
      assert.equal(quote(w), w);
  });

  it('single-quotes everything else', () => {
    assert.equal(quote(''), "''");
    assert.equal(quote('a b'), "'a b'");
    assert.equal(quote("it's"), "'it'\\''s'");
    assert.equal(quote('$HOME'), "'$HOME'");
    assert.equal(quote('A=b'), "'A=b'", 'an assignment-looking word must not stay bare');
    assert.equal(quote('~'), "'~'");
  });

  it('refuses values no shell argument can carry', () => {
    assert.throws(() => quote('a\0b'), /NUL/);
    assert.throws(() => quote('\uD800x'), /surrogate/);
    assert.throws(() => quote(undefined as unknown as string), /takes a string, got undefined/);
    assert.equal(quote('🚀'), "'🚀'", 'a surrogate pair is a well-formed code point');
  });

  for (const shell of SHELLS) {
    it(`round-trips every tricky string through ${shell}`, async () => {
      assert.deepEqual(await roundTrip(shell, TRICKY), TRICKY);
    });

    it(`round-trips every single ASCII character and its pairs with a quote through ${shell}`, async () => {
      const values: string[] = [];
      for (let c = 1; c < 128; c++) {
        const ch = String.fromCharCode(c);
        values.push(ch, `${ch}'`, `'${ch}`, `${ch}${ch}`, `x${ch}y`);
      }
      assert.deepEqual(await roundTrip(shell, values), values);
    });

    it(`round-trips 2000 random strings of shell metacharacters through ${shell}`, async () => {
      const values = randomStrings(2000, 0xc0ffee);
      assert.deepEqual(await roundTrip(shell, values), values);
    });
  }

  it('does not glob: "*" stays "*" in a folder full of files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lvsp-quote-'));
    try {
      for (const f of ['a.ts', 'b.ts', '-rf', 'x y']) await writeFile(join(dir, f), '');
      const values = ['*', '*.ts', '?.ts', '[ab].ts', '-*', 'x*'];
      assert.deepEqual(await roundTrip('/bin/sh', values, dir), values);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('survives two shells: sudo -n sh -c QUOTED(command built with sh``)', async () => {
    const inner = sh`printf '%s\\0' ${TRICKY}`;
    const outer = `sh -c ${quote(inner)}`;
    const { stdout } = await run('/bin/sh', ['-c', outer], { encoding: 'buffer' });
    assert.deepEqual(splitNul(stdout), TRICKY);
  });
});

describe('sh``', () => {
  it('keeps the literal parts and quotes each value', () => {
    assert.equal(sh`install -m 0644 ${'/tmp/a b'} ${'/etc/x'}`, "install -m 0644 '/tmp/a b' /etc/x");
    assert.equal(sh`echo ${"it's"}`, "echo 'it'\\''s'");
    assert.equal(sh`plain`, 'plain');
  });

  it('turns arrays into separate quoted words, and an empty array into nothing', () => {
    assert.equal(sh`apt-get install -y ${['keepalived', 'ipvsadm', 'a b']}`, "apt-get install -y keepalived ipvsadm 'a b'");
    assert.equal(sh`rm -f -- ${[]}`, 'rm -f -- ');
  });

  it('accepts numbers and bigints', () => {
    assert.equal(sh`sysctl -w net.ipv4.conf.all.arp_ignore=${1} ${2n}`, 'sysctl -w net.ipv4.conf.all.arp_ignore=1 2');
  });

  it('refuses anything that is not a string, number or array of them', () => {
    const bad: unknown[] = [undefined, null, true, {}, { toString: () => 'x' }, [['nested']], NaN, Infinity];
    for (const v of bad) assert.throws(() => sh`echo ${v as string}`, TypeError, String(v));
  });

  it('runs an interpolated "A=b" as a command name, never as an assignment', async () => {
    const cmd = `${sh`${'X=1'}`} 2>/dev/null\necho "x=$X"`;
    const { stdout } = await run('/bin/sh', ['-c', cmd]);
    assert.equal(stdout, 'x=\n');
    const bare = 'X=1 2>/dev/null\necho "x=$X"';
    assert.equal((await run('/bin/sh', ['-c', bare])).stdout, 'x=1\n', 'the control: bare, it assigns');
  });

  it('delivers each array element as one argument in a real shell', async () => {
    const args = ['a b', '', '$(id)', "'", '*'];
    const { stdout } = await run('/bin/sh', ['-c', sh`printf '%s\\0' ${args} ${'end'}`], { encoding: 'buffer' });
    assert.deepEqual(splitNul(stdout), [...args, 'end']);
  });
});

/** Deterministic strings drawn from shell metacharacters, quotes, spaces,
 * newlines and multibyte characters (a fixed seed, so a failure repeats). */
function randomStrings(count: number, seed: number): string[] {
  const alphabet = [...'abc XYZ019\'"\\$`!*?[]{}()<>|&;#~=%^,.:/-_\t\n\r', 'é', '日', '🚀', '\u200b'];
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(next() * 24);
    let s = '';
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    out.push(s);
  }
  return out;
}
