// The form of an inventory's "jumpHost" (and of an ssh config's ProxyJump
// hop) when it names no inventory host: "user@host:port", user and port
// optional, IPv6 as [addr]:port.

export interface JumpSpec {
  user?: string;
  address: string;
  port?: number;
}

/** Parse "user@host:port", "host:port", "user@host", "host", "[v6]:port"; null if malformed. */
export function parseJumpSpec(spec: string): JumpSpec | null {
  const m = /^(?:([^@\s]+)@)?(?:\[([0-9A-Fa-f:.]+)\]|([^@\s:[\]]+))(?::(\d{1,5}))?$/.exec(spec);
  if (!m) return null;
  const port = m[4] === undefined ? undefined : Number(m[4]);
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  return { ...(m[1] ? { user: m[1] } : {}), address: (m[2] ?? m[3])!, ...(port ? { port } : {}) };
}
