// Ctrl-C and SIGTERM during `lvs-play recover` (lib/run/finish-on-interrupt.ts),
// with real signals sent to a process holding the handler: the first one
// does not stop it (recover stopped halfway leaves hosts half undone), it
// only says so; a second one exits.

import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { aliveAfter, endStarted, startSignalChild } from '../support/signal-child.js';

const child = fileURLToPath(new URL('../fixtures/signals/finish-on-interrupt.ts', import.meta.url));

describe('recover on SIGINT and SIGTERM', () => {
  afterEach(endStarted);

  it('the first SIGINT only says recover goes on to its end; a second exits 130', async () => {
    const c = await startSignalChild(child);
    c.proc.kill('SIGINT');
    assert.equal(await aliveAfter(c, 500), true, c.out());
    assert.match(
      c.out(),
      /^SIGINT: recover goes on to its end: stopping halfway would leave hosts half undone \(SIGINT again exits at once\)$/m,
    );
    c.proc.kill('SIGINT');
    assert.equal(await c.exited, 130);
    assert.match(c.out(), /^SIGINT again: exiting now \(the hosts' journals keep what is left: lvs-play recover finishes it\)$/m);
  });

  it('SIGTERM twice exits 143', async () => {
    const c = await startSignalChild(child);
    c.proc.kill('SIGTERM');
    assert.equal(await aliveAfter(c, 300), true, c.out());
    c.proc.kill('SIGTERM');
    assert.equal(await c.exited, 143);
  });
});
