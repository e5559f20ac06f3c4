// Check reports as `lvs-play check --json` prints them for the lab inventory
// (4 hosts with tasks; the client has none): in sync, drifted, unreachable,
// plus a run that never got to a host and one with names that need escaping.

import type { HostReport, RunReport, TaskReport } from '../../lib/run/report.js';
import { type CheckRecord, failedRecord, recordOf } from '../../lib/schedule/record.js';

const DIRECTOR_TASKS = ['time-sync', 'packages', 'kernel-modules', 'sysctl', 'keepalived'];
const REALSERVER_TASKS = ['time-sync', 'packages', 'sysctl', 'dr-client'];

const task = (name: string, over: Partial<TaskReport> = {}): TaskReport => ({ task: name, status: 'ok', changes: [], notes: [], ...over });

function host(
  name: string,
  tasks: string[],
  over: Partial<HostReport> = {},
  taskOver: Record<string, Partial<TaskReport>> = {},
): HostReport {
  const reports = tasks.map((t) => task(t, taskOver[t]));
  const status = reports.some((t) => t.status === 'unreachable')
    ? 'unreachable'
    : reports.some((t) => t.status === 'failed')
      ? 'failed'
      : reports.some((t) => t.status === 'changed')
        ? 'changed'
        : 'ok';
  return { host: name, status, tasks: reports, durationMs: 180, ...over };
}

function report(hosts: HostReport[], over: Partial<RunReport> = {}): RunReport {
  return {
    mode: 'check',
    inventory: '/work/main/inventory/lab.json',
    cluster: 'lab',
    startedAt: '2026-11-29T14:30:00.250Z',
    durationMs: 1_250,
    hosts,
    ...over,
  };
}

const allOk = () => [
  host('lvs-dr', DIRECTOR_TASKS),
  host('lvs-dr2', DIRECTOR_TASKS),
  host('lvs01', REALSERVER_TASKS),
  host('lvs02', REALSERVER_TASKS),
];

export const cleanRecord: CheckRecord = recordOf(report(allOk()));

export const driftedRecord: CheckRecord = recordOf(
  report([
    host(
      'lvs-dr',
      DIRECTOR_TASKS,
      {},
      {
        keepalived: {
          status: 'changed',
          changes: [{ summary: '/etc/keepalived/keepalived.conf differs' }, { summary: 'keepalived is stopped, want started' }],
        },
      },
    ),
    host('lvs-dr2', DIRECTOR_TASKS),
    host(
      'lvs01',
      REALSERVER_TASKS,
      {},
      { sysctl: { status: 'changed', changes: [{ summary: 'net.ipv4.conf.lo.arp_ignore is 0, want 1' }] } },
    ),
    host('lvs02', REALSERVER_TASKS),
  ]),
);

const down = (name: string) => `${name}: cannot connect to ${name}: lab is not up: run lvs-play lab up`;
const unreachable = (name: string, tasks: string[]) =>
  host(name, tasks, { error: down(name), durationMs: 3 }, Object.fromEntries(tasks.map((t) => [t, { status: 'unreachable' as const }])));

export const unreachableRecord: CheckRecord = recordOf(
  report([
    unreachable('lvs-dr', DIRECTOR_TASKS),
    unreachable('lvs-dr2', DIRECTOR_TASKS),
    host(
      'lvs01',
      REALSERVER_TASKS,
      {},
      { sysctl: { status: 'changed', changes: [{ summary: 'net.ipv4.conf.lo.arp_ignore is 0, want 1' }] } },
    ),
    unreachable('lvs02', REALSERVER_TASKS),
  ]),
);

export const failedLoadRecord: CheckRecord = failedRecord({
  inventory: '/etc/lvs-play/lab.json',
  cluster: 'lab',
  startedAt: new Date('2026-11-29T14:30:00.250Z'),
  durationMs: 40,
  error: 'inventory /etc/lvs-play/lab.json: 1 problem\n/vips/0/address: must be an IP address',
});

export const oddNamesRecord: CheckRecord = recordOf(
  report([host('we"ird\\host\nname', REALSERVER_TASKS, {}, { sysctl: { status: 'changed', changes: [{ summary: 'x' }] } })], {
    cluster: 'c\\"1',
  }),
);
