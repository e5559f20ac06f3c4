// `schedule status` text from a status object: installed or not, what systemd
// said, and the last run's drifted, failed and unreachable hosts by name.

import { strict as assert } from 'node:assert';
import { formatStatus, type ScheduleStatus, statusExitCode } from '../../lib/schedule/status.js';
import { driftedRecord, unreachableRecord } from './reports.js';

const base: ScheduleStatus = {
  name: 'lvs-play-check-lab',
  unitDir: '/etc/systemd/system',
  installed: true,
  timer: null,
  stateDir: '/var/lib/lvs-play/checks/lab',
  reports: 7,
  latest: driftedRecord,
};

describe('schedule status', () => {
  it('a drifted lab: the hosts and tasks that drifted, with what differs; exit 2', () => {
    const text = formatStatus({
      ...base,
      timer: { activeState: 'active', nextRun: 'Sun 2026-11-29 15:00:00 UTC', lastTrigger: null, serviceResult: 'exit-code' },
    });
    assert.equal(
      text,
      [
        'lvs-play-check-lab: installed in /etc/systemd/system, timer active, next run Sun 2026-11-29 15:00:00 UTC, service result exit-code',
        'last run: 2026-11-29T14:30:01.500Z (1.3 s), drift (exit 2)',
        '  lvs-dr: drifted: keepalived (/etc/keepalived/keepalived.conf differs; keepalived is stopped, want started)',
        '  lvs01: drifted: sysctl (net.ipv4.conf.lo.arp_ignore is 0, want 1)',
        'hosts: 4 checked, drifted: lvs-dr, lvs01, unreachable: none',
        'reports kept: 7 in /var/lib/lvs-play/checks/lab/reports',
      ].join('\n'),
    );
    assert.equal(statusExitCode({ ...base }), 2);
  });

  it('unreachable hosts with the reason; not installed; no run yet exits 1', () => {
    const text = formatStatus({ ...base, installed: false, latest: unreachableRecord });
    assert.match(text, /^lvs-play-check-lab: not installed in \/etc\/systemd\/system\n/);
    assert.match(text, /\n {2}lvs-dr: unreachable: lvs-dr: cannot connect to lvs-dr: lab is not up/);
    assert.match(text, /\nhosts: 4 checked, drifted: lvs01, unreachable: lvs-dr, lvs-dr2, lvs02\n/);
    assert.equal(statusExitCode({ ...base, latest: unreachableRecord }), 1);
    const none = { ...base, latest: null, reports: 0 };
    assert.match(formatStatus(none), /last run: none yet \(no \/var\/lib\/lvs-play\/checks\/lab\/latest\.json\)$/);
    assert.equal(statusExitCode(none), 1);
  });
});
