// Issue 12, item 5: redaction by structure, not by value. Every output that
// can be made without a lab (render, check and deploy reports in plain lines,
// --json and --diff, the rollout plan and report, schedule records, metrics
// and status lines, verify, keepalived.conf parse errors) is produced for the
// lab cluster with the VRRP passwords "1", "11" and "1111", and with one that
// cannot collide with anything. The short ones must change nothing but the
// secret: each output is identical to the reference's (where both say
// <redacted>), so no address, priority, line number or duration is mangled,
// and no auth_pass value, nor the password quoted, is shown.
//
// The directors' current configs are hand-edited: a changed priority, a
// one-line quoted authentication block, an older password in one instance
// with the current one in a comment, and (lvs-dr2) a line the parser cannot
// read that holds a raw auth_pass. A third VIP, 198.18.0.11 (router id 11,
// a real server at weight 1111), gives a short password more to collide with.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCommand } from '../../lib/cli/commands/render.js';
import type { Cluster, Host, Inventory } from '../../lib/inventory/types.js';
import type { Playbook } from '../../lib/playbook.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { KEEPALIVED_DEFAULTS_PATH } from '../../lib/render/keepalived-defaults.js';
import { SWITCHES_README } from '../../lib/render/switches.js';
import { plainObserver } from '../../lib/report/plain-observer.js';
import { recap } from '../../lib/report/recap.js';
import { classifyConfigChange, parseOrWhy } from '../../lib/rollout/plan/classify-config.js';
import { formatPlan } from '../../lib/rollout/plan/format.js';
import { planRollout } from '../../lib/rollout/plan/plan.js';
import { formatRolloutReport, type RolloutReport } from '../../lib/rollout/plan/report.js';
import { readHost } from '../../lib/rollout/read-hosts.js';
import { applyChange } from '../../lib/run/apply.js';
import { changeReport } from '../../lib/run/change-report.js';
import { gatherFacts } from '../../lib/run/gather.js';
import type { Journal } from '../../lib/run/journal.js';
import { secretsRedactor } from '../../lib/run/redactor.js';
import type { HostReport, RunReport, TaskReport } from '../../lib/run/report.js';
import { saveRecord } from '../../lib/schedule/history.js';
import { renderMetrics } from '../../lib/schedule/metrics.js';
import { recordOf } from '../../lib/schedule/record.js';
import { recordLines } from '../../lib/schedule/status.js';
import { keepalivedTask } from '../../lib/tasks/keepalived.js';
import type { Change } from '../../lib/tasks/task.js';
import { evaluateCluster } from '../../lib/verify/evaluate.js';
import { formatReport } from '../../lib/verify/format.js';
import { clusterWithPassword, inventoryJson } from '../support/clusters.js';
import { FakeHost, fileOutput, osReleaseOutput, serviceOutput } from '../support/fake-host.js';
import { presentFile, service } from '../support/task-facts.js';
import { healthy, host as observed } from '../verify/observations.js';

const PASSWORDS = ['1', '11', '1111'];
/** cannot be part of any address, number or word of the outputs */
const REFERENCE = 'Zq8@xY';
/** the password one instance of lvs-dr still has (hand-edited): never shown either */
const OLD = '12';
const RUN_ID = '20261129T143000Z-a1b2c3';
const STARTED = '2026-11-29T14:30:00.110Z';
/** every duration, fixed so that outputs compare; it contains "1", "11" and "111" */
const DURATION_MS = 1110;
const DIRECTORS = ['lvs-dr', 'lvs-dr2'];
const R = '<redacted>';

const thirdVip = (inv: Inventory) => {
  const vip = { ...structuredClone(inv.vips[0]!), address: '198.18.0.11', instance: 'bl_three', routerId: 11, master: 'lvs-dr2' };
  vip.services[0]!.realServers![0]!.weight = 1111;
  inv.vips.push(vip);
};

/** the rendered authentication block of an instance */
const authBlock = (pw: string) => `    authentication {\n        auth_type PASS\n        auth_pass ${pw}\n    }`;

/** lvs-dr's config, edited by hand: parseable, differs in priority, form and one instance's password */
function editedDr(rendered: string, pw: string): string {
  const parts = rendered.replace('priority 150', 'priority 110').split(authBlock(pw));
  assert.equal(parts.length, 4, 'three instances, each with its authentication block');
  return (
    parts[0] +
    authBlock(pw) +
    parts[1] +
    `    authentication { auth_type PASS auth_pass "${pw}" }` +
    parts[2] +
    `    authentication {\n        auth_type PASS\n        auth_pass ${OLD}  # auth_pass ${pw} from 2027\n    }` +
    parts[3]
  );
}

/** lvs-dr2's config, edited by hand so that the parser cannot read it: a raw auth_pass on a line with no keyword */
function editedDr2(rendered: string, pw: string): string {
  assert.ok(rendered.includes(authBlock(pw)));
  return rendered.replace(authBlock(pw), `    authentication\n    { auth_type PASS auth_pass ${pw} }`);
}

/** what `keepalived -t` might say about the candidate file: line numbers, addresses, and the password twice */
const keepalivedTestSaid = (pw: string) =>
  [
    `(/etc/keepalived/.keepalived.conf.lvs-play-${RUN_ID}.tmp: Line 11) Unknown keyword 'auth_passs'`,
    `(/etc/keepalived/.keepalived.conf.lvs-play-${RUN_ID}.tmp: Line 111) auth_pass ${pw} is not valid here`,
    `(Line 1111) Unknown keyword '${pw}'`,
    'VRRP_Instance(bl_three) 198.18.0.11: priority 150 / 120, advert_int 3, 1 error(s)',
    'validation failed',
  ].join('\n');

const playbook: Playbook = {
  name: 'keepalived only',
  description: 'the secret file',
  plays: [{ hosts: 'directors', tasks: [keepalivedTask] }],
};

/** Every host of the cluster as a FakeHost: directors with their (edited) keepalived files, real servers with nothing to read. */
function fakeHosts(cluster: Cluster, confs: Record<string, string>): Map<string, FakeHost> {
  const out = new Map<string, FakeHost>();
  for (const h of cluster.hosts) {
    if (!DIRECTORS.includes(h.name)) {
      out.set(h.name, new FakeHost(h, []));
      continue;
    }
    const files = hostFiles(cluster, h.name);
    const inSync = (path: string) => {
      const f = files.find((x) => x.path === path)!;
      return presentFile(path, f.content, f.mode);
    };
    out.set(
      h.name,
      new FakeHost(
        h,
        [
          osReleaseOutput('debian-12'),
          fileOutput(inSync(SWITCHES_README)),
          fileOutput({ path: '/etc/keepalived/lvs-play-notify', exists: false, content: '', mode: 0, owner: '', group: '' }),
          fileOutput(presentFile(KEEPALIVED_CONF_PATH, confs[h.name]!, 0o640)),
          fileOutput(inSync(KEEPALIVED_DEFAULTS_PATH)),
          // a Debian host: nothing at the RHEL family's path, read in the same round trip
          fileOutput({ path: '/etc/sysconfig/keepalived', exists: false, content: '', mode: 0, owner: '', group: '' }),
          serviceOutput(service('keepalived.service')),
        ],
        (_command, options) => {
          // the write of keepalived.conf fails its check on the host
          if (String(options.stdin ?? '').includes('vrrp_instance'))
            return { code: 3, stdout: '', stderr: keepalivedTestSaid(cluster.vrrp.auth!.password.reveal()) };
          return undefined;
        },
      ),
    );
  }
  return out;
}

/** The stand-in journal applyChange needs: no host-side journal is involved in a write that fails its check. */
const journal = {
  runId: RUN_ID,
  holder: { command: 'deploy', pid: 1, host: 'control', startedAt: STARTED },
  reserve: () => 0,
  record: () => {},
} as unknown as Journal;

async function captureStdout(fn: () => Promise<number>): Promise<string> {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    assert.equal(await fn(), 0);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

/** Each output by name, for one password. */
async function outputs(password: string): Promise<Record<string, string>> {
  const cluster = clusterWithPassword('lab', password, thirdVip);
  const redact = secretsRedactor(cluster);
  const hostOf = (name: string): Host => cluster.hosts.find((h) => h.name === name)!;
  const rendered = Object.fromEntries(DIRECTORS.map((d) => [d, renderKeepalivedConf(cluster, d)]));
  const confs = { 'lvs-dr': editedDr(rendered['lvs-dr']!, password), 'lvs-dr2': editedDr2(rendered['lvs-dr2']!, password) };
  const hosts = fakeHosts(cluster, confs);
  const out: Record<string, string> = {};

  // render, as the command prints it
  const dir = mkdtempSync(join(tmpdir(), 'lvsp-redaction-'));
  try {
    const inv = inventoryJson('lab');
    delete (inv as { $schema?: string }).$schema;
    inv.vrrp = { ...inv.vrrp, authentication: { type: 'PASS', password } };
    thirdVip(inv);
    writeFileSync(join(dir, 'lab.json'), JSON.stringify(inv, null, 2));
    for (const d of DIRECTORS)
      out[`render ${d}`] = await captureStdout(() => renderCommand.run([join(dir, 'lab.json'), '--host', d], { commands: [] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // check --diff, plain and --json: the keepalived task's diff over what each director answers
  const lines: string[] = [];
  const checkObserver = plainObserver((l) => lines.push(l), 'check');
  const checkHosts: HostReport[] = [];
  const confChanges = new Map<string, Change>();
  for (const d of DIRECTORS) {
    const ctx = { cluster, host: hostOf(d) };
    const diff = keepalivedTask.diff(ctx, await gatherFacts(hosts.get(d)!.transport, keepalivedTask.facts(ctx)));
    confChanges.set(d, diff.changes.find((c) => c.summary.startsWith(KEEPALIVED_CONF_PATH))!);
    const task: TaskReport = {
      task: 'keepalived',
      status: 'changed',
      changes: diff.changes.map((c) => changeReport(c, true, redact)),
      notes: [],
    };
    checkObserver.taskEnded(d, task);
    const report: HostReport = { host: d, status: 'changed', tasks: [task], durationMs: DURATION_MS };
    checkObserver.hostEnded(report);
    checkHosts.push(report);
  }
  const check: RunReport = {
    mode: 'check',
    inventory: 'inventory/lab.json',
    cluster: cluster.name,
    startedAt: STARTED,
    durationMs: DURATION_MS,
    hosts: checkHosts,
  };
  out['check --diff (plain)'] = [...lines, recap(check)].join('\n');
  out['check --diff --json'] = JSON.stringify(check, null, 2);

  // deploy: the write of keepalived.conf fails `keepalived -t` on lvs-dr
  let stepError = '';
  await applyChange(hosts.get('lvs-dr')!.transport, journal, 'keepalived', confChanges.get('lvs-dr')!, redact).then(
    () => assert.fail('the write should have failed'),
    (e: Error) => {
      stepError = redact(e.message);
    },
  );
  const failedTask: TaskReport = {
    task: 'keepalived',
    status: 'failed',
    changes: [changeReport(confChanges.get('lvs-dr')!, true, redact)],
    notes: [],
    error: stepError,
  };
  const failedHost: HostReport = {
    host: 'lvs-dr',
    status: 'failed',
    tasks: [failedTask],
    error: `keepalived: ${stepError}`,
    rolledBack: [],
    packagesInstalled: [],
    durationMs: DURATION_MS,
  };
  const deployLines: string[] = [];
  const deployObserver = plainObserver((l) => deployLines.push(l), 'deploy');
  deployObserver.taskEnded('lvs-dr', failedTask);
  deployObserver.hostEnded(failedHost);
  const deploy: RunReport = { ...check, mode: 'deploy', hosts: [failedHost] };
  out['deploy (plain)'] = [...deployLines, recap(deploy)].join('\n');
  out['deploy --json'] = JSON.stringify(deploy, null, 2);

  // rollout --check: every host read through the rollout's own reader, planned, printed
  const states = await Promise.all(
    cluster.hosts
      .filter((h) => h.name !== 'client')
      .map((h) => readHost(cluster, playbook, h, async () => hosts.get(h.name)!.transport, redact)),
  );
  const plan = planRollout({ cluster, states, selected: states.map((s) => s.host), batch: { count: 1 }, drainTimeoutMs: 60_000 });
  const changes = new Map(states.map((s) => [s.host, s.changes]));
  out['rollout --check'] = formatPlan(plan, changes, 'inventory/lab.json');
  out['rollout --check --json'] = JSON.stringify(
    {
      inventory: 'inventory/lab.json',
      ...plan,
      stages: plan.stages.map((s) => ({ ...s, changes: Object.fromEntries(s.hosts.map((h) => [h, changes.get(h) ?? []])) })),
    },
    null,
    2,
  );

  // the rollout's report, its stage failed by the deploy above
  const rollout: RolloutReport = {
    cluster: cluster.name,
    inventory: 'inventory/lab.json',
    runId: RUN_ID,
    startedAt: STARTED,
    durationMs: DURATION_MS,
    status: 'failed',
    stages: [
      {
        stage: 1,
        kind: 'directors-agree',
        hosts: DIRECTORS,
        status: 'failed',
        error: redact(`lvs-dr: ${failedHost.error}`),
        hostReports: [failedHost],
        rolledBack: [{ host: 'lvs-dr', undone: ['restore /etc/keepalived/keepalived.conf'], failed: [] }],
        notes: [],
        durationMs: DURATION_MS,
      },
    ],
    vips: '198.18.0.100 on lvs-dr; 198.18.0.110 on lvs-dr2; 198.18.0.11 on lvs-dr2',
  };
  out['rollout report'] = formatRolloutReport(rollout);
  out['rollout report --json'] = JSON.stringify(rollout, null, 2);

  // schedule: the record as kept on disk, the metrics, the status lines
  const record = recordOf(check);
  const state = mkdtempSync(join(tmpdir(), 'lvsp-redaction-state-'));
  try {
    out['schedule latest.json'] = readFileSync((await saveRecord(state, record, 2)).latest, 'utf8');
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
  out['schedule metrics'] = renderMetrics(record);
  out['schedule status'] = recordLines(record).join('\n');

  // the parser and the planner on the hand-edited configs
  out['parse error'] = String(parseOrWhy(confs['lvs-dr2']));
  out['classified changes'] = JSON.stringify(
    [classifyConfigChange(confs['lvs-dr'], rendered['lvs-dr']!), classifyConfigChange(confs['lvs-dr2'], rendered['lvs-dr2']!)],
    null,
    2,
  );

  // verify with lvs-dr running the hand-edited config, through the command's redaction
  const obs = healthy(cluster);
  observed(obs, 'lvs-dr').director!.files.find((f) => f.path === KEEPALIVED_CONF_PATH)!.content = confs['lvs-dr'];
  const verified = evaluateCluster(cluster, obs);
  out.verify = redact(formatReport(verified));
  out['verify --json'] = redact(JSON.stringify({ inventory: 'inventory/lab.json', ...verified }, null, 2));
  return out;
}

/** Every auth_pass in the text (any case, as a word) followed by a value that is not a redaction marker. */
function shownValues(text: string): string[] {
  return [...text.matchAll(/(?<![A-Za-z0-9_])auth_pass(?![A-Za-z0-9_])[ \t]+(\S+)/gi)]
    .map((m) => m[1]!)
    .filter((v) => !v.startsWith(R.slice(0, -1)));
}

describe('redaction by structure, not by value (issue 12, item 5)', () => {
  let reference: Record<string, string>;
  before(async () => {
    reference = await outputs(REFERENCE);
  });

  it('the reference outputs show no password, and redact where a secret stands', () => {
    for (const [name, text] of Object.entries(reference)) {
      assert.ok(!text.includes(REFERENCE), `${name} shows the password`);
      assert.deepEqual(shownValues(text), [], `${name} shows an auth_pass value`);
    }
    assert.equal(reference['render lvs-dr']!.match(/^ {8}auth_pass <redacted>$/gm)?.length, 3);
    // the diff marks the value that differs from the rendered ones (OLD), not the ones only written differently
    assert.match(reference['check --diff (plain)']!, /^- {4}authentication \{ auth_type PASS auth_pass <redacted> \}$/m);
    assert.match(reference['check --diff (plain)']!, /^- {8}auth_pass <redacted: differs> {2}# auth_pass <redacted> from 2027$/m);
    assert.match(reference['check --diff (plain)']!, /^- {4}\{ auth_type PASS auth_pass <redacted> \}$/m);
    assert.match(
      reference['deploy (plain)']!,
      /Line 11\) Unknown keyword 'auth_passs'\n.*Line 111\) auth_pass <redacted> is not valid here\n\(Line 1111\) Unknown keyword '<redacted>'/,
    );
    assert.match(
      reference['rollout --check']!,
      /DISRUPTIVE: the keepalived.conf on the host cannot be read \(line \d+: "\{" without a keyword: \{ auth_type PASS auth_pass <redacted> \}\)/,
    );
    assert.match(reference['rollout --check']!, /MUST-AGREE: vrrp_instance bl_two: authentication set -> set/);
    assert.equal(
      reference['parse error'],
      `line ${reference['parse error']!.match(/^line (\d+)/)![1]}: "{" without a keyword: { auth_type PASS auth_pass <redacted> }`,
    );
    assert.match(reference.verify!, /priority 110/);
  });

  for (const password of PASSWORDS) {
    describe(`password "${password}"`, () => {
      let mine: Record<string, string>;
      before(async () => {
        mine = await outputs(password);
      });

      it('every output is the reference one: nothing but the secret depends on the password', () => {
        assert.deepEqual(Object.keys(mine), Object.keys(reference));
        for (const name of Object.keys(reference)) assert.equal(mine[name], reference[name], `${name} with password "${password}"`);
      });

      it('no output shows it as an auth_pass value or quoted', () => {
        for (const [name, text] of Object.entries(mine)) {
          assert.deepEqual(shownValues(text), [], `${name} shows an auth_pass value`);
          assert.ok(!text.includes(`'${password}'`), `${name} quotes the password`);
          assert.ok(!new RegExp(`auth_pass\\s+"?(${password}|${OLD})\\b`).test(text), `${name} shows a password after auth_pass`);
        }
      });

      it('addresses, router ids, priorities, intervals and line numbers are intact', () => {
        const render = mine['render lvs-dr']!;
        for (const s of [
          '198.18.0.100/32',
          '198.18.0.110/32',
          '198.18.0.11/32',
          'virtual_server 198.18.0.11 80',
          'real_server 198.18.0.10 80',
          'virtual_router_id 11',
          'weight 1111',
          'priority 150',
          'priority 120',
          'advert_int 3',
          'weight 1',
          'connect_timeout 10',
          'persistence_timeout 50',
        ]) {
          assert.ok(render.includes(s), `render lost "${s}"`);
        }
        assert.match(
          mine['deploy (plain)']!,
          /Line 11\) .*\n.*Line 111\) .*\n\(Line 1111\) .*\nVRRP_Instance\(bl_three\) 198\.18\.0\.11: priority 150 \/ 120, advert_int 3, 1 error\(s\)/,
        );
        assert.match(mine['schedule metrics']!, /lvs_play_check_duration_seconds\{cluster="lab"\} 1\.11$/m);
        assert.match(mine['rollout report']!, /failed in 1\.1s, run 20261129T143000Z-a1b2c3/);
        assert.match(mine.verify!, /differs from the rendered one at line \d+: has "priority 110", lvs-play renders "priority 150"/);
      });
    });
  }
});
