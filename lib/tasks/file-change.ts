// The change that puts a rendered file in place, or null when the host's
// copy already has the same bytes, mode and owner.

import { UserError } from '../errors.js';
import type { FileState } from '../facts/file.js';
import { authPassValues, REDACTED_DIFFERS, redactKeepalivedText } from '../keepalived/redact.js';
import type { RenderedFile } from '../render/host-files.js';
import { REDACTED } from '../secret.js';
import type { Change } from './task.js';

/** keepalived checks the candidate file itself before it is moved into place. */
const VALIDATORS: Record<NonNullable<RenderedFile['validate']>, string> = {
  keepalived: 'keepalived -t -l -e -f {file}',
  nft: 'nft -c -f {file}',
};

export function fileChange(file: RenderedFile, state: FileState): Change | null {
  const reasons = fileDifferences(state, file.content, file.mode, file.owner);
  if (reasons.length === 0) return null;
  return {
    summary: `${file.path}: ${reasons.join(', ')}`,
    // a secret file's diff is redacted here, so the secret never even reaches the report code
    diff: {
      label: file.path,
      before: state.exists ? shownBefore(file, state.content) : null,
      after: shown(file, file.content),
      secret: carriesSecret(file),
    },
    steps: [
      {
        kind: 'write',
        path: file.path,
        content: file.content,
        mode: file.mode,
        owner: file.owner,
        group: file.owner,
        secret: file.secret,
        ...(file.validate ? { validate: VALIDATORS[file.validate] } : {}),
      },
    ],
  };
}

/** How the host's copy differs from the wanted bytes, mode and owner (group the same as the owner); [] when it does not. */
function fileDifferences(state: FileState, content: string, mode: number, owner: string): string[] {
  if (!state.exists) return ['missing'];
  const reasons: string[] = [];
  if (state.content !== content) reasons.push('content differs');
  if (state.mode !== mode) reasons.push(`mode ${state.mode.toString(8)}, want ${mode.toString(8)}`);
  if (state.owner !== owner || state.group !== owner) reasons.push(`owner ${state.owner}:${state.group}, want ${owner}:${owner}`);
  return reasons;
}

/**
 * The only secret lvs-play writes is keepalived's auth_pass: redacted by
 * keyword, whatever its value. A keepalived.conf rendered without one (no
 * authentication) is redacted all the same: the host's copy may still have one.
 */
const carriesSecret = (file: RenderedFile) => file.secret || file.validate === 'keepalived';

function shown(file: RenderedFile, content: string): string {
  return carriesSecret(file) ? redactKeepalivedText(content) : content;
}

/** The host's copy, redacted; an auth_pass value that is none of the rendered file's is marked, so the diff still shows it changed. */
function shownBefore(file: RenderedFile, content: string): string {
  if (!carriesSecret(file)) return content;
  const wanted = new Set(authPassValues(file.content));
  return redactKeepalivedText(content, (value) => (wanted.has(value) ? REDACTED : REDACTED_DIFFERS));
}

/** The rendered file at `path` among a host's files; a missing one is a bug in the playbook. */
export function renderedFile(files: readonly RenderedFile[], path: string): RenderedFile {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no rendered file ${path} for this host`);
  return f;
}

/** A file a custom task wants on the host (the public API's changes.file). */
export interface WantedFile {
  path: string; // absolute
  content: string;
  mode?: number; // default 0o644
  owner?: string; // default root (group the same)
  /** never shown: its diff says only that it differs */
  secret?: boolean;
  /** run against the temporary file before it replaces the old one ({file} is its quoted path), e.g. "nft -c -f {file}" */
  validate?: string;
}

/** The change that puts `wanted` in place (written atomically, the old file kept for undo), or null when the host has it. */
export function wantedFileChange(wanted: WantedFile, state: FileState): Change | null {
  if (typeof wanted?.path !== 'string' || !wanted.path.startsWith('/'))
    throw new UserError(`changes.file: path must be absolute, got ${JSON.stringify(wanted?.path)}`, {
      hint: 'give the full path on the host, e.g. /etc/nftables.d/vrrp.nft',
    });
  const mode = wanted.mode ?? 0o644;
  const owner = wanted.owner ?? 'root';
  const reasons = fileDifferences(state, wanted.content, mode, owner);
  if (reasons.length === 0) return null;
  const secret = wanted.secret === true;
  const hidden = (text: string) => `<secret: ${Buffer.byteLength(text)} bytes>\n`;
  return {
    summary: `${wanted.path}: ${reasons.join(', ')}`,
    diff: {
      label: wanted.path,
      before: state.exists ? (secret ? hidden(state.content) : state.content) : null,
      after: secret ? hidden(wanted.content) : wanted.content,
      secret,
    },
    steps: [
      {
        kind: 'write',
        path: wanted.path,
        content: wanted.content,
        mode,
        owner,
        group: owner,
        secret,
        ...(wanted.validate ? { validate: wanted.validate } : {}),
      },
    ],
  };
}

/**
 * A file that must not be on the host: its removal (backed up in the run's
 * journal, so a failed run puts it back), or null when it is already absent.
 * `because` says why it goes, for the summary ("no fwmark service in the inventory").
 */
export function absentFileChange(path: string, state: FileState, because?: string): Change | null {
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw new UserError(`changes.absent: path must be absolute, got ${JSON.stringify(path)}`, {
      hint: 'give the full path on the host, e.g. /etc/nftables.d/vrrp.nft',
    });
  if (!state.exists) return null;
  return { summary: `${path}: ${because ? `left over, ${because}` : 'present, to be removed'}`, steps: [{ kind: 'remove', path }] };
}
