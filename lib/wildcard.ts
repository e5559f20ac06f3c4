// OpenSSH's wildcards, as known_hosts and ssh_config use them: `*` any run
// of characters, `?` exactly one, nothing else special.

export function matchWildcard(name: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(name);
}
