// A scheduled check as Prometheus text exposition format (version 0.0.4), for
// node_exporter's textfile collector. Pure: the record in, the file's text out.
//
// Alert on lvs_play_check_success == 0 (the check could not see every host),
// lvs_play_check_hosts_drifted > 0 (drift), lvs_play_check_interrupted_runs > 0
// (a run was cut off and left a host half-changed), on a drain forgotten with
// time() - lvs_play_drained_since_timestamp_seconds > your longest maintenance,
// and on the file going stale with node_exporter's own node_textfile_mtime_seconds.

import type { DrainEntry } from '../rollout/switch-record.js';
import { type CheckRecord, driftedTasks } from './record.js';

interface Family {
  name: string;
  help: string;
  samples: Array<{ labels: Record<string, string>; value: number }>;
}

/** `drains`: the real servers this machine's switch record lists as drained for the cluster. */
export function renderMetrics(record: CheckRecord, drains: DrainEntry[] = []): string {
  const cluster = record.cluster;
  const c = { cluster };
  const perHost = (fn: (h: CheckRecord['hosts'][number]) => number) =>
    record.hosts.map((h) => ({ labels: { cluster, host: h.host }, value: fn(h) }));
  const finishedMs = Date.parse(record.startedAt) + record.durationMs;
  const families: Family[] = [
    {
      name: 'lvs_play_check_drifted_tasks',
      help: 'Tasks whose state on the host differs from the inventory.',
      samples: perHost((h) => driftedTasks(h).length),
    },
    {
      name: 'lvs_play_check_failed_tasks',
      help: 'Tasks that could not be checked on the host (reachable host).',
      samples: perHost((h) => h.tasks.filter((t) => t.status === 'failed').length),
    },
    {
      name: 'lvs_play_check_interrupted_runs',
      help: 'lvs-play runs interrupted on the host (their journals left behind): lvs-play deploy or recover rolls them back.',
      samples: perHost((h) => h.interrupted?.length ?? 0),
    },
    {
      name: 'lvs_play_check_host_unreachable',
      help: '1 when the host could not be reached or refused the connection.',
      samples: perHost((h) => (h.status === 'unreachable' ? 1 : 0)),
    },
    { name: 'lvs_play_check_hosts', help: 'Hosts the check covered.', samples: [{ labels: c, value: record.hosts.length }] },
    {
      name: 'lvs_play_check_hosts_drifted',
      help: 'Hosts with at least one drifted task.',
      samples: [{ labels: c, value: record.hosts.filter((h) => driftedTasks(h).length > 0).length }],
    },
    {
      name: 'lvs_play_check_hosts_unreachable',
      help: 'Hosts that could not be reached.',
      samples: [{ labels: c, value: record.hosts.filter((h) => h.status === 'unreachable').length }],
    },
    {
      name: 'lvs_play_check_last_run_timestamp_seconds',
      help: 'When the last check finished, in seconds since the epoch.',
      samples: [{ labels: c, value: finishedMs / 1000 }],
    },
    {
      name: 'lvs_play_check_duration_seconds',
      help: 'How long the last check took.',
      samples: [{ labels: c, value: record.durationMs / 1000 }],
    },
    {
      name: 'lvs_play_check_exit_code',
      help: 'Exit status of the last check: 0 in sync, 2 drift, 1 error.',
      samples: [{ labels: c, value: record.exitCode }],
    },
    {
      name: 'lvs_play_check_success',
      help: '1 when the last check saw every host (in sync or drift), 0 on error.',
      samples: [{ labels: c, value: record.exitCode === 1 ? 0 : 1 }],
    },
    {
      name: 'lvs_play_drained_since_timestamp_seconds',
      help: 'Real servers out of the pool by the drain switch, since when (seconds since the epoch), from this machine\'s record: by="hand" lvs-play drain, until lvs-play undrain; by="run" left by a run that did not finish, until the next deploy.',
      samples: drains.map((d) => ({
        labels: { by: d.byHand ? 'hand' : 'run', cluster, real_server: d.realServer },
        value: Date.parse(d.since) / 1000,
      })),
    },
  ];
  return families.map(renderFamily).join('');
}

function renderFamily(f: Family): string {
  const lines = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} gauge`];
  for (const s of f.samples) lines.push(`${f.name}${renderLabels(s.labels)} ${formatValue(s.value)}`);
  return `${lines.join('\n')}\n`;
}

function renderLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}
