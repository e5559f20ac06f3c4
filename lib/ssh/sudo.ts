// Escalation for non-root users: each command runs as `sudo -n sh -c
// QUOTED`, -n so sudo fails at once instead of waiting for a password no one
// will type. sudo's own refusals are recognised and turned into errors that
// say what to change on the host.

import { HostError } from '../errors.js';
import { quote } from '../shell/quote.js';

export function wrapSudo(command: string): string {
  return `sudo -n -- sh -c ${quote(command)}`;
}

/** sudo's refusal (it failed before running the command), as a HostError; null when sudo ran it. */
export function sudoRefusal(hostName: string, user: string, result: { code: number; stderr: string }): HostError | null {
  // sudo reports its own failures as the first stderr line, "sudo: ..."; the
  // command's own output could say anything, so look only there
  const first = result.stderr.split('\n').find((l) => !/^sudo: unable to resolve host/.test(l)) ?? '';
  if (result.code === 1 && /^sudo: (a password is required|a terminal is required)/.test(first)) {
    return new HostError(hostName, `sudo needs a password on ${hostName}: allow NOPASSWD for ${user}`, {
      hint: `on ${hostName}, add a sudoers rule such as "${user} ALL=(ALL) NOPASSWD: ALL" (visudo -f /etc/sudoers.d/lvs-play), or connect as root`,
    });
  }
  if (result.code === 1 && /^(sudo: )?\S+ is not in the sudoers file|^Sorry, user \S+ may not run sudo/.test(first)) {
    return new HostError(hostName, `${user} may not use sudo on ${hostName}`, {
      hint: `add a sudoers rule such as "${user} ALL=(ALL) NOPASSWD: ALL" on ${hostName}, or connect as root`,
    });
  }
  if (result.code === 127 && /sudo: (command )?not found/.test(result.stderr)) {
    return new HostError(hostName, `sudo is not installed on ${hostName}, and ${user} is not root`, {
      hint: `install sudo on ${hostName} with a NOPASSWD rule for ${user}, or connect as root`,
    });
  }
  return null;
}
