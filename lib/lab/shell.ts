// `lvs-play lab ssh HOST [-- COMMAND...]`: a shell, or one command, on a lab
// host, connected the way a deploy connects (the lab's key and known_hosts,
// strict host keys, no agent, no user ssh_config) and only after the route
// to the host is checked. A raw ssh line copied from the docs skips that
// check: with the lab down, its packets took the default route.

import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';
import { quoted } from '../terminal-text.js';
import { readLabSpec } from './inventory.js';
import { assertLabRoute } from './route.js';
import { labSshArgs } from './ssh.js';
import { labInventoryOf, readState } from './state.js';

/** The ssh arguments: a terminal for an interactive shell, the command after `--` otherwise. */
export function labShellArgs(address: string, command: string[], interactive: boolean): string[] {
  return [...(interactive && command.length === 0 ? ['-t'] : []), ...labSshArgs(address), ...(command.length ? ['--', ...command] : [])];
}

/** The host's lab address, from the inventory the lab was brought up with (or the one given). */
export async function labHostAddress(host: string, inventory?: string): Promise<string> {
  const state = await readState();
  const spec = await readLabSpec(labInventoryOf(inventory, state));
  const found = spec.hosts.find((h) => h.name === host);
  if (!found)
    throw new UserError(`lab ssh: no host ${quoted(host)} in ${spec.file}`, {
      hint: `lab hosts: ${spec.hosts.map((h) => h.name).join(', ')}`,
    });
  return found.address;
}

/**
 * Runs ssh with this terminal (stdin, stdout, stderr inherited: a long-lived
 * interactive process, so not through local-command.ts); resolves with its
 * exit status, which is the remote command's.
 */
export async function labShell(host: string, command: string[], inventory?: string): Promise<number> {
  const address = await labHostAddress(host, inventory);
  await assertLabRoute(address);
  const child = spawn('ssh', labShellArgs(address, command, process.stdin.isTTY === true), { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new UserError(`lab ssh: cannot run ssh: ${err.message}`, { cause: err })));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)));
  });
}
