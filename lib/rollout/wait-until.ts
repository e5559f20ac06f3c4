// A bounded wait that says what it waits on: polls `probe` until it returns
// { done: true }, logging the state it sees when it starts and whenever that
// state changes, and throws WaitTimeout with the last state when the bound
// passes. `probe` may also throw to stop at once (e.g. a split brain).

import { Interrupted, WaitTimeout, WatchBroken } from './errors.js';

export interface Probe {
  done: boolean;
  state: string;
}

export interface WaitOptions {
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  log?: (line: string) => void;
  /** aborts the wait (Ctrl-C) */
  signal?: AbortSignal;
}

export async function waitUntil(o: WaitOptions, probe: () => Promise<Probe>): Promise<number> {
  const started = Date.now();
  let said = '';
  for (;;) {
    if (o.signal?.aborted) throw new Interrupted(`while waiting ${o.what}`);
    const p = await probe();
    if (p.state !== said) {
      o.log?.(`waiting ${o.what}: ${p.state}`);
      said = p.state;
    }
    if (p.done) return Date.now() - started;
    if (Date.now() - started > o.timeoutMs) throw new WaitTimeout(o.what, o.timeoutMs, p.state);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 250));
  }
}

/** Holds `probe` true for `observeMs` (no failure while observing), else throws what broke it. */
export async function holdFor(o: WaitOptions & { observeMs: number }, probe: () => Promise<Probe>): Promise<void> {
  const started = Date.now();
  let said = '';
  while (Date.now() - started < o.observeMs) {
    if (o.signal?.aborted) throw new Interrupted(`while watching ${o.what}`);
    const p = await probe();
    if (!p.done) throw new WatchBroken(`${o.what} broke after ${((Date.now() - started) / 1000).toFixed(1)} s: ${p.state}`);
    if (p.state !== said) {
      o.log?.(`watching ${o.what} for ${(o.observeMs / 1000).toFixed(1)} s: ${p.state}`);
      said = p.state;
    }
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 250));
  }
}
