// What went wrong while connecting, in words: socket error codes and ssh2's
// handshake errors become the reason in "cannot connect to NAME (ADDR:PORT): REASON".

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is sshd running and listening on that port?)',
  EHOSTUNREACH: 'no route to host (is the host up?)',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name does not resolve (DNS not answering)',
};

export function connectFailureReason(err: unknown, timeoutMs: number): string {
  const e = err as { code?: unknown; level?: unknown; message?: unknown };
  if (typeof e.code === 'string' && SOCKET_REASONS[e.code]) return SOCKET_REASONS[e.code]!;
  if (e.level === 'client-timeout' && /handshake/.test(String(e.message)))
    return `no answer within ${formatSeconds(timeoutMs)} (the host may be down or a firewall drops the packets)`;
  if (/Connection lost before handshake/.test(String(e.message)))
    return 'the server closed the connection before the SSH handshake (MaxStartups throttling, or not an SSH server)';
  if (/no matching/i.test(String(e.message))) return `no common algorithm with the server: ${String(e.message)}`;
  return String(e.message ?? err);
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
