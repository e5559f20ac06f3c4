// The lab's time source for the director VMs. A deploy synchronises time
// first and waits for chrony (time.servers is the bridge address, 198.18.0.1,
// in the lab inventories); a container may not set its clock so chrony never
// runs there, but a VM has a clock of its own. This is a minimal NTP
// responder (mode 4 answers with the control machine's clock), bound to the
// bridge address only, so only lab hosts reach it. It runs as a detached
// `node -e` process with a pidfile; `lab down` stops it by PID.

import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { tail } from '../local-command.js';
import { LAB_STATE_DIR } from '../paths.js';
import { isRunning, type ProcessId, processId, stopProcesses } from '../processes.js';

export const TIME_SERVER_MARK = 'lvs-play-lab-time-server';
export const NTP_PORT = 123;
const PID_FILE = join(LAB_STATE_DIR, 'time-server.pid');
const LOG_FILE = join(LAB_STATE_DIR, 'time-server.log');

/** The responder's source: CommonJS for `node -e`, argv [address, port, mark]. */
export const TIME_SERVER_SCRIPT = `
const dgram = require('node:dgram');
const { performance } = require('node:perf_hooks');
const [address, port] = [process.argv[1], Number(process.argv[2])];
const NTP_EPOCH = 2208988800;
const now = () => performance.timeOrigin + performance.now();
function put(buf, at, ms) {
  const s = Math.floor(ms / 1000);
  buf.writeUInt32BE(s + NTP_EPOCH, at);
  buf.writeUInt32BE(Math.min(0xffffffff, Math.floor(((ms - s * 1000) / 1000) * 0x100000000)), at + 4);
}
const sock = dgram.createSocket('udp4');
sock.on('message', (q, peer) => {
  const received = now();
  if (q.length < 48 || (q[0] & 7) !== 3) return;          // client requests only
  const r = Buffer.alloc(48);
  r[0] = (((q[0] >> 3) & 7) << 3) | 4;                     // leap 0, the client's version, mode 4 (server)
  r[1] = 2;                                                // stratum 2
  r[2] = q[2];                                             // poll
  r[3] = 0xec;                                             // precision 2^-20 s
  r.writeUInt32BE(0x00000100, 8);                          // root dispersion 1/256 s
  r.write('LVSP', 12, 'ascii');                            // reference id
  put(r, 16, received);                                    // reference time
  q.copy(r, 24, 40, 48);                                   // origin = the client's transmit time
  put(r, 32, received);
  put(r, 40, now());
  sock.send(r, peer.port, peer.address);
});
sock.on('error', (e) => { console.error(e.message); process.exit(1); });
sock.bind(port, address, () => process.stdout.write('listening\\n'));
`;

/** The running responder: the recorded one, else the pidfile's (if that PID runs the responder). */
export function findTimeServer(recorded: ProcessId | null): ProcessId | null {
  if (recorded && isRunning(recorded)) return recorded;
  try {
    const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(TIME_SERVER_MARK)) return processId(pid);
  } catch {
    /* none */
  }
  return null;
}

/** Starts the responder on address:123 and waits until it listens. */
export async function startTimeServer(address: string, port = NTP_PORT): Promise<ProcessId> {
  const log = openSync(LOG_FILE, 'w');
  try {
    const child = spawn(process.execPath, ['-e', TIME_SERVER_SCRIPT, address, String(port), TIME_SERVER_MARK], {
      detached: true,
      stdio: ['ignore', 'pipe', log],
    });
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('listening')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    child.stdout!.destroy();
    child.unref();
    const id = child.pid === undefined ? null : processId(child.pid);
    if (!ready || !id) {
      if (id) await stopProcesses([id], 'SIGKILL', 1000);
      let why = '';
      try {
        why = tail(readFileSync(LOG_FILE, 'utf8'), 5);
      } catch {
        /* none */
      }
      throw new UserError(`the lab's time server could not listen on ${address}:${port}${why}`, {
        hint: `the director VMs synchronise their clocks with it; is something else bound to UDP port ${port} on ${address}?`,
      });
    }
    await writeFile(PID_FILE, `${id.pid}\n`);
    return id;
  } finally {
    closeSync(log);
  }
}

export async function stopTimeServer(recorded: ProcessId | null): Promise<void> {
  const p = findTimeServer(recorded);
  if (p) await stopProcesses([p], 'SIGTERM', 5000);
  await rm(PID_FILE, { force: true });
  await rm(LOG_FILE, { force: true });
}
