// What keepalived's UDP_CHECK asks from a host: send ADDRESS:PORT a datagram;
// the server is down when an ICMP port unreachable comes back, up when an
// answer or nothing comes (UDP services need not answer). With python3, else
// bash's /dev/udp (a read on the connected socket fails with "Connection
// refused" after the ICMP error; it reads one byte, since bash reads a
// socket byte by byte and the rest of a datagram is gone after the first), bounded by the wait.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface UdpProbeResult {
  /** false only when the port was reported unreachable, or the probe could not run */
  up: boolean;
  detail: string;
}

const PYTHON = `import socket, sys
a, p, t = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(t)
s.connect((a, p))
s.send(b"lvs-play\\n")
try:
    s.recv(512); print("answered")
except socket.timeout:
    print("no ICMP unreachable within %gs" % t)
except ConnectionRefusedError:
    print("port unreachable (ICMP)"); sys.exit(1)`;

const BASH = `exec 3<>"/dev/udp/$1/$2" || exit 1
printf 'lvs-play\\n' >&3
read -r -t "$3" -n 1 -u 3 c 2>/dev/null; rc=$?
if [ $rc -eq 0 ]; then echo answered; elif [ $rc -gt 128 ]; then echo "no ICMP unreachable within $3s"; else echo "port unreachable (ICMP)"; exit 1; fi`;

export function udpProbeFact(address: string, port: number, waitSeconds: number): Fact<UdpProbeResult> {
  const args = `${quote(address)} ${port} ${waitSeconds}`;
  return {
    id: `udp-probe:${address}:${port}:${waitSeconds}`,
    command: [
      `if command -v python3 >/dev/null 2>&1; then out=$(python3 -I -c ${quote(PYTHON)} ${args} 2>&1); rc=$?; printf '%s\\n' "$out" | tail -n 1; exit $rc`,
      `elif command -v bash >/dev/null 2>&1; then bash --norc --noprofile -c ${quote(BASH)} probe ${args} 2>&1`,
      'else echo "no python3 or bash"; exit 127; fi',
    ].join('\n'),
    parse: ({ stdout, code }) => ({ up: code === 0, detail: stdout.trim().split('\n').pop() || `exit ${code}` }),
  };
}
