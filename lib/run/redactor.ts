// How reports, diffs and error messages are redacted before they are
// printed: by structure, never by value. Every auth_pass value in the text
// becomes <redacted> (lib/keepalived/redact.ts) and nothing else changes, so a
// short password ("1") cannot mangle an address, a priority or a line number,
// nor show itself by where it matched. The secret files' own text (diffs of
// keepalived.conf) is redacted at the source already (lib/tasks/file-change.ts).

import type { Cluster } from '../inventory/types.js';
import { authPassValues, redactKeepalivedText } from '../keepalived/redact.js';
import { redact, Secret } from '../secret.js';
import type { Step } from '../tasks/step.js';

/** The redaction of a run's reports and errors. The cluster is not needed (no value is searched for); kept for the callers. */
export function secretsRedactor(_cluster?: Cluster): (s: string) => string {
  return redactKeepalivedText;
}

/**
 * What a step's command said on the host, fit to print. Structural redaction
 * for every step; for a step that wrote (and had keepalived -t check) a
 * secret file, also the value guard of lib/secret.ts on quoted words, with
 * the values taken from the file itself: that output is the one text known
 * to have been near the secret. keepalived quotes config values it rejects as
 * 'value'; it never prints auth_pass (only "Truncating auth_pass to 8
 * characters"), so the guard is for a keepalived that would.
 */
export function redactStepOutput(step: Step, text: string): string {
  const structural = redactKeepalivedText(text);
  if (step.kind !== 'write' || !step.secret) return structural;
  return redact(
    structural,
    authPassValues(step.content).map((v) => new Secret(v)),
  );
}
