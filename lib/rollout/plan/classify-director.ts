// How a director takes all of its pending changes: its keepalived.conf
// compared as a structure (classify-config.ts), plus what the other tasks
// would run: installing keepalived (Debian's postinst restarts the daemon),
// changed daemon options (/etc/default/keepalived or
// /etc/sysconfig/keepalived: a restart). Changes that
// never touch keepalived (chrony, sysctl) are reload-safe.

import { classifyConfigChange } from './classify-config.js';
import type { Classified, DirectorClass, HostState } from './types.js';

export function classifyDirector(state: HostState): Classified[] {
  const out: Classified[] = [];
  const conf = state.keepalivedConf;
  // only what this run's keepalived task would write (a playbook may leave keepalived alone)
  if (conf && conf.current !== conf.next && state.changes.some((c) => c.task === 'keepalived')) {
    if (conf.current === null)
      out.push({ class: 'disruptive', reason: 'no keepalived.conf on the host yet: keepalived starts for the first time' });
    else out.push(...classifyConfigChange(conf.current, conf.next));
  }
  if (state.installs.includes('keepalived'))
    out.push({ class: 'disruptive', reason: "keepalived is installed: the package's scripts may (re)start the daemon" });
  if (state.restartsKeepalived)
    out.push({ class: 'disruptive', reason: 'keepalived restarts (its daemon options changed): every instance starts again' });
  if (state.startsKeepalived)
    out.push({
      class: 'reload-safe',
      reason: 'keepalived is not running: it is started with the handover switch set, so it takes no VIP until handed back',
    });
  if (out.length === 0 && state.changes.length > 0) out.push({ class: 'reload-safe', reason: "no change to keepalived's VRRP instances" });
  return out;
}

export function classesOf(classified: Classified[]): Set<DirectorClass> {
  return new Set(classified.map((c) => c.class));
}
