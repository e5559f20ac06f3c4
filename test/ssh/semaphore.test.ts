import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { Semaphore } from '../../lib/ssh/semaphore.js';

describe('Semaphore', () => {
  it('never lets more than `limit` run at once, and runs every one in order of arrival', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sem.run(async () => {
          started.push(i);
          peak = Math.max(peak, ++running);
          await sleep(i % 4);
          running--;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      started,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.equal(sem.active, 0);
    assert.equal(sem.waiting, 0);
  });

  it('gives the slot back when the holder throws, and a release twice counts once', async () => {
    const sem = new Semaphore(1);
    await assert.rejects(
      sem.run(async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    const release = await sem.acquire();
    release();
    release();
    assert.equal(sem.active, 0);
    const a = await sem.acquire();
    let secondGotIn = false;
    const b = sem.acquire().then((r) => {
      secondGotIn = true;
      return r;
    });
    await sleep(5);
    assert.equal(secondGotIn, false, 'the second waits while the first holds the only slot');
    a();
    (await b)();
    assert.equal(secondGotIn, true);
  });

  it('refuses a limit below 1', () => {
    assert.throws(() => new Semaphore(0), RangeError);
  });
});
