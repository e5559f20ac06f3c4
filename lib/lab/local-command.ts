// Local commands of the lab, the bench and the tests, run through zx: zx
// quotes every argument, captures the output and does not throw on a nonzero
// exit (nothrow); this module adds what zx 8.8 lacks (docs/local-commands.md):
// bash started with nothing from the caller's environment that could change
// what runs, output decoded as one buffer, a timeout that is reported as a
// timeout and ends in SIGKILL, and failures that say which command failed and
// what it printed.

import { type ChildProcess, execFile, type SpawnOptions, spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { constants } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ProcessOutput, ProcessPromise, Shell } from 'zx';
import { UserError } from '../errors.js';

export interface RunOptions {
  env?: NodeJS.ProcessEnv; // added to process.env
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  signal?: AbortSignal; // aborting ends the command (SIGTERM, then SIGKILL); tryRun then rejects
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BASH = '/bin/bash';
/** How long a command gets between SIGTERM and SIGKILL once it timed out or was cancelled. */
export const KILL_GRACE_MS = 2000;

/**
 * Variables bash reads at start-up that could change what runs: a file it
 * sources (BASH_ENV, ENV), shell options (SHELLOPTS, BASHOPTS), exported
 * functions (BASH_FUNC_name%%) and the rest of its start-up inputs.
 */
export function isShellStartupVariable(name: string): boolean {
  return (
    name.startsWith('BASH_FUNC_') ||
    ['BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'BASH_XTRACEFD', 'GLOBIGNORE', 'CDPATH', 'PS4'].includes(name)
  );
}

function commandEnv(added: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries({ ...process.env, ...added })) if (v !== undefined && !isShellStartupVariable(k)) env[k] = v;
  return env;
}

// zx hands us the command line; bash runs it without reading any start-up file.
function spawnBash(command: string, _args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(BASH, ['--norc', '--noprofile', '-c', command], { ...options, shell: false });
}

// zx is loaded on the first command: its import costs 160-600 ms
// (docs/local-commands.md), and the CLI loads this module on every start.
// Every zx option that an environment variable (ZX_PREFIX, ZX_SHELL, ...) or
// another module could set is pinned here.
let shell: Promise<Shell> | undefined;
function zx(): Promise<Shell> {
  shell ??= import('zx').then(({ $ }) =>
    $({
      shell: BASH,
      spawn: spawnBash as typeof spawn,
      prefix: '',
      postfix: '',
      nothrow: true,
      quiet: true,
      verbose: false,
      preferLocal: false,
      detached: false,
      timeout: 0,
    }),
  );
  return shell;
}

/** Runs a command and resolves with its exit code; rejects only if it cannot be started, times out or is cancelled. */
export async function tryRun(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  for (const a of [cmd, ...args]) if (a.includes('\0')) throw new UserError(`${describe(cmd, args)}: an argument contains a NUL byte`);
  if (opts.signal?.aborted) throw new UserError(`${describe(cmd, args)} was cancelled`);
  const env = commandEnv(opts.env);
  const store = { stdout: [] as (Buffer | string)[], stderr: [] as (Buffer | string)[], stdall: [] as (Buffer | string)[] };
  // `exec` makes bash look the command up in PATH and become it: no shell
  // function or builtin of that name runs, and signals reach the command.
  // zx's default cwd is the one at import time; execFile's was the current one
  const p = (await zx())({ env, cwd: opts.cwd ?? process.cwd(), input: opts.input, store })`exec -- ${cmd} ${args}`;

  let ending: 'timeout' | 'cancelled' | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const end = (why: 'timeout' | 'cancelled') => {
    if (ending) return;
    ending = why;
    kill(p, 'SIGTERM');
    killTimer = setTimeout(() => kill(p, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timer = opts.timeoutMs ? setTimeout(() => end('timeout'), opts.timeoutMs) : undefined;
  const onAbort = () => end('cancelled');
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) end('cancelled'); // while zx was loading
  let out: ProcessOutput;
  try {
    out = await p;
  } finally {
    clearTimeout(timer);
    clearTimeout(killTimer);
    opts.signal?.removeEventListener('abort', onAbort);
  }

  if (ending === 'timeout') throw new UserError(`${describe(cmd, args)} did not finish within ${opts.timeoutMs} ms`);
  if (ending === 'cancelled') throw new UserError(`${describe(cmd, args)} was cancelled`);
  if (out.cause) throw new UserError(`${describe(cmd, args)} could not be started: ${out.cause.message}`, { cause: out.cause });
  const code = out.exitCode ?? 128 + signalNumber(out.signal);
  if (code === 127 && !findCommand(cmd, env.PATH ?? '', opts.cwd)) throw new UserError(`${cmd}: command not found`);
  // zx decodes each chunk on its own and so breaks a character split between two chunks
  return { code, stdout: decode(store.stdout), stderr: decode(store.stderr) };
}

/** Runs a command that must succeed; a failure is a UserError with the tail of its output. */
export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await tryRun(cmd, args, opts);
  if (r.code !== 0) throw new UserError(`${describe(cmd, args)} failed (exit ${r.code})${tail(r.stderr || r.stdout)}`);
  return r.stdout;
}

/**
 * The same contract without zx or a shell, for a command on the path of every
 * connection (the lab route guard): execFile starts it directly, 8-25 ms
 * faster than bash through zx (docs/local-commands.md). No timeout or abort:
 * it is for short lookups only.
 */
export function tryRunDirect(cmd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') {
        if (err.code === 'ENOENT') reject(new UserError(`${cmd}: command not found`));
        else reject(new UserError(`${describe(cmd, args)} failed: ${err.message}`, { cause: err }));
        return;
      }
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

export function describe(cmd: string, args: string[]): string {
  const shown = args.length > 8 ? [...args.slice(0, 8), '…'] : args;
  return [cmd, ...shown].join(' ');
}

export function tail(text: string, lines = 15): string {
  const t = text.trimEnd().split('\n').slice(-lines).join('\n');
  return t ? `:\n${t}` : '';
}

function decode(chunks: (Buffer | string)[]): string {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');
}

// zx's kill signals the whole process tree, so a grandchild that holds the
// output pipes open ends too; it throws once the process has ended.
function kill(p: ProcessPromise, signal: NodeJS.Signals): void {
  try {
    p.kill(signal).catch(() => {});
  } catch {
    // already ended
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? (constants.signals[signal] ?? 0) : 0;
}

/** Is there an executable `cmd` where bash would look for it? Asked only after exit 127. */
function findCommand(cmd: string, path: string, cwd = process.cwd()): boolean {
  const candidates = cmd.includes('/') ? [isAbsolute(cmd) ? cmd : resolve(cwd, cmd)] : path.split(':').map((d) => join(d || '.', cmd));
  return candidates.some((f) => {
    try {
      accessSync(f, fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
