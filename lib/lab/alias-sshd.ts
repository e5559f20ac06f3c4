// The container side of lab aliases (see aliases.ts): each alias address on
// eth0 with its own sshd, started as a transient unit of the container's
// systemd. The container's own sshd then listens on its own address only
// (Linux refuses a specific bind on port 22 while a wildcard one listens).
//
// Each alias's sshd (and so every session of it) runs with its own copy of
// what a real server's tasks write, bind-mounted over the container's:
// the files name their host in their first line, so a container's own
// files would be drift for its aliases, and the journal under
// /var/lib/lvs-play is per host. /run/lvs-play is a private, empty tmpfs:
// the run lock lives there, so a deploy holds one lock per inventory host,
// as it would on separate machines. The rest (packages, systemd, the
// kernel's settings) is the container's: what a real server's tasks do
// there is the same for every real server of the farm.

import { quote } from '../shell/quote.js';
import { labSsh } from './ssh.js';

/** the label alias addresses carry on eth0, so a later lab up finds (and removes) them */
export const ALIAS_LABEL = 'eth0:lvsp';
const UNIT_PREFIX = 'lvs-play-lab-alias-';
const LISTEN_FILE = '/etc/ssh/sshd_config.d/lvs-play-lab-listen.conf';
const ALIAS_CONFIG = '/etc/ssh/lvs-play-lab-alias.conf';
const ALIAS_ROOT = '/var/lib/lvs-play-lab-aliases';
/** what the seed playbook's real server tasks write; an alias has its own copy of each */
export const ALIAS_PRIVATE_DIRS = ['/etc/chrony', '/etc/sysctl.d', '/etc/lvs-play', '/etc/systemd/system', '/var/lib/lvs-play'];

/** The config every alias sshd reads: the lab's settings (rootfs.ts), without Debian's Include of sshd_config.d. */
const aliasConfig = [
  '# lvs-play lab: the sshd of an alias address (lib/lab/alias-sshd.ts); ListenAddress is on its command line',
  'HostKey /etc/ssh/ssh_host_ed25519_key',
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'UsePAM yes',
  'PidFile none',
  'AcceptEnv LANG LC_*',
  'Subsystem sftp /usr/lib/openssh/sftp-server',
  '',
].join('\n');

export function aliasUnit(address: string): string {
  return `${UNIT_PREFIX}${address.replaceAll('.', '-')}`;
}

/**
 * The script run on a real server container at every lab up: removes the
 * aliases a previous lab up left, then sets up these (none: the container
 * is back to one address and a wildcard sshd). Idempotent.
 */
export function aliasSetupScript(ownAddress: string, aliases: readonly string[]): string {
  const lines = [
    'set -eu',
    `for u in $(systemctl list-units --all --plain --no-legend ${quote(`${UNIT_PREFIX}*`)} | cut -d" " -f1); do systemctl stop "$u"; done`,
    `for a in $(ip -4 -o addr show dev eth0 label ${ALIAS_LABEL} | awk '{print $4}'); do ip addr del "$a" dev eth0; done`,
    // the copies of aliases this lab up does not want
    `mkdir -p ${ALIAS_ROOT}`,
    `for d in ${ALIAS_ROOT}/*; do case " ${aliases.join(' ')} " in *" \${d##*/} "*) ;; *) rm -rf "$d" ;; esac; done`,
  ];
  if (aliases.length === 0) {
    lines.push(`if [ -e ${LISTEN_FILE} ]; then rm -f ${LISTEN_FILE}; systemctl restart ssh; fi`);
    return `${lines.join('\n')}\n`;
  }
  const listen = `ListenAddress ${ownAddress}`;
  lines.push(
    // sessions survive a restart of ssh.service (its KillMode is process): this one too
    `if [ "$(cat ${LISTEN_FILE} 2>/dev/null)" != ${quote(listen)} ]; then echo ${quote(listen)} > ${LISTEN_FILE}; systemctl restart ssh; fi`,
    `printf '%s' ${quote(aliasConfig)} > ${ALIAS_CONFIG}`,
    ...ALIAS_PRIVATE_DIRS.map((p) => `mkdir -p ${p}`),
    ...aliases.flatMap((a) => {
      const dir = `${ALIAS_ROOT}/${a}`;
      // copied once, when the alias is new: from then on it is the alias's own, as a host's files are
      const copy = ALIAS_PRIVATE_DIRS.map((p) => `mkdir -p ${dir}.tmp${p.slice(0, p.lastIndexOf('/'))} && cp -a ${p} ${dir}.tmp${p}`).join(
        ' && ',
      );
      const binds = ALIAS_PRIVATE_DIRS.map((p) => `${dir}${p}:${p}`).join(' ');
      return [
        `if [ ! -d ${dir} ]; then rm -rf ${dir}.tmp && ${copy} && mv ${dir}.tmp ${dir}; fi`,
        `ip addr add ${a}/32 dev eth0 label ${ALIAS_LABEL}`,
        `systemd-run --quiet --unit=${aliasUnit(a)} --property=TemporaryFileSystem=/run/lvs-play ${quote(`--property=BindPaths=${binds}`)} /usr/sbin/sshd -D -e -f ${ALIAS_CONFIG} -o ListenAddress=${a}`,
      ];
    }),
  );
  return `${lines.join('\n')}\n`;
}

/** Runs the setup on the container; throws naming it when the script fails. */
export async function setUpAliases(container: { name: string; address: string }, aliases: readonly string[]): Promise<void> {
  const r = await labSsh(container.address, aliasSetupScript(container.address, aliases), { timeoutMs: 120_000 });
  if (r.code !== 0) {
    throw new Error(`${container.name}: setting up ${aliases.length} alias addresses failed (exit ${r.code}): ${r.stderr.trim()}`);
  }
}
