// OpenSSH known_hosts: parse, look up, format. Everything here is pure except
// the two small edge functions at the bottom (read the file, append a line).
// The rules follow OpenSSH's hostfile.c and match.c, checked against
// `ssh-keygen -F` in test/ssh/known-hosts.test.ts.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FileReadError, readRegularFile } from '../regular-file.js';
import { quoted } from '../terminal-text.js';
import { matchWildcard } from '../wildcard.js';

export type Marker = 'revoked' | 'cert-authority';

/** Who a line is for: a comma-separated pattern list, or one hashed name. */
export type HostField = { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export interface KnownHostEntry {
  line: number; // 1-based line in the file
  file?: string; // which file, when entries of several files are looked up together
  marker?: Marker;
  hosts: HostField;
  keyType: string; // e.g. "ssh-ed25519", as inside the key blob
  key: Buffer; // the public key blob
}

export interface KnownHosts {
  entries: KnownHostEntry[];
  /** lines that were skipped, with why ("line 4: ...") */
  problems: string[];
  /**
   * lines that must not be skipped: a marker other than @revoked and
   * @cert-authority. Skipping a misspelt "@revokd" line would make a revoked
   * key merely unknown, which --accept-new-host-keys would then accept; so
   * a file with such a line is refused as a whole.
   */
  errors?: { line: number; message: string }[];
}

export type HostKeyStatus = 'match' | 'unknown' | 'changed' | 'revoked';

export interface KnownKey {
  keyType: string;
  fingerprint: string;
  line: number;
  file?: string;
}

export interface HostKeyLookup {
  status: HostKeyStatus;
  /** fingerprints of the keys recorded for this host ('changed' and 'unknown' when some exist) */
  known?: string[];
  knownKeys?: KnownKey[];
  /** e.g. a @cert-authority line for this host that lvs-play does not use */
  notes?: string[];
}

const HASH_MAGIC = '|1|';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

// ------------------------------------------------------------------ parse

export function parseKnownHosts(text: string): KnownHosts {
  const entries: KnownHostEntry[] = [];
  const problems: string[] = [];
  const errors: { line: number; message: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/\r$/, '').trim();
    if (content === '' || content.startsWith('#')) return;
    const marker = /^@\S*/.exec(content)?.[0];
    if (marker !== undefined && marker !== '@revoked' && marker !== '@cert-authority') {
      errors.push({ line, message: `unknown marker ${quoted(marker)}; OpenSSH knows only @revoked and @cert-authority` });
      return;
    }
    const parsed = parseLine(content, line);
    if (typeof parsed === 'string') problems.push(`line ${line}: ${parsed}`);
    else entries.push(parsed);
  });
  return { entries, problems, ...(errors.length ? { errors } : {}) };
}

function parseLine(content: string, line: number): KnownHostEntry | string {
  const fields = content.split(/[ \t]+/);
  let marker: Marker | undefined;
  if (fields[0]!.startsWith('@')) {
    const m = fields.shift()!;
    if (m === '@revoked') marker = 'revoked';
    else if (m === '@cert-authority') marker = 'cert-authority';
    else return `unknown marker ${quoted(m)}`;
  }
  const [hostField, keyType, keyText] = fields;
  if (!hostField || !keyType || !keyText) return 'expected "HOSTS KEYTYPE BASE64-KEY"';
  if (/^\d+$/.test(keyType)) return 'SSH protocol 1 key, not supported';
  const hosts = parseHostField(hostField);
  if (typeof hosts === 'string') return hosts;
  if (!BASE64.test(keyText)) return 'key is not base64';
  const key = Buffer.from(keyText, 'base64');
  const blobType = keyTypeOf(key);
  if (blobType === null) return 'key blob is malformed';
  if (blobType !== keyType) return `key type ${keyType} does not match the key (${blobType})`;
  return { line, ...(marker ? { marker } : {}), hosts, keyType, key };
}

function parseHostField(field: string): HostField | string {
  if (!field.startsWith(HASH_MAGIC)) return { kind: 'patterns', patterns: field.split(',') };
  const [salt64, hash64, ...rest] = field.slice(HASH_MAGIC.length).split('|');
  if (!salt64 || !hash64 || rest.length || !BASE64.test(salt64) || !BASE64.test(hash64)) return 'malformed hashed host';
  const salt = Buffer.from(salt64, 'base64');
  const hash = Buffer.from(hash64, 'base64');
  if (salt.length !== 20 || hash.length !== 20) return 'hashed host has the wrong salt or hash length';
  return { kind: 'hashed', salt, hash };
}

/** The key type named at the start of an SSH public key blob, or null. */
export function keyTypeOf(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || blob.length < 4 + len) return null;
  const type = blob.subarray(4, 4 + len).toString('latin1');
  return /^[\x21-\x7e]+$/.test(type) ? type : null;
}

/** OpenSSH's fingerprint: "SHA256:" and the unpadded base64 of the blob's SHA-256. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

// ----------------------------------------------------------------- lookup

/** The name known_hosts uses for a host and port: "host", or "[host]:port" off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Does one line apply to this name? Names and patterns compare lowercase. */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  const lname = name.toLowerCase();
  if (entry.hosts.kind === 'hashed') return hashName(lname, entry.hosts.salt).equals(entry.hosts.hash);
  return matchPatternList(lname, entry.hosts.patterns);
}

/** OpenSSH's match_pattern_list: any negated pattern that matches vetoes; else any positive match. */
export function matchPatternList(name: string, patterns: readonly string[]): boolean {
  let positive = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!matchPattern(name, pattern)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

/** Glob with `*` (any run) and `?` (one character), nothing else special. */
export const matchPattern = matchWildcard;

function hashName(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

/** Every line that applies to host:port, markers included, in file order: a
 * scan of every line. known-hosts-index.ts finds the same lines through an
 * index; this scan is the reference it is tested against. */
export function matchingEntries(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  return entries.filter((e) => entryMatches(e, name));
}

/** lookupHostKey over every line (the reference for the indexed lookup). */
export function lookupHostKey(entries: readonly KnownHostEntry[], host: string, port: number, offered: Buffer): HostKeyLookup {
  return decideHostKey(matchingEntries(entries, host, port), offered);
}

/** knownKeyTypes over every line (the reference for the indexed lookup). */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  return recordedKeyTypes(matchingEntries(entries, host, port));
}

/**
 * Decide what to make of the key a host offers, given the lines that apply
 * to the host (in file order). A key marked @revoked for the host is
 * refused; a recorded key is a match; any other key for a host with
 * recorded keys is 'changed', even of another type (OpenSSH would call a new
 * key type "new", but a man in the middle can pick the type; the transport
 * asks for the recorded types first, so a real host matches).
 */
export function decideHostKey(mine: readonly KnownHostEntry[], offered: Buffer): HostKeyLookup {
  const notes = mine
    .filter((e) => e.marker === 'cert-authority')
    .map(
      (e) =>
        `${e.file ? `${e.file} ` : ''}line ${e.line} trusts a certificate authority for this host; lvs-play checks plain host keys only and ignores it`,
    );
  const withNotes = <T extends HostKeyLookup>(r: T): T => (notes.length ? { ...r, notes } : r);
  if (mine.some((e) => e.marker === 'revoked' && e.key.equals(offered))) return withNotes({ status: 'revoked' });
  const plain = mine.filter((e) => e.marker === undefined);
  if (plain.some((e) => e.key.equals(offered))) return withNotes({ status: 'match' });
  if (plain.length === 0) return withNotes({ status: 'unknown' });
  const knownKeys = dedupe(
    plain.map((e) => ({ keyType: e.keyType, fingerprint: fingerprint(e.key), line: e.line, ...(e.file ? { file: e.file } : {}) })),
  );
  return withNotes({ status: 'changed', known: knownKeys.map((k) => k.fingerprint), knownKeys });
}

/** Key types recorded by the lines that apply to a host (not revoked, not
 * CA), in file order: the transport asks the server for these first, as
 * OpenSSH does. */
export function recordedKeyTypes(mine: readonly KnownHostEntry[]): string[] {
  return [...new Set(mine.filter((e) => e.marker === undefined).map((e) => e.keyType))];
}

function dedupe(keys: KnownKey[]): KnownKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    if (seen.has(k.fingerprint)) return false;
    seen.add(k.fingerprint);
    return true;
  });
}

// ----------------------------------------------------------------- format

/** One known_hosts line for host:port; hashed like OpenSSH's HashKnownHosts
 * (`|1|salt|HMAC-SHA1(salt, name)`) when asked. */
export function formatKnownHostLine(
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
  options: { hash?: boolean; salt?: Buffer } = {},
): string {
  const name = knownHostsName(host, port).toLowerCase();
  let field = name;
  if (options.hash) {
    const salt = options.salt ?? randomBytes(20);
    field = `${HASH_MAGIC}${salt.toString('base64')}|${hashName(name, salt).toString('base64')}`;
  }
  return `${field} ${keyType} ${keyBlob.toString('base64')}\n`;
}

// ------------------------------------------------------------------ edges

/** Larger than any real known_hosts (a line is about 100 bytes). */
export const MAX_KNOWN_HOSTS_BYTES = 64 * 1024 * 1024;

/** Read and parse a known_hosts file (a regular file: never blocks on a FIFO); a missing file is an empty one. */
export async function loadKnownHosts(file: string): Promise<KnownHosts> {
  try {
    return parseKnownHosts(readRegularFile(file, MAX_KNOWN_HOSTS_BYTES));
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'ENOENT') return { entries: [], problems: [] };
    throw err;
  }
}

const appending = new Map<string, Promise<void>>();

/** Append a host key to a known_hosts file (created 0600 in a 0700 folder if
 * missing). Appends to one file are serialised so two hosts accepted at once
 * never interleave. */
export function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
  options: { hash?: boolean } = {},
): Promise<void> {
  const line = formatKnownHostLine(host, port, keyType, keyBlob, options);
  const previous = appending.get(file) ?? Promise.resolve();
  const next = previous
    .catch(() => {})
    .then(async () => {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const before = await readFile(file).catch(() => Buffer.alloc(0));
      const prefix = before.length > 0 && before[before.length - 1] !== 0x0a ? '\n' : '';
      await appendFile(file, prefix + line, { mode: 0o600 });
    });
  appending.set(file, next);
  return next.finally(() => {
    if (appending.get(file) === next) appending.delete(file);
  });
}
