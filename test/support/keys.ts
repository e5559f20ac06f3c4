// Real SSH keys for tests, made by ssh-keygen in a folder the test owns.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../lib/lab/local-command.js';

export interface TestKey {
  type: string; // "ssh-ed25519", "ecdsa-sha2-nistp256", ...
  privateFile: string;
  publicFile: string;
  publicLine: string; // "TYPE BASE64" (no comment)
  blob: Buffer; // the public key blob
}

/** ssh-keygen -t TYPE into DIR/NAME; passphrase '' for none. */
export async function generateKey(
  dir: string,
  name: string,
  type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519',
  passphrase = '',
): Promise<TestKey> {
  const privateFile = join(dir, name);
  const args = ['-q', '-t', type, '-N', passphrase, '-C', `lvsp-test-${name}`, '-f', privateFile];
  if (type === 'rsa') args.push('-b', '2048');
  await run('ssh-keygen', args);
  const [keyType, base64] = (await readFile(`${privateFile}.pub`, 'utf8')).trim().split(' ');
  return {
    type: keyType!,
    privateFile,
    publicFile: `${privateFile}.pub`,
    publicLine: `${keyType} ${base64}`,
    blob: Buffer.from(base64!, 'base64'),
  };
}
