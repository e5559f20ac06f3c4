// The control machine's side of the run lock: the same shell commands as on
// a host (lock-commands.ts), run by a local sh. The keeper's stdin is a pipe
// from this process, so if lvs-play dies in any way the pipe closes, the
// keeper ends, and the kernel releases the lock.

import { spawn } from 'node:child_process';
import type { ExecResult, HoldResult } from '../ssh/transport.js';

export function localExec(command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 255, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

export function localHold(command: string): Promise<HoldResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const ended = new Promise<void>((done) =>
      child.on('close', (code) => {
        done();
        if (settled) return;
        settled = true;
        resolve({
          exited: { code: code ?? 255, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') },
        });
      }),
    );
    child.on('error', (e) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdout.on('data', (d: Buffer) => {
      out.push(d);
      const text = Buffer.concat(out).toString('utf8');
      const nl = text.indexOf('\n');
      if (nl < 0 || settled) return;
      settled = true;
      // held: the keeper must not keep lvs-play alive if a caller forgets to release it
      const handles = [
        child,
        ...[child.stdin, child.stdout, child.stderr].map((s) => (s as unknown as { _handle?: { ref?(): void; unref?(): void } })._handle),
      ];
      for (const h of handles) h?.unref?.();
      // ref'd again while releasing, so the process waits for the keeper to end
      const release = async () => {
        for (const h of handles) h?.ref?.();
        child.stdin.end();
        await ended;
      };
      resolve({ held: { line: text.slice(0, nl), ended, release } });
    });
  });
}
