// --batch N or P%: how many real servers are drained and changed at once.
// A percentage is of all the cluster's real servers (not only the changed
// ones), rounded down, at least one: 50% of 2 is 1, 50% of 3 is 1.

import { UserError } from '../../errors.js';

export type BatchSpec = { count: number } | { percent: number };

export function parseBatch(text: string): BatchSpec {
  const m = /^(\d+)(%?)$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!m || n < 1 || (m[2] === '%' && n > 100)) {
    throw new UserError(`--batch must be a whole number of real servers (1 or more) or a percentage (1% to 100%), got "${text}"`, {
      hint: '--batch 2, or --batch 25%',
    });
  }
  return m[2] === '%' ? { percent: n } : { count: n };
}

export function batchSize(spec: BatchSpec, totalRealServers: number): number {
  if ('count' in spec) return spec.count;
  return Math.max(1, Math.floor((spec.percent * totalRealServers) / 100));
}

/** The hosts in order, cut into batches of the spec's size. */
export function batches<T>(hosts: T[], spec: BatchSpec, totalRealServers: number): T[][] {
  const size = batchSize(spec, totalRealServers);
  const out: T[][] = [];
  for (let i = 0; i < hosts.length; i += size) out.push(hosts.slice(i, i + size));
  return out;
}

export function describeBatch(spec: BatchSpec): string {
  return 'count' in spec ? `${spec.count} at a time` : `${spec.percent}% at a time`;
}
