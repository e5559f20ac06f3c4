// Variations of a loaded cluster for settings no fixture inventory covers.

import type { Cluster } from '../../lib/inventory/types.js';
import { Secret } from '../../lib/secret.js';

export const vrrpOnly = (c: Cluster): Cluster => ({ ...c, keepalived: { mode: 'vrrp-only' } });
export const noAuth = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, auth: null } });
export const noSyncDaemon = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, syncDaemon: false } });
export const syncMaxlen = (c: Cluster, maxlen: number): Cluster => ({ ...c, vrrp: { ...c.vrrp, syncMaxlen: maxlen } });
export const ahAuth = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, auth: { type: 'AH', password: new Secret('ah-key') } } });
// Not a valid inventory (the rules refuse authentication with IPv6 VIPs), but
// the renderer must still never write what keepalived would warn about.
export const unicast = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, unicast: true } });
export const nopreempt = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, preempt: { nopreempt: true, delay: 0 } } });
export const preemptDelay = (c: Cluster, delay: number): Cluster => ({ ...c, vrrp: { ...c.vrrp, preempt: { nopreempt: false, delay } } });
export const garp = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, garp: { masterDelay: 1, masterRepeat: 3, masterRefresh: 60 } } });
export const passAuth = (c: Cluster): Cluster => ({ ...c, vrrp: { ...c.vrrp, auth: { type: 'PASS', password: new Secret('pw') } } });
