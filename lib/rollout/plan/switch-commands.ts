// The shell commands that flip a director's switches (lib/render/switches.ts).
// A value is written to a temp file in the same folder and renamed over the
// switch, so keepalived's inotify watch never reads a half-written file;
// "normal" removes the file (a missing file reads as 0).

import { posix } from 'node:path';
import { type QuietTarget, quietCommand, unquietCommand } from '../../render/quiet-adverts.js';
import {
  drainFile,
  HANDOVER_FILE,
  HANDOVER_VALUES,
  type HandoverLevel,
  INSTANCE_VALUES,
  type InstanceLevel,
  instanceFile,
  SWITCHES_DIR,
} from '../../render/switches.js';
import { quote } from '../../shell/quote.js';

function writeValue(path: string, value: number): string {
  const tmp = posix.join(posix.dirname(path), `.${posix.basename(path)}.tmp`);
  return `mkdir -p ${quote(SWITCHES_DIR)} && printf '%s\\n' ${quote(String(value))} > ${quote(tmp)} && mv -f ${quote(tmp)} ${quote(path)}`;
}

export function handoverCommand(level: HandoverLevel): string {
  return level === 'normal' ? `rm -f ${quote(HANDOVER_FILE)}` : writeValue(HANDOVER_FILE, HANDOVER_VALUES[level]);
}

/**
 * Each instance's own switch (nopreempt clusters) set to the level; "quiet"
 * silences the instances' adverts for `quietSeconds` (quiet-adverts.ts);
 * "normal" removes both kinds, whichever is set.
 */
export function instanceCommand(targets: QuietTarget[], level: InstanceLevel, quietSeconds = 0): string {
  const instances = targets.map((t) => t.instance);
  if (level === 'quiet') return quietCommand(targets, quietSeconds);
  if (level === 'normal') return [...instances.map((i) => `rm -f ${quote(instanceFile(i))}`), unquietCommand(instances)].join(' && ');
  return instances.map((i) => writeValue(instanceFile(i), INSTANCE_VALUES[level])).join(' && ');
}

/** Drain (1) or undrain (file removed) each real server on one director. */
export function drainCommand(realServers: string[], drained: boolean): string {
  return realServers.map((h) => (drained ? writeValue(drainFile(h), 1) : `rm -f ${quote(drainFile(h))}`)).join(' && ');
}
