// One HTTP GET from a host to ADDRESS:PORT, with whatever that host has:
// curl, else python3's urllib, else bash's /dev/tcp (plain HTTP only). Over
// TLS (a service keepalived checks with SSL_GET) the certificate is not
// checked, as SSL_GET does not: the probe asks whether the service answers. Each prints a raw HTTP
// response (status line, headers, blank line, body), so one parser reads
// them all. Bounded: 5 s per request, the first 4 KiB of the body. No
// startup files: bash run under sshd reads ~/.bashrc unless told not to, and
// python3 -I ignores the environment and user site-packages.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export const PROBE_TIMEOUT_SECONDS = 5;
const BODY_BYTES = 4096;

export type ProbeTool = 'curl' | 'python3' | 'bash' | 'none';

export interface HttpProbeTarget {
  address: string;
  port: number;
  path: string;
  /** HTTPS, certificate not checked */
  tls?: boolean;
}

export interface HttpProbeResult {
  tool: ProbeTool;
  status: number | null; // the HTTP status, null when no response came
  body: string; // at most 4 KiB
  error: string | null; // why no response came
}

/** Proxies off: the probe must go to the VIP itself. Only the status and body are printed. */
const PYTHON = `import ssl, sys, urllib.request, urllib.error
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ssl._create_unverified_context()))
try:
    r = opener.open(sys.argv[1], timeout=${PROBE_TIMEOUT_SECONDS}); code, body = r.status, r.read(${BODY_BYTES})
except urllib.error.HTTPError as e:
    code, body = e.code, e.read(${BODY_BYTES})
except Exception as e:
    print(e); sys.exit(1)
sys.stdout.write("HTTP/1.1 %d\\r\\n\\r\\n" % code); sys.stdout.flush(); sys.stdout.buffer.write(body)`;

const BASH = `exec 3<>"/dev/tcp/$1/$2" || exit 1
printf 'GET %s HTTP/1.0\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' "$3" "$4" >&3
cat <&3`;

export function probeUrl(t: HttpProbeTarget): string {
  const host = t.address.includes(':') ? `[${t.address}]` : t.address;
  return `${t.tls ? 'https' : 'http'}://${host}:${t.port}${t.path}`;
}

export function httpProbeCommand(t: HttpProbeTarget): string {
  const url = quote(probeUrl(t));
  const hostHeader = quote(t.address.includes(':') ? `[${t.address}]:${t.port}` : `${t.address}:${t.port}`);
  // the output is kept in a variable so the exit code is the tool's, not head's
  const run = (tool: ProbeTool, cmd: string) =>
    `echo 'tool ${tool}'; out=$(${cmd} 2>&1); rc=$?; printf '%s\\n' "$out" | head -c ${BODY_BYTES}; exit $rc`;
  const t5 = `$(command -v timeout >/dev/null 2>&1 && echo 'timeout ${PROBE_TIMEOUT_SECONDS}')`;
  const bash = t.tls
    ? `echo 'tool bash'; echo 'bash /dev/tcp cannot speak TLS (no curl or python3 on the probe host)'; exit 1`
    : run('bash', `${t5} bash --norc --noprofile -c ${quote(BASH)} probe ${quote(t.address)} ${t.port} ${quote(t.path)} ${hostHeader}`);
  return [
    `if command -v curl >/dev/null 2>&1; then ${run('curl', `curl -sS -i --max-time ${PROBE_TIMEOUT_SECONDS} --noproxy '*'${t.tls ? ' --insecure' : ''} ${url}`)}`,
    `elif command -v python3 >/dev/null 2>&1; then ${run('python3', `python3 -I -c ${quote(PYTHON)} ${url}`)}`,
    `elif command -v bash >/dev/null 2>&1; then ${bash}`,
    `else echo 'tool none'; exit 127; fi`,
  ].join('\n');
}

export function parseHttpProbe(stdout: string, code: number): HttpProbeResult {
  const nl = stdout.indexOf('\n');
  const first = nl < 0 ? stdout : stdout.slice(0, nl);
  const toolWord = /^tool (\w+)$/.exec(first.trim())?.[1];
  const tool: ProbeTool = toolWord === 'curl' || toolWord === 'python3' || toolWord === 'bash' ? toolWord : 'none';
  if (tool === 'none') return { tool, status: null, body: '', error: 'no curl, python3 or bash on the probe host' };
  const rest = nl < 0 ? '' : stdout.slice(nl + 1);
  const status = /^HTTP\/[\d.]+ (\d{3})/.exec(rest);
  if (!status) {
    const why = rest.trim().split('\n')[0]?.trim() || (code === 124 ? `no answer within ${PROBE_TIMEOUT_SECONDS} s` : `exit ${code}`);
    return { tool, status: null, body: '', error: why };
  }
  const sep = /\r?\n\r?\n/.exec(rest);
  const body = sep ? rest.slice(sep.index + sep[0].length) : '';
  return { tool, status: Number(status[1]), body, error: null };
}

export function httpProbeFact(t: HttpProbeTarget): Fact<HttpProbeResult> {
  return {
    id: `http-probe:${probeUrl(t)}`,
    command: httpProbeCommand(t),
    parse: ({ stdout, code }) => parseHttpProbe(stdout, code),
  };
}
