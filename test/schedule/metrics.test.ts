// RunReport -> Prometheus text: the exact file for a drifted lab, the values
// for a clean, an unreachable and a never-started run, label escaping.

import { strict as assert } from 'node:assert';
import { escapeHelp, escapeLabelValue, renderMetrics } from '../../lib/schedule/metrics.js';
import { samples } from './prom-samples.js';
import { cleanRecord, driftedRecord, failedLoadRecord, oddNamesRecord, unreachableRecord } from './reports.js';

describe('schedule metrics', () => {
  it('a drifted lab: the whole file', () => {
    assert.equal(
      renderMetrics(driftedRecord),
      `# HELP lvs_play_check_drifted_tasks Tasks whose state on the host differs from the inventory.
# TYPE lvs_play_check_drifted_tasks gauge
lvs_play_check_drifted_tasks{cluster="lab",host="lvs-dr"} 1
lvs_play_check_drifted_tasks{cluster="lab",host="lvs-dr2"} 0
lvs_play_check_drifted_tasks{cluster="lab",host="lvs01"} 1
lvs_play_check_drifted_tasks{cluster="lab",host="lvs02"} 0
# HELP lvs_play_check_failed_tasks Tasks that could not be checked on the host (reachable host).
# TYPE lvs_play_check_failed_tasks gauge
lvs_play_check_failed_tasks{cluster="lab",host="lvs-dr"} 0
lvs_play_check_failed_tasks{cluster="lab",host="lvs-dr2"} 0
lvs_play_check_failed_tasks{cluster="lab",host="lvs01"} 0
lvs_play_check_failed_tasks{cluster="lab",host="lvs02"} 0
# HELP lvs_play_check_interrupted_runs lvs-play runs interrupted on the host (their journals left behind): lvs-play deploy or recover rolls them back.
# TYPE lvs_play_check_interrupted_runs gauge
lvs_play_check_interrupted_runs{cluster="lab",host="lvs-dr"} 0
lvs_play_check_interrupted_runs{cluster="lab",host="lvs-dr2"} 0
lvs_play_check_interrupted_runs{cluster="lab",host="lvs01"} 0
lvs_play_check_interrupted_runs{cluster="lab",host="lvs02"} 0
# HELP lvs_play_check_host_unreachable 1 when the host could not be reached or refused the connection.
# TYPE lvs_play_check_host_unreachable gauge
lvs_play_check_host_unreachable{cluster="lab",host="lvs-dr"} 0
lvs_play_check_host_unreachable{cluster="lab",host="lvs-dr2"} 0
lvs_play_check_host_unreachable{cluster="lab",host="lvs01"} 0
lvs_play_check_host_unreachable{cluster="lab",host="lvs02"} 0
# HELP lvs_play_check_hosts Hosts the check covered.
# TYPE lvs_play_check_hosts gauge
lvs_play_check_hosts{cluster="lab"} 4
# HELP lvs_play_check_hosts_drifted Hosts with at least one drifted task.
# TYPE lvs_play_check_hosts_drifted gauge
lvs_play_check_hosts_drifted{cluster="lab"} 2
# HELP lvs_play_check_hosts_unreachable Hosts that could not be reached.
# TYPE lvs_play_check_hosts_unreachable gauge
lvs_play_check_hosts_unreachable{cluster="lab"} 0
# HELP lvs_play_check_last_run_timestamp_seconds When the last check finished, in seconds since the epoch.
# TYPE lvs_play_check_last_run_timestamp_seconds gauge
lvs_play_check_last_run_timestamp_seconds{cluster="lab"} 1795962601.5
# HELP lvs_play_check_duration_seconds How long the last check took.
# TYPE lvs_play_check_duration_seconds gauge
lvs_play_check_duration_seconds{cluster="lab"} 1.25
# HELP lvs_play_check_exit_code Exit status of the last check: 0 in sync, 2 drift, 1 error.
# TYPE lvs_play_check_exit_code gauge
lvs_play_check_exit_code{cluster="lab"} 2
# HELP lvs_play_check_success 1 when the last check saw every host (in sync or drift), 0 on error.
# TYPE lvs_play_check_success gauge
lvs_play_check_success{cluster="lab"} 1
# HELP lvs_play_drained_since_timestamp_seconds Real servers out of the pool by the drain switch, since when (seconds since the epoch), from this machine's record: by="hand" lvs-play drain, until lvs-play undrain; by="run" left by a run that did not finish, until the next deploy.
# TYPE lvs_play_drained_since_timestamp_seconds gauge
`,
    );
  });

  it("the switch record's drains: one sample each, by hand or left by a run, valued when they began", () => {
    const s = samples(
      renderMetrics(cleanRecord, [
        { realServer: 'lvs02', directors: ['lvs-dr', 'lvs-dr2'], since: '2026-12-01T10:00:00.000Z', byHand: true },
        { realServer: 'lvs01', directors: ['lvs-dr'], since: '2026-12-01T10:00:01.500Z' },
      ]),
    );
    assert.equal(s.get('lvs_play_drained_since_timestamp_seconds{by="hand",cluster="lab",real_server="lvs02"}'), 1796119200);
    assert.equal(s.get('lvs_play_drained_since_timestamp_seconds{by="run",cluster="lab",real_server="lvs01"}'), 1796119201.5);
  });

  it('a lab in sync: nothing drifted or unreachable, exit 0, success 1', () => {
    const s = samples(renderMetrics(cleanRecord));
    for (const h of ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02']) {
      assert.equal(s.get(`lvs_play_check_drifted_tasks{cluster="lab",host="${h}"}`), 0);
      assert.equal(s.get(`lvs_play_check_host_unreachable{cluster="lab",host="${h}"}`), 0);
    }
    assert.equal(s.get('lvs_play_check_hosts_drifted{cluster="lab"}'), 0);
    assert.equal(s.get('lvs_play_check_hosts_unreachable{cluster="lab"}'), 0);
    assert.equal(s.get('lvs_play_check_exit_code{cluster="lab"}'), 0);
    assert.equal(s.get('lvs_play_check_success{cluster="lab"}'), 1);
  });

  it("unreachable hosts: named one by one and counted, exit 1, success 0; a reachable host's drift still shows", () => {
    const s = samples(renderMetrics(unreachableRecord));
    for (const h of ['lvs-dr', 'lvs-dr2', 'lvs02']) {
      assert.equal(s.get(`lvs_play_check_host_unreachable{cluster="lab",host="${h}"}`), 1);
      assert.equal(s.get(`lvs_play_check_drifted_tasks{cluster="lab",host="${h}"}`), 0);
    }
    assert.equal(s.get('lvs_play_check_host_unreachable{cluster="lab",host="lvs01"}'), 0);
    assert.equal(s.get('lvs_play_check_drifted_tasks{cluster="lab",host="lvs01"}'), 1);
    assert.equal(s.get('lvs_play_check_hosts_unreachable{cluster="lab"}'), 3);
    assert.equal(s.get('lvs_play_check_hosts_drifted{cluster="lab"}'), 1);
    assert.equal(s.get('lvs_play_check_exit_code{cluster="lab"}'), 1);
    assert.equal(s.get('lvs_play_check_success{cluster="lab"}'), 0);
  });

  it('a run that never reached a host: no host series, exit 1, success 0, its time and duration', () => {
    const text = renderMetrics(failedLoadRecord);
    assert.doesNotMatch(text, /host="/);
    const s = samples(text);
    assert.equal(s.get('lvs_play_check_hosts{cluster="lab"}'), 0);
    assert.equal(s.get('lvs_play_check_exit_code{cluster="lab"}'), 1);
    assert.equal(s.get('lvs_play_check_success{cluster="lab"}'), 0);
    assert.equal(s.get('lvs_play_check_duration_seconds{cluster="lab"}'), 0.04);
    assert.equal(s.get('lvs_play_check_last_run_timestamp_seconds{cluster="lab"}'), Date.parse('2026-11-29T14:30:00.290Z') / 1000);
    // every family keeps its HELP and TYPE, even without samples
    assert.match(text, /# HELP lvs_play_check_drifted_tasks .*\n# TYPE lvs_play_check_drifted_tasks gauge\n# HELP/);
  });

  it('escapes backslash, double quote and line feed in label values', () => {
    const text = renderMetrics(oddNamesRecord);
    assert.ok(text.includes('lvs_play_check_drifted_tasks{cluster="c\\\\\\"1",host="we\\"ird\\\\host\\nname"} 1\n'), text);
    assert.equal(text.split('\n').filter((l) => l.startsWith('lvs_play_check_drifted_tasks{')).length, 1);
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    assert.equal(escapeHelp('a\\b"c\nd'), 'a\\\\b"c\\nd');
  });
});
