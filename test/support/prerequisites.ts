// Mocha's global setup: installs the Debian packages the suites use that the
// lab does not install for itself, so `npm ci && npm test` passes on a
// brand-new Debian 12 machine (as `lab up` installs its own prerequisites).
//
// - keepalived: `keepalived -t` checks every rendered config
// - openssh-server, sudo: the ssh suites run a throwaway sshd in a netns
// - prometheus-node-exporter: the metrics suite reads its textfiles back
// - curl: probes and client traffic in the lab suites
// - zsh: the completion script is loaded and run in zsh as well as bash
// - graphviz: `lvs-play graph --format dot` is rendered to SVG by dot itself
// - iputils-ping: the track script of inventory/cloud-unicast.json exists where keepalived -t looks for it
// - tmux: the live view is drawn in a real terminal and read back (capture-pane)
// - python3: the small HTTP, UDP and DNS servers the probe suites run in a netns (test/facts/)
//
// The daemons these packages bring must never run on the machine itself:
// nothing starts during the install (lib/lab/prerequisites.ts's policy-rc.d),
// and what was installed here is disabled afterwards (sshd also by
// sshd_not_to_be_run), so a reboot does not start them either.

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tryRun } from '../../lib/lab/local-command.js';
import { aptInstall, findCommand } from '../../lib/lab/prerequisites.js';
import { lineProgress } from '../../lib/lab/progress.js';

/** Debian package -> the file that tells it is installed, and its services */
export const TEST_PACKAGES: Record<string, { file: string; services: string[] }> = {
  keepalived: { file: '/usr/sbin/keepalived', services: ['keepalived'] },
  'openssh-server': { file: '/usr/sbin/sshd', services: ['ssh'] },
  sudo: { file: '/usr/bin/sudo', services: [] },
  'prometheus-node-exporter': { file: '/usr/bin/prometheus-node-exporter', services: ['prometheus-node-exporter'] },
  curl: { file: '/usr/bin/curl', services: [] },
  zsh: { file: '/usr/bin/zsh', services: [] },
  graphviz: { file: '/usr/bin/dot', services: [] },
  tmux: { file: '/usr/bin/tmux', services: [] },
  'iputils-ping': { file: '/usr/bin/ping', services: [] },
  python3: { file: '/usr/bin/python3', services: [] },
};

export function missingTestPackages(): string[] {
  return Object.entries(TEST_PACKAGES)
    .filter(([, p]) => !existsSync(p.file))
    .map(([name]) => name);
}

export async function mochaGlobalSetup(): Promise<void> {
  const missing = missingTestPackages();
  if (missing.length === 0) return;
  const say = (line: string) => process.stdout.write(`[test prerequisites] ${line}\n`);
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !findCommand('apt-get')) {
    say(`missing ${missing.join(', ')}; the suites that use them will fail (install them, or run the tests as root on Debian)`);
    return;
  }
  await lineProgress(say).step(`installing ${missing.join(' ')}`, () => aptInstall(missing, lineProgress(say)));
  if (missing.includes('openssh-server') && !existsSync('/etc/ssh/sshd_not_to_be_run')) await writeFile('/etc/ssh/sshd_not_to_be_run', '');
  for (const service of missing.flatMap((p) => TEST_PACKAGES[p]!.services)) {
    // no systemd needed: removes the links that would start it at boot
    await tryRun('deb-systemd-helper', ['disable', `${service}.service`]);
    await tryRun('update-rc.d', [service, 'disable']);
  }
  const still = missingTestPackages();
  if (still.length) throw new Error(`test prerequisites still missing after apt-get install: ${still.join(', ')}`);
}
