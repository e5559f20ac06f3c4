// Ctrl-C and SIGTERM during `lvs-play drain`/`undrain` (lib/rollout/drain-interrupt.ts),
// with real signals sent to a process holding the handler: before any switch
// is touched the first one exits at once; while switches are set it only
// asks the run to stop after that step, and a second one exits; while
// waiting it ends the wait.

import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { aliveAfter, endStarted, startSignalChild } from '../support/signal-child.js';

const child = fileURLToPath(new URL('../fixtures/signals/drain-interrupt.ts', import.meta.url));
const hold = (phase: string, what = 'drain') => startSignalChild(child, [phase, what]);

describe('drain and undrain on SIGINT and SIGTERM', () => {
  afterEach(endStarted);

  it('before any switch is touched: the first SIGINT exits 130 at once, saying nothing was drained', async () => {
    const h = await hold('before');
    h.proc.kill('SIGINT');
    assert.equal(await h.exited, 130);
    assert.equal(h.out(), 'ready\nSIGINT: stopped before any switch was set: nothing drained\n');
  });

  it('before, for undrain, on SIGTERM: exits 143, nothing undrained', async () => {
    const h = await hold('before', 'undrain');
    h.proc.kill('SIGTERM');
    assert.equal(await h.exited, 143);
    assert.match(h.out(), /^SIGTERM: stopped before any switch was cleared: nothing undrained$/m);
  });

  it('while the switches are set: the first SIGINT does not end the process, it asks the run to stop after the step; a second exits 130', async () => {
    const h = await hold('switching');
    h.proc.kill('SIGINT');
    assert.equal(await aliveAfter(h, 500), true, h.out());
    assert.match(h.out(), /^SIGINT: stopping once the drain switch is set on every director \(SIGINT again exits at once\)$/m);
    assert.match(h.out(), /^aborted by SIGINT, exit code 130$/m);
    h.proc.kill('SIGINT');
    assert.equal(await h.exited, 130);
    assert.match(h.out(), /^SIGINT again: exiting now \(the record keeps every director the switch may be set on\)$/m);
  });

  it('while waiting: SIGTERM ends the wait (the run then says what stands) with exit code 143', async () => {
    const h = await hold('waiting');
    h.proc.kill('SIGTERM');
    assert.equal(await aliveAfter(h, 300), true, h.out());
    assert.match(h.out(), /^SIGTERM: stopping the wait$/m);
    assert.match(h.out(), /^aborted by SIGTERM, exit code 143$/m);
  });
});
