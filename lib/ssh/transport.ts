// The remote side of lvs-play: one SSH connection per host, commands as
// complete shell strings (built with sh``). The implementation lands in the
// next commit; these are the types the runner codes against.

import type { Host } from '../inventory/types.js';

export interface ExecResult { code: number; signal?: string; stdout: string; stderr: string }

export interface ExecOptions {
  stdin?: string | Buffer;
  timeoutMs?: number;
  /** run as root through `sudo -n sh -c`; default: true when the ssh user is not root */
  sudo?: boolean;
}

export interface Transport {
  readonly host: Host;
  /** command is a complete shell string, built with sh`` */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  acceptNewHostKeys?: boolean;
  connectTimeoutMs?: number;   // default 10000
  keepaliveMs?: number;
  maxChannels?: number;        // default 8, below OpenSSH's MaxSessions 10
  agent?: string;              // default SSH_AUTH_SOCK
  env?: NodeJS.ProcessEnv;
  jump?: Transport | null;
}

export declare function connect(host: Host, options?: ConnectOptions): Promise<Transport>;
