// Can this host open a TCP connection to ADDRESS:PORT? What keepalived's
// TCP_CHECK asks, with bash's /dev/tcp or python3, bounded to 5 s.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface TcpConnectResult {
  connected: boolean;
  error: string | null;
}

const PYTHON = 'import socket, sys\nsocket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5).close()';

export function tcpConnectFact(address: string, port: number): Fact<TcpConnectResult> {
  const a = quote(address);
  return {
    id: `tcp-connect:${address}:${port}`,
    command: [
      `if command -v python3 >/dev/null 2>&1; then out=$(python3 -I -c ${quote(PYTHON)} ${a} ${port} 2>&1); rc=$?; printf '%s\\n' "$out" | tail -n 1; exit $rc`,
      `elif command -v bash >/dev/null 2>&1; then timeout 5 bash --norc --noprofile -c 'exec 3<>"/dev/tcp/$1/$2"' probe ${a} ${port} 2>&1`,
      'else echo "no python3 or bash"; exit 127; fi',
    ].join('\n'),
    parse: ({ stdout, code }) =>
      code === 0 ? { connected: true, error: null } : { connected: false, error: stdout.trim().split('\n').pop() || `exit ${code}` },
  };
}
