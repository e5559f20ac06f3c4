// The README's examples are printed exactly as the commands print them: every
// fenced block whose lines start with "$ npx lvs-play" is run (the built CLI,
// no lab: only such examples are written with a "$" prompt) in a folder with
// the repository's inventory/ and schema/ and the files of
// test/fixtures/readme/, and its output (stdout and stderr, in order) must be
// the lines that follow the command in the block.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'dist/lib/cli/main.js');

interface Example {
  command: string;
  output: string;
  line: number;
}

/** "$ " lines of the README's fenced blocks, each with the lines after it up to the next "$ " or the fence. */
function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let inBlock = false;
  let current: Example | null = null;
  markdown.split('\n').forEach((text, i) => {
    if (text.startsWith('```')) {
      inBlock = !inBlock;
      current = null;
      return;
    }
    if (!inBlock) return;
    if (text.startsWith('$ npx lvs-play ')) {
      current = { command: text.slice(2), output: '', line: i + 1 };
      examples.push(current);
    } else if (current) {
      (current as Example).output += `${text}\n`;
    }
  });
  return examples;
}

describe("the README's examples", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-readme-'));
    cpSync(join(root, 'test/fixtures/readme'), dir, { recursive: true });
    symlinkSync(join(root, 'inventory'), join(dir, 'inventory'));
    symlinkSync(join(root, 'schema'), join(dir, 'schema'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const examples = readmeExamples(readFileSync(join(root, 'README.md'), 'utf8'));

  it('has examples to run', () => {
    assert.ok(examples.length >= 2, `found ${examples.length}`);
  });

  for (const ex of examples) {
    it(`README.md:${ex.line}: ${ex.command}`, () => {
      const argv = ex.command.replace(/^npx lvs-play /, '');
      let output: string;
      try {
        output = execFileSync('sh', ['-c', `"$0" "$1" ${argv} 2>&1`, process.execPath, bin], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        });
      } catch (err) {
        output = (err as { stdout: string }).stdout;
      }
      assert.equal(output, ex.output);
    });
  }
});
