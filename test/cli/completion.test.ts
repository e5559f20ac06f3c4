// `lvs-play completion bash|zsh`: the scripts are loaded into a real bash and
// a real zsh and their completion function is called as the shell would call
// it on TAB, with `lvs-play` on PATH as users have it.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryNames, optionsOfUsage } from '../../lib/cli/completion.js';
import { lvsPlay } from '../support/cli.js';

const root = new URL('../../', import.meta.url).pathname;

describe('completion: the pure parts', () => {
  it('takes every option a usage text names, once, in order', () => {
    assert.deepEqual(optionsOfUsage('Usage: x [--limit H] [--json]\n  --limit again, --dry-run; not a-b--c'), [
      '--limit',
      '--json',
      '--dry-run',
    ]);
  });

  it('offers host and group names from an inventory, read leniently, never a name a shell would act on', () => {
    assert.deepEqual(
      inventoryNames({ hosts: [{ name: 'lvs-dr' }, { name: '$(reboot)' }, { address: 'x' }, 7], groups: { directors: [], 'a b': [] } }),
      ['lvs-dr', 'directors'],
    );
    assert.deepEqual(inventoryNames([1, 2]), []);
    assert.deepEqual(inventoryNames(null), []);
  });
});

describe('completion: in bash and zsh', function () {
  this.timeout(120_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-completion-'));
    const wrapper = join(dir, 'lvs-play');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'dist/lib/cli/main.js'))} "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** what bash's TAB offers after `line` (the word being completed is the last one, possibly empty) */
  const bash = (line: string): string[] => {
    const script = `eval "$(lvs-play completion bash)"
COMP_WORDS=(${line}); [[ "${line}" == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_lvs_play
printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: root, env, encoding: 'utf8' }).split('\n').filter(Boolean);
  };

  /** the same in zsh, compadd (matching the word's prefix, as zsh does) and _files standing in for the completion system */
  const zsh = (line: string): string[] => {
    const script = `autoload -U compinit && compinit -u -D
eval "$(lvs-play completion zsh)"
compadd() { [[ $1 == -- ]] && shift; local w; for w in "$@"; do [[ $w == "\${words[CURRENT]}"* ]] && print -r -- $w; done; return 0; }
_files() { print -l -- "FILES $*"; }
words=(${line}); [[ "${line}" == *' ' ]] && words+=('')
CURRENT=\${#words}
_lvs_play`;
    return execFileSync('zsh', ['-f', '-c', script], { cwd: root, env, encoding: 'utf8' }).split('\n').filter(Boolean);
  };

  it('prints a script for bash and for zsh, and refuses another shell', async () => {
    assert.match((await lvsPlay(['completion', 'bash'])).stdout, /complete -o filenames -F _lvs_play lvs-play/);
    assert.match((await lvsPlay(['completion', 'zsh'])).stdout, /^#compdef lvs-play/);
    const fish = await lvsPlay(['completion', 'fish']);
    assert.deepEqual([fish.code, fish.stderr], [1, 'error: completion: bash or zsh\nhint: eval "$(lvs-play completion bash)"\n']);
  });

  for (const [shell, complete] of [
    ['bash', bash],
    ['zsh', zsh],
  ] as const) {
    it(`${shell}: commands, options, actions and the inventory's host and group names after --limit`, () => {
      assert.deepEqual(complete('lvs-play ch'), ['check']);
      assert.deepEqual(complete('lvs-play re').sort(), ['recover', 'render']);
      assert.deepEqual(complete('lvs-play check inventory/example.json --l'), ['--limit']);
      assert.ok(complete('lvs-play deploy inventory/example.json --').includes('--no-rollback'));
      assert.ok(complete('lvs-play deploy inventory/example.json --').includes('--no-color'));
      assert.deepEqual(complete('lvs-play lab '), ['up', 'status', 'down', 'ssh']);
      assert.deepEqual(complete('lvs-play check inventory/example.json --limit '), [
        'lvs-dr',
        'lvs-dr2',
        'lvs01',
        'lvs02',
        'directors',
        'realservers',
      ]);
      assert.deepEqual(complete('lvs-play render inventory/example.json --host lvs-d'), ['lvs-dr', 'lvs-dr2']);
      // no readable inventory on the line: no names, and no error
      assert.deepEqual(complete('lvs-play check nowhere.json --limit '), []);
    });
  }

  it('bash: inventory files and folders for the INVENTORY argument; zsh hands it to _files with *.json', () => {
    assert.ok(bash('lvs-play deploy inv').includes('inventory'));
    assert.deepEqual(zsh('lvs-play deploy inv'), ['FILES -g *.json']);
  });
});
