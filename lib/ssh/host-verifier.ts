// Host key policy, as OpenSSH's StrictHostKeyChecking=yes (or accept-new
// when the user asks): a recorded key is accepted, an unknown key is refused
// unless acceptNew (then recorded), a changed or revoked key is always
// refused. Nothing is ever accepted silently.

import { HostError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import { FileReadError } from '../regular-file.js';
import { quote } from '../shell/quote.js';
import { safeText } from '../terminal-text.js';
import { fingerprint, keyTypeOf, knownHostsName } from './known-hosts.js';
import { knownHostsFiles, type LoadedKnownHosts, loadKnownHostsFiles, recordKnownHost } from './known-hosts-files.js';
import { lookupHostKeyIn } from './known-hosts-index.js';
import { sshAddress } from './ssh-address.js';

export interface HostKeyPolicy {
  /** record an unknown key and accept it (--accept-new-host-keys) */
  acceptNew?: boolean;
  /** write recorded names hashed, like OpenSSH's HashKnownHosts */
  hashKnownHosts?: boolean;
}

export type HostKeyDecision =
  | { accept: true; recorded: boolean; keyType: string; fingerprint: string }
  | { accept: false; error: HostError };

/** Check the key a host offers against its known_hosts file (recording it
 * when it is new and the policy says so). Never throws: a refusal is a
 * decision with the error to show. */
export async function checkHostKey(host: Host, key: Buffer, policy: HostKeyPolicy = {}): Promise<HostKeyDecision> {
  const files = knownHostsFiles(host);
  const file = files[0]!; // where a new key is recorded
  const address = sshAddress(host);
  const { port } = host.ssh;
  const where = `${host.name} (${address}:${port})`;
  const keyType = keyTypeOf(key) ?? 'unknown-type';
  const offered = fingerprint(key);

  let loaded: LoadedKnownHosts[];
  try {
    loaded = await loadKnownHostsFiles(files);
  } catch (err) {
    const bad = (err as { file?: string }).file ?? file;
    const why =
      err instanceof FileReadError
        ? `known_hosts file ${bad} ${err.reason}`
        : `cannot read known_hosts file ${bad}: ${(err as Error).message}`;
    return refuse(host, why, 'fix it (a regular file, readable), or set ssh.knownHosts in the inventory', err);
  }
  for (const { file: f, known } of loaded) {
    const bad = known.errors?.[0];
    if (bad) {
      return refuse(
        host,
        `known_hosts ${safeText(f)}:${bad.line}: ${bad.message}`,
        'fix the marker (e.g. @revoked) or remove the line; until then no key in that file is trusted or recorded',
      );
    }
  }
  const lookup = lookupHostKeyIn(
    loaded.map((l) => l.index),
    address,
    port,
    key,
  );
  const notes = lookup.notes?.length ? ` (${lookup.notes.join('; ')})` : '';

  switch (lookup.status) {
    case 'match':
      return { accept: true, recorded: false, keyType, fingerprint: offered };

    case 'revoked':
      return refuse(
        host,
        `host key for ${where} is marked @revoked in ${file}: ${keyType} ${offered}`,
        'the host must be given a new host key; lvs-play will not connect with a revoked one',
      );

    case 'changed': {
      const known = (lookup.knownKeys ?? []).map((k) => `${k.keyType} ${k.fingerprint} (${k.file ?? file} line ${k.line})`).join(', ');
      return refuse(
        host,
        `host key for ${where} has CHANGED: the host offers ${keyType} ${offered}, known_hosts has ${known}. ` +
          'Someone may be intercepting the connection, or the host was reinstalled',
        `if the host was reinstalled, verify the new key, then remove the old one with: ssh-keygen -R ${quote(knownHostsName(address, port))} -f ${quote(lookup.knownKeys?.[0]?.file ?? file)}`,
      );
    }

    case 'unknown':
      if (!policy.acceptNew) {
        return refuse(
          host,
          `unknown host key for ${where}, fingerprint ${offered} (${keyType})${notes}`,
          `verify it, then run again with --accept-new-host-keys (records it in ${file})`,
        );
      }
      try {
        await recordKnownHost(file, address, port, keyType, key, { hash: policy.hashKnownHosts });
      } catch (err) {
        return refuse(
          host,
          `cannot record the host key of ${where} in ${file}: ${(err as Error).message}`,
          "fix the file's permissions, or set ssh.knownHosts in the inventory",
          err,
        );
      }
      return { accept: true, recorded: true, keyType, fingerprint: offered };
  }
}

function refuse(host: Host, message: string, hint: string, cause?: unknown): HostKeyDecision {
  return { accept: false, error: new HostError(host.name, message, { hint, cause }) };
}

/** ssh2's hostVerifier for one connection attempt, remembering why it refused
 * (ssh2 itself only reports "Host denied (verification failed)"). */
export interface HostVerifier {
  /** pass as ssh2's `hostVerifier` (without `hostHash`: ssh2 then gives the raw key) */
  readonly verify: (key: Buffer, done: (accept: boolean) => void) => void;
  /** the refusal, once the host's key was refused */
  readonly rejection: HostError | null;
  /** the last accepted key, once accepted */
  readonly accepted: Extract<HostKeyDecision, { accept: true }> | null;
}

export function createHostVerifier(host: Host, policy: HostKeyPolicy = {}): HostVerifier {
  const state: { rejection: HostError | null; accepted: Extract<HostKeyDecision, { accept: true }> | null } = {
    rejection: null,
    accepted: null,
  };
  return {
    verify(key, done) {
      checkHostKey(host, key, policy).then(
        (decision) => {
          if (decision.accept) state.accepted = decision;
          else state.rejection = decision.error;
          done(decision.accept);
        },
        (err: unknown) => {
          state.rejection = new HostError(host.name, `checking the host key failed: ${(err as Error).message}`, { cause: err });
          done(false);
        },
      );
    },
    get rejection() {
      return state.rejection;
    },
    get accepted() {
      return state.accepted;
    },
  };
}
