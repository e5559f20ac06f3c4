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

/** ssh2's words when the server closed the TCP connection before its SSH banner: what sshd does to a connection over
 * MaxStartups (and what a port that is no SSH server may do) */
const LOST_BEFORE_HANDSHAKE = /Connection lost before handshake/;

/** The server closed or reset the connection before the login was through, the way sshd drops a connection over
 * MaxStartups (closed after "Exceeded MaxStartups", or reset when the client's banner had already arrived, which the
 * client sees as ECONNRESET on a read or EPIPE on its next write): no command ran, so trying again is safe. A refused, unreachable or timed-out connection, an authentication failure or
 * a host key refusal are not this. */
export function droppedBeforeHandshake(err: unknown): boolean {
  for (
    let e = err as { message?: unknown; code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  )
    if (LOST_BEFORE_HANDSHAKE.test(String(e.message)) || e.code === 'ECONNRESET' || e.code === 'EPIPE') return true;
  return false;
}

export function connectFailureReason(err: unknown, timeoutMs: number): string {
  const e = err as { code?: unknown; level?: unknown; message?: unknown };
  if (typeof e.code === 'string' && SOCKET_REASONS[e.code]) return SOCKET_REASONS[e.code]!;
  if (e.level === 'client-timeout' && /handshake/.test(String(e.message)))
    return `no answer within ${formatSeconds(timeoutMs)} (the host may be down or a firewall drops the packets)`;
  if (LOST_BEFORE_HANDSHAKE.test(String(e.message)))
    return 'the server closed the connection before the SSH handshake (MaxStartups throttling, or not an SSH server)';
  if (/no matching/i.test(String(e.message))) return `no common algorithm with the server: ${String(e.message)}`;
  return String(e.message ?? err);
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
