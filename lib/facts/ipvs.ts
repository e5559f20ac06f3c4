// The kernel's IPVS table, as `ipvsadm -Ln` prints it, and whether the
// kernel has IP_VS at all. ipvsadm runs only when /proc/net/ip_vs exists:
// with the module unloaded, ipvsadm would make the kernel load it, and a
// read must change nothing. `modprobe -n` (a dry run) tells "could be
// loaded" from "absent".

import type { Fact } from './fact.js';

/** loaded: the table exists; module: ip_vs could be loaded but is not; absent: this kernel has none. */
export type IpvsSupport = 'loaded' | 'module' | 'absent';

export interface IpvsRealServer {
  address: string; // canonical text, IPv6 without brackets
  port: number;
  forwarding: string; // ipvsadm's word: Route (DR), Masq (NAT), Tunnel (TUN), Local
  weight: number;
  activeConnections: number;
  inactiveConnections: number;
}

export interface IpvsVirtualService {
  protocol: string; // TCP, UDP, SCTP, or FWM for a firewall-mark service
  address: string; // the VIP; for FWM the mark, in decimal
  port: number; // 0 for FWM
  scheduler: string;
  persistence: number; // seconds; 0 = not persistent
  flags: string[]; // everything else after the scheduler: "mask 255.255.255.0", "ops", "pe sip", "(sh-port)"
  realServers: IpvsRealServer[];
}

export interface IpvsState {
  support: IpvsSupport;
  kernelRelease: string;
  table: IpvsVirtualService[] | null; // null unless loaded and read
  error: string | null; // why a loaded table could not be read
}

/** Splits "1.2.3.4:80" or "[2001:db8::1]:80" into address and port. */
function hostPort(text: string): { address: string; port: number } | null {
  const m = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(text) ?? /^([0-9.]+):(\d+)$/.exec(text);
  return m ? { address: m[1]!.toLowerCase(), port: Number(m[2]) } : null;
}

/** Parses `ipvsadm -Ln` (also with its leading spaces lost, as the seed prints it). */
export function parseIpvsadmList(text: string): IpvsVirtualService[] {
  const services: IpvsVirtualService[] = [];
  for (const raw of text.split('\n')) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    if (words[0] === '->') {
      const where = hostPort(words[1] ?? '');
      if (!where) continue; // the column header "-> RemoteAddress:Port Forward Weight ..."
      const current = services.at(-1);
      if (!current) throw new Error(`ipvsadm: real server line before any virtual service: ${raw.trim()}`);
      const [forwarding = '', weight, active, inactive] = words.slice(2);
      current.realServers.push({
        ...where,
        forwarding,
        weight: Number(weight),
        activeConnections: Number(active),
        inactiveConnections: Number(inactive),
      });
      continue;
    }
    if (!['TCP', 'UDP', 'SCTP', 'FWM'].includes(words[0]!)) continue; // version and header lines
    const [protocol, at, scheduler = '', ...rest] = words as [string, string, ...string[]];
    const where = protocol === 'FWM' ? (/^\d+$/.test(at) ? { address: at, port: 0 } : null) : hostPort(at);
    if (!where) throw new Error(`ipvsadm: cannot read virtual service line: ${raw.trim()}`);
    let persistence = 0;
    const flags: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i]!;
      if (word === 'persistent') persistence = Number(rest[++i]);
      else if (word === 'mask' || word === 'pe' || word === 'conn-timeout') flags.push(`${word} ${rest[++i]}`);
      else flags.push(word);
    }
    services.push({ protocol, ...where, scheduler, persistence, flags, realServers: [] });
  }
  return services;
}

/** The fact's output: "support WORD", "kernel RELEASE", then (when loaded) "ipvsadm CODE" and ipvsadm's own output. */
export function parseIpvsState(stdout: string): IpvsState {
  const lines = stdout.split('\n');
  const field = (name: string) =>
    lines
      .find((l) => l.startsWith(`${name} `))
      ?.slice(name.length + 1)
      .trim();
  const support = field('support');
  if (support !== 'loaded' && support !== 'module' && support !== 'absent') throw new Error(`ipvs: unexpected answer: ${lines[0] ?? ''}`);
  const kernelRelease = field('kernel') ?? '';
  if (support !== 'loaded') return { support, kernelRelease, table: null, error: null };
  const status = field('ipvsadm');
  const at = lines.findIndex((l) => l.startsWith('ipvsadm '));
  const output = lines
    .slice(at + 1)
    .join('\n')
    .trim();
  if (status === 'missing') return { support, kernelRelease, table: null, error: 'ipvsadm is not installed' };
  if (status !== '0') return { support, kernelRelease, table: null, error: `ipvsadm -Ln exited ${status}: ${output.split('\n')[0] ?? ''}` };
  return { support, kernelRelease, table: parseIpvsadmList(output), error: null };
}

export const ipvsFact: Fact<IpvsState> = {
  id: 'ipvs',
  command: [
    'echo "kernel $(uname -r)"',
    'if [ -e /proc/net/ip_vs ]; then',
    '  echo "support loaded"',
    '  if command -v ipvsadm >/dev/null 2>&1; then out=$(ipvsadm -Ln 2>&1); echo "ipvsadm $?"; printf \'%s\\n\' "$out"',
    '  else echo "ipvsadm missing"; fi',
    'elif command -v modprobe >/dev/null 2>&1 && modprobe -n -q ip_vs 2>/dev/null; then echo "support module"',
    'elif grep -qs "/ip_vs\\.ko" "/lib/modules/$(uname -r)/modules.dep"; then echo "support module"',
    'else echo "support absent"; fi',
  ].join('\n'),
  parse: ({ stdout }) => parseIpvsState(stdout),
};
