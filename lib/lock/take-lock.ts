// Taking one run lock (a host's, or the control machine's for a cluster)
// without waiting: either it is ours at once, or the refusal names the run
// that holds it. A holder whose lvs-play process is certainly gone (this
// machine's own process, dead, or from before this machine's reboot) but
// whose keeper lives on (a half-open connection) has its keeper ended and the
// lock taken; nothing is ever taken over because of its age.

import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import type { ExecResult, Held, HoldResult } from '../ssh/transport.js';
import { bootId, describeHolder, holderIsGoneFromHere, type LockHolder, parseHolder, processAlive } from './holder.js';
import { endKeeperCommand, LOCK_TAKEN, type LockPaths, parseTakenLine, takeCommand } from './lock-commands.js';

/** Where a lock is taken: a host's transport, or the local shell. */
export interface LockTarget {
  exec(command: string, options?: { timeoutMs?: number }): Promise<ExecResult>;
  hold(command: string, options?: { timeoutMs?: number }): Promise<HoldResult>;
}

/** Another run holds the lock: the CLI prints this and exits 1. */
export class LockHeld extends UserError {
  readonly where: string;
  readonly holder: LockHolder | null;
  constructor(where: string, holder: LockHolder | null, raw: string) {
    super(
      `${where}: another lvs-play run is in progress: ${holder ? describeHolder(holder) : `holder unreadable (${JSON.stringify(raw.slice(0, 120))})`}`,
      {
        hint:
          'wait for it to end; a run whose process is gone releases its locks by itself (its connections close); ' +
          'if it was cut off without closing them (its machine lost power), they end when sshd drops those connections',
      },
    );
    this.where = where;
    this.holder = holder;
  }
}

const TAKE_TIMEOUT_MS = 30_000;
/** our own earlier keeper (a connection just lost) may take a moment to end */
const OWN_KEEPER_RETRIES = 20;
/** a lock just taken by another run whose holder file is not written yet */
const UNWRITTEN_HOLDER_RETRIES = 20;

export async function takeLock(target: LockTarget, paths: LockPaths, holder: LockHolder, where: string): Promise<Held> {
  const here = { host: hostname(), bootId: bootId(), alive: processAlive };
  let endedKeeper = false;
  for (let attempt = 0; ; attempt++) {
    const r = await target.hold(takeCommand(paths, JSON.stringify(holder)), { timeoutMs: TAKE_TIMEOUT_MS });
    let refusal: string;
    if ('held' in r) {
      if (r.held.line === 'locked') return r.held;
      // "held ...": refused; the command ends by itself right after that line
      await r.held.release();
      if (!r.held.line.startsWith('held '))
        throw new Error(`${where}: the lock's keeper printed ${JSON.stringify(r.held.line.slice(0, 80))} instead of "locked"`);
      refusal = r.held.line;
    } else {
      if (r.exited.code !== LOCK_TAKEN) {
        const why = (r.exited.stderr || r.exited.stdout).trim().split('\n').pop() ?? '';
        throw new UserError(`${where}: cannot take the run lock (exit ${r.exited.code}${why ? `: ${why}` : ''})`, {
          hint: r.exited.code === 127 ? 'lvs-play needs flock (util-linux) on every host' : undefined,
        });
      }
      refusal = r.exited.stdout;
    }
    const taken = parseTakenLine(refusal);
    const other = taken ? parseHolder(taken.line) : null;
    if (!other && attempt < UNWRITTEN_HOLDER_RETRIES) {
      // the holder writes its file just after it took the lock: read it again in a moment
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    if (other && taken && other.runId === holder.runId && attempt < OWN_KEEPER_RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    if (other && taken && !endedKeeper && holderIsGoneFromHere(other, here)) {
      await target.exec(endKeeperCommand(taken.pid, taken.start), { timeoutMs: 10_000 });
      endedKeeper = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    throw new LockHeld(where, other, taken?.line ?? '');
  }
}
