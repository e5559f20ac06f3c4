// Ctrl-C and SIGTERM during `lvs-play drain`/`undrain` (lib/rollout/drain-interrupt.ts),
// with real signals sent to a process holding the handler: before any switch
// is touched the first one exits at once; while switches are set it only
// asks the run to stop after that step, and a second one exits; while
// waiting it ends the wait.

import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('../fixtures/signals/drain-interrupt.ts', import.meta.url));
const started: ChildProcess[] = [];

interface Held {
  proc: ChildProcess;
  out(): string;
  exited: Promise<number | null>;
}

async function hold(phase: string, what = 'drain'): Promise<Held> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, phase, what], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(proc);
  let out = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (!out.includes('ready\n')) {
    if (Date.now() > deadline) throw new Error(`the child did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { proc, out: () => out, exited };
}

/** Whether the process is still running after `ms`. */
async function aliveAfter(h: Held, ms: number): Promise<boolean> {
  return Promise.race([h.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);
}

describe('drain and undrain on SIGINT and SIGTERM', () => {
  afterEach(() => {
    // a failed assertion leaves its child running: end it by its own pid
    for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  });

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
