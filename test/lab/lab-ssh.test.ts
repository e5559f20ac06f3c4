// `lvs-play lab ssh` on the lab (`npx tsc -p tsconfig.json` first): a
// command on a lab host through the lab's bridge, its output and its exit
// status passed through.

import { strict as assert } from 'node:assert';
import { lvsPlay } from '../support/cli.js';
import { useLab } from '../support/lab.js';

describe('lvs-play lab ssh on the lab', function () {
  this.timeout(10 * 60_000);
  useLab();

  it("runs a command on the host and returns the command's own exit status", async () => {
    const name = await lvsPlay(['lab', 'ssh', 'lvs-dr', '--', 'hostname']);
    assert.equal(name.code, 0, name.stderr);
    assert.equal(name.stdout.trim(), 'lvs-dr');
    // as with ssh, the words after -- are joined and run by the host's shell
    const failing = await lvsPlay(['lab', 'ssh', 'lvs01', '--', 'echo on-lvs01 >&2;', 'exit', '3']);
    assert.equal(failing.code, 3);
    assert.match(failing.stderr, /on-lvs01/);
  });
});
