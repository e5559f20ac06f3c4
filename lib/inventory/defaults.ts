// Every default the inventory leaves implicit, in one place, so the schema's
// descriptions, resolve() and the README can agree.

export const DEFAULTS = {
  ssh: { user: 'root', port: 22, knownHosts: '~/.ssh/known_hosts' },
  vrrp: {
    interface: 'eth0',
    advertInterval: 1,
    priority: { master: 150, backup: 120, step: 10 },
    syncDaemon: true,
  },
  keepalived: { mode: 'full' as const },
  service: { protocol: 'TCP' as const, scheduler: 'rr', forwarding: 'DR' as const, persistence: 0, delayLoop: 3 },
  realServer: { weight: 1 },
  healthCheck: { type: 'TCP_CHECK' as const, connectTimeout: 10, retry: 3, delayBeforeRetry: 3, path: '/', status: 200 },
  trackScript: { interval: 2 },
  time: { servers: ['pool.ntp.org'] },
  packages: { directors: ['keepalived', 'ipvsadm'] },
} as const;

/** The groups every cluster has. */
export const DIRECTORS = 'directors';
export const REALSERVERS = 'realservers';
