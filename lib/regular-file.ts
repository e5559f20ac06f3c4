// Reading a file the user names (an inventory, a password file, a switch
// record) without trusting what it is: only a regular file, at most a given
// size. A FIFO would block a plain read forever (and a plain open, until a
// writer comes), /dev/zero or /dev/urandom would never end, a directory or a
// socket cannot be read: each is refused with what it is. The open itself is
// O_NONBLOCK so that even a FIFO cannot make it wait.

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why a file could not be read, as the end of a sentence: "does not exist", "is a directory, not a regular file". */
export class FileReadError extends Error {
  readonly reason: string;
  readonly code?: string;
  constructor(reason: string, code?: string) {
    super(reason);
    this.name = 'FileReadError';
    this.reason = reason;
    this.code = code;
  }
}

/** 1 MiB, 4 KiB, 1.5 MiB: for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a plain file';
}

function openReason(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'does not exist';
    case 'ENOTDIR':
      return 'does not exist (a folder on its path is a file)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'ELOOP':
      return 'is a symbolic link that loops';
    case 'ENXIO':
      return 'is a socket or a device without a reader, not a regular file';
    case 'EISDIR':
      return 'is a directory, not a regular file';
    default:
      return `cannot be read (${err.code ?? err.message})`;
  }
}

/**
 * The content of a regular file of at most maxBytes, as UTF-8. Throws a
 * FileReadError saying why not; never blocks on a FIFO or a device.
 */
export function readRegularFile(path: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    throw new FileReadError(openReason(err as NodeJS.ErrnoException), (err as NodeJS.ErrnoException).code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileReadError(`is ${kindOf(st)}, not a regular file`, 'ENOTREG');
    const tooLarge = (size: string) => new FileReadError(`is larger than ${formatBytes(maxBytes)} (${size})`, 'EFBIG');
    if (st.size > maxBytes) throw tooLarge(formatBytes(st.size));
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - length));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new FileReadError(
          `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
          (err as NodeJS.ErrnoException).code,
        );
      }
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw tooLarge('and still growing');
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
