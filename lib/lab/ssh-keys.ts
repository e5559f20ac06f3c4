// The lab's own credentials: the key pair lvs-play logs in with, one SSH host
// key per container (kept across `lab down`, so known_hosts stays valid), the
// known_hosts file the inventory points at, and the VRRP password file.

import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './local-command.js';
import { labFiles } from './paths.js';
import { writeFileAtomic } from './state.js';

export async function ensureLabKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  await mkdir(labFiles.sshDir, { recursive: true, mode: 0o700 });
  await ensureKey(labFiles.sshKey, 'lvs-play lab');
  return { privateKey: labFiles.sshKey, publicKey: (await readFile(`${labFiles.sshKey}.pub`, 'utf8')).trim() };
}

/** The host's ed25519 host key pair: [private key file, public key line]. */
export async function ensureHostKey(hostKeyDir: string, host: string): Promise<{ privateKey: string; publicKey: string }> {
  await mkdir(hostKeyDir, { recursive: true, mode: 0o700 });
  const file = join(hostKeyDir, 'ssh_host_ed25519_key');
  await ensureKey(file, `root@${host}`);
  return { privateKey: file, publicKey: (await readFile(`${file}.pub`, 'utf8')).trim() };
}

async function ensureKey(file: string, comment: string): Promise<void> {
  if (existsSync(file) && existsSync(`${file}.pub`)) return;
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

/** Plain "ADDRESS ssh-ed25519 AAAA..." lines: strict host-key checking against exactly the lab's hosts. */
export async function writeKnownHosts(entries: { address: string; publicKey: string }[]): Promise<void> {
  const lines = entries.map((e) => {
    const [type, key] = e.publicKey.split(/\s+/);
    return `${e.address} ${type} ${key}`;
  });
  await writeFileAtomic(labFiles.knownHosts, `${lines.join('\n')}\n`, 0o644);
}

const PASSWORD_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 8 random characters (keepalived's auth_pass limit), created once; never printed. */
export async function ensureVrrpPassword(): Promise<string> {
  if (existsSync(labFiles.vrrpPassword)) return labFiles.vrrpPassword;
  const pass = Array.from({ length: 8 }, () => PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)]).join('');
  await writeFileAtomic(labFiles.vrrpPassword, `${pass}\n`, 0o600);
  return labFiles.vrrpPassword;
}
