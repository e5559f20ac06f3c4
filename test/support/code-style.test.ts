// The formatter and linter run with the tests, so CI refuses code that is not
// formatted or that the linter flags (biome.json says which rules and why).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('code style', function () {
  this.timeout(60_000);

  it('biome finds nothing to format and no lint error or warning (npm run lint; npm run format fixes most)', async () => {
    const r = await run('node_modules/.bin/biome', ['ci', '--error-on-warnings', '--colors=off', '--max-diagnostics=20', '.']).then(
      (ok) => ({ code: 0, out: ok.stdout + ok.stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code ?? 1,
        out: `${err.stdout ?? ''}${err.stderr ?? ''}`,
      }),
    );
    assert.equal(r.code, 0, r.out);
  });
});
