// The VRRP password comes from the inventory itself, an environment variable
// or a file. Whatever its source, it is checked the same way and wrapped in a
// Secret at once, so it can never reach a message.

import type { InventoryProblem } from '../errors.js';
import { FileReadError, formatBytes, readRegularFile } from '../regular-file.js';
import { Secret } from '../secret.js';
import { resolvePath } from './paths.js';
import type { InventoryAuth } from './types.js';

/** keepalived keeps only the first 8 characters of auth_pass (silently). */
export const MAX_PASSWORD_LENGTH = 8;
/** Characters keepalived's parser reads as one word: no blanks, quotes, braces, "#" or "!" (comments), no "$" (keepalived variables). */
export const PASSWORD_PATTERN = /^[A-Za-z0-9_.,:;@%+=^~*&?/|<>()[\]-]+$/;
/** A password file holds one short line; a larger file is the wrong file (and is not read). */
export const MAX_PASSWORD_FILE_BYTES = 4096;

export interface PasswordSources {
  baseDir: string;
  env?: NodeJS.ProcessEnv;
  readFile?: (path: string) => string;
}

export type PasswordResult = { secret: Secret } | { problem: InventoryProblem };

const base = '/vrrp/authentication';

/** Why a password value is unusable, or null; never quotes the value. */
export function passwordValueProblem(value: string): string | null {
  if (value.length === 0) return `is empty; give 1 to ${MAX_PASSWORD_LENGTH} characters`;
  if (value.length > MAX_PASSWORD_LENGTH) {
    return `is ${value.length} characters long; keepalived silently truncates auth_pass to ${MAX_PASSWORD_LENGTH}, use at most ${MAX_PASSWORD_LENGTH}`;
  }
  if (!PASSWORD_PATTERN.test(value)) {
    return 'contains a character keepalived cannot read in auth_pass (blank, quote, brace, "#", "!", "$" or non-ASCII); use letters, digits and _.,:;@%+=^~*&?/|<>()[]-';
  }
  return null;
}

export function readPassword(auth: InventoryAuth, opts: PasswordSources): PasswordResult {
  const env = opts.env ?? process.env;
  let value: string;
  let where: string;
  let source: string;
  if (auth.password !== undefined) {
    value = auth.password;
    where = `${base}/password`;
    source = 'the password';
  } else if (auth.passwordEnv !== undefined) {
    where = `${base}/passwordEnv`;
    const v = env[auth.passwordEnv];
    if (v === undefined) {
      return {
        problem: {
          path: where,
          message: `environment variable ${auth.passwordEnv} is not set; export it with the VRRP password (at most ${MAX_PASSWORD_LENGTH} characters)`,
        },
      };
    }
    value = v;
    source = `the value of ${auth.passwordEnv}`;
  } else if (auth.passwordFile !== undefined) {
    where = `${base}/passwordFile`;
    const file = resolvePath(auth.passwordFile, opts.baseDir, env);
    try {
      value = (opts.readFile ?? ((p) => readRegularFile(p, MAX_PASSWORD_FILE_BYTES)))(file).replace(/\r?\n$/, '');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        err instanceof FileReadError
          ? err.reason
          : code === 'ENOENT'
            ? 'does not exist'
            : `cannot be read (${code ?? (err as Error).message})`;
      const size = err instanceof FileReadError && err.code === 'EFBIG' ? ` (at most ${formatBytes(MAX_PASSWORD_FILE_BYTES)})` : '';
      return {
        problem: {
          path: where,
          message: `password file ${file} ${why}; create it${size} with the VRRP password on one line, or use password or passwordEnv`,
        },
      };
    }
    source = `the content of ${file}`;
  } else {
    return { problem: { path: base, message: 'has no password; give exactly one of password, passwordEnv or passwordFile' } };
  }
  const problem = passwordValueProblem(value);
  if (problem) return { problem: { path: where, message: `${source} ${problem}` } };
  return { secret: new Secret(value) };
}
