// The inventory as a user writes it (Inventory*) and as the rest of lvs-play
// reads it after validation and defaults (Cluster*). Only lib/inventory/
// turns the first into the second; renderers, tasks and the lab take a
// Cluster and never look at raw JSON.

import type { Secret } from '../secret.js';

// ---------------------------------------------------------------- raw JSON

export interface InventorySsh {
  user?: string; // default "root"; non-root users escalate with sudo -n
  port?: number; // default 22
  identityFile?: string; // private key path; "~" and relative paths resolve against the inventory's folder
  passphraseEnv?: string; // environment variable holding the key's passphrase
  knownHosts?: string; // OpenSSH known_hosts file; default ~/.ssh/known_hosts
  jumpHost?: string; // "user@host:port" or the name of an inventory host
}

export interface InventoryHost {
  name: string;
  address: string;
  ipv4?: string; // dual-stack: the host's IPv4 address when `address` is IPv6
  ipv6?: string; // dual-stack: the host's IPv6 address when `address` is IPv4
  ssh?: InventorySsh; // overrides the inventory-wide ssh settings
}

export type HealthCheckType = 'TCP_CHECK' | 'HTTP_GET' | 'SSL_GET' | 'MISC_CHECK' | 'DNS_CHECK' | 'UDP_CHECK';

export interface InventoryHealthCheck {
  type: HealthCheckType;
  port?: number; // default: the real server's port
  connectTimeout?: number; // seconds, default 10
  retry?: number; // default 3
  delayBeforeRetry?: number; // seconds, default 3
  path?: string; // HTTP_GET and SSL_GET only, default "/"
  status?: number; // HTTP_GET and SSL_GET only, default 200
  command?: string; // MISC_CHECK only (required): absolute path and arguments
  dynamic?: boolean; // MISC_CHECK only: misc_dynamic
  query?: { type?: DnsQueryType; name?: string }; // DNS_CHECK only, default SOA for "."
}

export type DnsQueryType = 'A' | 'NS' | 'CNAME' | 'SOA' | 'MX' | 'TXT' | 'AAAA';

export interface InventoryRealServer {
  host: string; // name of an inventory host
  port?: number; // default: the service's port
  weight?: number; // default 1
}

export interface InventoryService {
  port?: number; // a service names either a port, or a fwmark with its ports
  fwmark?: number; // 1..2^32-1: the VIP's `ports` as one service, marked by lvs-play's nftables rules on the directors
  ports?: number[]; // with fwmark only
  protocol?: 'TCP' | 'UDP'; // default TCP
  scheduler?: string; // default "rr"
  schedulerFlags?: string[]; // sh-port, sh-fallback (sh); mh-port, mh-fallback (mh)
  forwarding?: 'DR' | 'NAT' | 'TUN'; // default DR
  persistence?: number; // seconds; 0 or absent = none
  delayLoop?: number; // seconds between checks, default 3
  realServers?: InventoryRealServer[]; // default: every host of group "realservers"
  healthCheck?: InventoryHealthCheck; // default TCP_CHECK
  sorryServer?: { host: string; port?: number }; // while every real server is down
  quorum?: { weight: number; hysteresis?: number; up?: string; down?: string }; // keepalived's quorum and its hooks
}

export interface InventoryVip {
  address: string;
  instance?: string; // vrrp_instance name, default "vi_<index+1>"
  routerId: number; // virtual_router_id, 1-255
  master?: string; // director that is MASTER; default: spread evenly over directors
  priority?: number; // MASTER's priority, default vrrp.priority.master
  interface?: string; // default vrrp.interface
  services: InventoryService[];
}

export interface InventoryAuth {
  type: 'PASS' | 'AH';
  password?: string; // at most 8 characters; prefer passwordEnv or passwordFile
  passwordEnv?: string;
  passwordFile?: string;
}

export interface InventoryVrrp {
  interface?: string; // default "eth0"
  advertInterval?: number; // seconds, default 1
  priority?: { master?: number; backup?: number; step?: number }; // defaults 150, 120, 10
  authentication?: InventoryAuth;
  syncDaemon?: boolean; // lvs_sync_daemon on vrrp.interface, default true
  syncMaxlen?: number; // lvs_sync_daemon's maxlen: bytes per sync message, 1-65507 (default: keepalived's, the MTU)
  unicast?: boolean; // adverts to the other directors' addresses, default false (multicast)
  nopreempt?: boolean; // a director that comes back leaves its VIPs where they are, default false
  preemptDelay?: number; // seconds before a director that comes back takes its VIPs, 1-1000
  garp?: { masterDelay?: number; masterRepeat?: number; masterRefresh?: number };
  notify?: { script?: string; file?: string }; // the operator's script for every state change
  trackScripts?: InventoryTrackScript[]; // the operator's checks, tracked by every instance
  trackInterfaces?: { interface: string; weight?: number }[];
  syncGroups?: { name: string; vips: string[] }[]; // VIPs that move together
}

export interface InventoryTrackScript {
  name: string;
  command: string; // absolute path and arguments
  interval?: number; // seconds, default 2
  timeout?: number; // seconds, default the interval
  weight?: number; // default 0: FAULT while failing
  fall?: number; // default 1
  rise?: number; // default 1
}

export interface InventoryKeepalived {
  // "full" runs VRRP and the IPVS health checker; "vrrp-only" for hosts whose
  // kernel has no IP_VS (the container lab)
  mode?: 'full' | 'vrrp-only';
}

export interface Inventory {
  $schema?: string;
  name: string; // cluster name
  ssh?: InventorySsh;
  hosts: InventoryHost[];
  groups: Record<string, string[]>; // "directors" and "realservers" required
  vrrp?: InventoryVrrp;
  keepalived?: InventoryKeepalived;
  vips: InventoryVip[];
  time?: { servers?: string[] }; // default ["pool.ntp.org"]
  packages?: Record<string, string[]>; // group -> packages; directors default keepalived, ipvsadm
  sysctl?: Record<string, Record<string, string | number>>; // group -> key -> value
  nat?: InventoryNat; // what the hosts of a cluster with NAT services need
}

/** LVS-NAT: the real servers' replies go back through the MASTER director, via a VIP on their side. */
export interface InventoryNat {
  gateway: string; // a VIP of the cluster on the real servers' network, in a sync group with every VIP that has a NAT service
  prefixLength?: number; // the real servers' network around the gateway, default 24 (IPv4) / 64 (IPv6)
  clientNetworks?: string[]; // CIDRs the real servers reach through the gateway; default: their default route
}

// ----------------------------------------------------- resolved cluster

export interface SshSettings {
  user: string;
  port: number;
  identityFile?: string; // absolute
  passphraseEnv?: string;
  knownHosts: string; // absolute; host keys accepted with --accept-new-host-keys are recorded here
  jumpHost?: string | Host; // an inventory host's name or "user@host:port"; a Host built from the ssh config's ProxyJump
  hostName?: string; // where SSH connects when not the host's address (the ssh config's HostName)
  otherKnownHosts?: string[]; // known_hosts files only read, after knownHosts; default /etc/ssh/ssh_known_hosts{,2}
  acceptNewHostKeys?: boolean; // StrictHostKeyChecking accept-new in the ssh config
  connectTimeout?: number; // seconds (the ssh config's ConnectTimeout)
}

export interface TrackScript {
  name: string;
  command: string;
  interval: number;
  timeout: number;
  weight: number;
  fall: number;
  rise: number;
}

export interface Host {
  name: string;
  address: string;
  /** a dual-stack host's address of the other family (the inventory's ipv4 or ipv6) */
  secondAddress?: string;
  ssh: SshSettings;
  groups: string[]; // sorted
}

export interface HealthCheck {
  type: HealthCheckType;
  port: number;
  connectTimeout: number;
  retry: number;
  delayBeforeRetry: number;
  path?: string; // HTTP_GET and SSL_GET only
  status?: number; // HTTP_GET and SSL_GET only
  command?: string; // MISC_CHECK only
  dynamic?: boolean; // MISC_CHECK only
  query?: { type: DnsQueryType; name: string }; // DNS_CHECK only
}

export interface RealServer {
  host: string;
  address: string;
  port: number;
  weight: number;
  healthCheck: HealthCheck;
}

export interface Service {
  vip: string;
  /** the virtual service's port; 0 for a fwmark service, whose real servers get each client's own port */
  port: number;
  /** a fwmark service: every port in `ports` of the VIP, marked `mark` on the directors (IPv4 only) */
  fwmark?: { mark: number; ports: number[] };
  protocol: 'TCP' | 'UDP';
  scheduler: string;
  /** flags of the sh and mh schedulers, sorted */
  schedulerFlags: string[];
  forwarding: 'DR' | 'NAT' | 'TUN';
  persistence: number; // 0 = none
  delayLoop: number;
  realServers: RealServer[];
  /** sorry_server: takes the traffic while every real server is down */
  sorryServer?: { host: string; address: string; port: number };
  /** quorum: the service is up while its live real servers' weights add up to `weight` (give or take `hysteresis`); `up`/`down` run on the director */
  quorum?: { weight: number; hysteresis: number; up: string | null; down: string | null };
}

export interface Vip {
  address: string;
  family: 4 | 6;
  instance: string;
  routerId: number;
  interface: string;
  advertInterval: number;
  master: string;
  priorities: Record<string, number>; // director name -> priority; master highest, backups distinct
  services: Service[];
}

export interface Cluster {
  name: string;
  hosts: Host[]; // in inventory order
  groups: Record<string, string[]>;
  vrrp: {
    interface: string;
    advertInterval: number;
    syncDaemon: boolean;
    /** lvs_sync_daemon's maxlen, null for keepalived's default (a message per MTU, sent when full or 2 s old) */
    syncMaxlen: number | null;
    auth: { type: 'PASS' | 'AH'; password: Secret } | null;
    /** adverts to the other directors' addresses instead of multicast */
    unicast: boolean;
    /** nopreempt: a VIP stays where it is when its MASTER comes back; delay: preempt_delay seconds (0: none) */
    preempt: { nopreempt: boolean; delay: number };
    /** keepalived's garp_master_* settings; unset ones keep keepalived's defaults */
    garp: { masterDelay?: number; masterRepeat?: number; masterRefresh?: number };
    /** the operator's notify script (its text), or null */
    notify: string | null;
    /** the operator's checks (vrrp_script), tracked by every instance */
    trackScripts: TrackScript[];
    /** interfaces every instance tracks; weight null: FAULT while down */
    trackInterfaces: { interface: string; weight: number | null }[];
    /** VIPs that move together: each group's instance names, in VIP order */
    syncGroups: { name: string; instances: string[] }[];
  };
  keepalived: { mode: 'full' | 'vrrp-only' };
  vips: Vip[];
  time: { servers: string[] };
  packages: Record<string, string[]>;
  sysctl: Record<string, Record<string, string>>;
  /** LVS-NAT: the gateway VIP, its network's prefix length, and what the real servers route through it ("default" or CIDRs); null without NAT */
  nat: { gateway: string; prefixLength: number; routes: string[] } | null;
}
