// What keepalived's DNS_CHECK asks from a host: one query (TYPE for NAME)
// to ADDRESS:PORT over UDP; up when the answer carries the query's id and
// RCODE 0 (NOERROR), which is all keepalived 2.2.7 looks at. Needs python3
// on the host (a DNS message is binary: no shell tool here builds one).

import type { DnsQueryType } from '../inventory/types.js';
import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface DnsProbeResult {
  up: boolean;
  detail: string;
}

export const DNS_TYPE_CODES: Readonly<Record<DnsQueryType, number>> = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, AAAA: 28 };

const PYTHON = `import os, socket, struct, sys
a, p, qtype, name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
qid = int.from_bytes(os.urandom(2), "big")
qname = b"".join(bytes([len(l)]) + l.encode() for l in name.strip(".").split(".") if l) + b"\\0"
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.connect((a, p))
s.send(struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + qname + struct.pack(">HH", qtype, 1))
try:
    r = s.recv(4096)
except socket.timeout:
    print("no answer within 5s"); sys.exit(1)
except ConnectionRefusedError:
    print("port unreachable (ICMP)"); sys.exit(1)
rid, flags = struct.unpack(">HH", r[:4])
if rid != qid:
    print("an answer with another id"); sys.exit(1)
if flags & 15:
    print("RCODE %d" % (flags & 15)); sys.exit(1)
print("RCODE 0 (NOERROR)")`;

export function dnsProbeFact(address: string, port: number, query: { type: DnsQueryType; name: string }): Fact<DnsProbeResult> {
  return {
    id: `dns-probe:${address}:${port}:${query.type}:${query.name}`,
    command: [
      `if command -v python3 >/dev/null 2>&1; then out=$(python3 -I -c ${quote(PYTHON)} ${quote(address)} ${port} ${DNS_TYPE_CODES[query.type]} ${quote(query.name)} 2>&1); rc=$?; printf '%s\\n' "$out" | tail -n 1; exit $rc`,
      'else echo "no python3 on this host, which a DNS query needs"; exit 127; fi',
    ].join('\n'),
    parse: ({ stdout, code }) => ({ up: code === 0, detail: stdout.trim().split('\n').pop() || `exit ${code}` }),
  };
}
