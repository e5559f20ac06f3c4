// A run's id: when it started (UTC, to the second) and 6 random hex digits,
// e.g. 20261201T204339Z-a1b2c3. It names the run's journal folder on each
// host and appears in its lock, its record and its report.

import { randomBytes } from 'node:crypto';

export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** What a run id looks like; anything else in a journal folder's name is not lvs-play's. */
export const RUN_ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;
