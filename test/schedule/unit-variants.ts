// Unit options the golden and systemd-analyze tests share: the common case,
// one with every option, one whose paths need quoting.

import { parseEvery } from '../../lib/schedule/interval.js';
import { scheduledRunArgv, type UnitOptions } from '../../lib/schedule/units.js';

export function unitVariants(node: string, entry = '/opt/lvs-play/dist/lib/cli/main.js'): Record<string, UnitOptions> {
  const every15m = {
    cluster: 'lab',
    name: 'lvs-play-check-lab',
    schedule: parseEvery('15m'),
    inventory: '/etc/lvs-play/lab.json',
    stateDir: '/var/lib/lvs-play/checks/lab',
    textfileDir: '/var/lib/lvs-play/checks/lab',
  };
  const daily = {
    cluster: 'prod-web',
    name: 'nightly-drift',
    schedule: parseEvery('daily'),
    inventory: '/srv/lvs/prod-web.json',
    stateDir: '/var/lib/lvs-play/checks/nightly-drift',
    textfileDir: '/var/lib/prometheus/node-exporter',
  };
  const odd = {
    cluster: 'lab',
    name: 'lvs-play-check-lab',
    schedule: parseEvery('1h30m'),
    inventory: '/home/ops/my "lab" 100%/$inv.json',
    stateDir: '/var/lib/state dir/lab',
    textfileDir: '/var/lib/text%dir',
  };
  return {
    every15m: { ...every15m, command: scheduledRunArgv({ node, entry, ...every15m, keep: 96 }) },
    dailyEverything: {
      ...daily,
      command: scheduledRunArgv({ node, entry, ...daily, keep: 30, playbook: '/srv/lvs/playbook.js' }),
      envFile: '/etc/lvs-play/prod-web.env',
      onFailure: 'notify-admin@%n.service',
    },
    oddPaths: { ...odd, command: scheduledRunArgv({ node, entry, ...odd, keep: 4 }) },
  };
}
