// The first lines of every file lvs-play writes. All our targets (keepalived,
// chrony, sysctl.d, systemd units, /etc/default, sh) take "#" comments. No
// timestamp or version: the same inventory must give the same bytes, or every
// check would report drift.

export function managedHeader(cluster: string, what: string): string {
  return `${[`# ${what}`, `# Managed by lvs-play for cluster "${cluster}": do not edit, changes are overwritten.`].join('\n')}\n\n`;
}
