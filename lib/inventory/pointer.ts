// JSON pointers (RFC 6901) for problem paths, and a short, safe rendering of
// a value for "got ..." in messages.

import { quoted } from '../terminal-text.js';

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Values under these paths are never quoted in a message: they may be secrets. */
export function isSensitivePath(path: string): boolean {
  return path === '/vrrp/authentication' || path.startsWith('/vrrp/authentication/');
}

/** `got "x"` text for a value: JSON-like, control characters escaped (as everywhere, see terminal-text.ts), at most 60 characters. */
export function got(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (Array.isArray(value)) text = 'an array';
  else if (value !== null && typeof value === 'object') text = 'an object';
  else if (typeof value === 'string') text = quoted(value);
  else text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Sort key so problems read in a stable order: by path, numbers compared as numbers. */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] === bs[i]) continue;
    const an = /^\d+$/.test(as[i]) ? Number(as[i]) : NaN;
    const bn = /^\d+$/.test(bs[i]) ? Number(bs[i]) : NaN;
    if (!Number.isNaN(an) && !Number.isNaN(bn)) return an - bn;
    return as[i] < bs[i] ? -1 : 1;
  }
  return as.length - bs.length;
}
