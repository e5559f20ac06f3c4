import { strict as assert } from 'node:assert';
import { CHRONY_CONF_PATH } from '../../lib/render/chrony.js';
import { DR_CLIENT_PATHS } from '../../lib/render/dr-client.js';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { KEEPALIVED_DEFAULTS_PATH } from '../../lib/render/keepalived-defaults.js';
import { MODULES_LOAD_PATH } from '../../lib/render/kernel-modules.js';
import { NOTIFY_SCRIPT_PATH } from '../../lib/render/notify.js';
import { RHEL_LAYOUT } from '../../lib/render/os-layout.js';
import { SWITCHES_README } from '../../lib/render/switches.js';
import { DIRECTOR_IPVS_SYSCTLS, hostSysctls, SYSCTL_CONF_PATH } from '../../lib/render/sysctl.js';
import { parseSysctlOriginals, renderSysctlOriginals, SYSCTL_ORIGINALS_PATH } from '../../lib/render/sysctl-originals.js';
import { changeReport } from '../../lib/run/change-report.js';
import { secretsRedactor } from '../../lib/run/redactor.js';
import { drClientTask } from '../../lib/tasks/dr-client.js';
import { keepalivedTask } from '../../lib/tasks/keepalived.js';
import { kernelModulesTask } from '../../lib/tasks/kernel-modules.js';
import { packagesTask } from '../../lib/tasks/packages.js';
import { sysctlTask } from '../../lib/tasks/sysctl.js';
import type { TaskContext } from '../../lib/tasks/task.js';
import { timeSyncTask } from '../../lib/tasks/time-sync.js';
import { clusterOf } from '../support/clusters.js';
import { absentFile, fixtureFacts, missingService, presentFile, service } from '../support/task-facts.js';

const cluster = clusterOf('lab');
const ctxOf = (name: string): TaskContext => ({ cluster, host: cluster.hosts.find((h) => h.name === name)! });
const fileOf = (host: string, path: string) => hostFiles(cluster, host).find((f) => f.path === path)!;
const inSync = (host: string, path: string) => {
  const f = fileOf(host, path);
  return presentFile(path, f.content, f.mode);
};
const debian = { id: 'debian', idLike: [], versionId: '12', family: 'debian', packageManager: 'apt' };
/** a Debian host: its os-release, and nothing at the RHEL family's paths (read in the same round trip) */
const onDebian = {
  'os-release': debian,
  [`file:${RHEL_LAYOUT.chrony.conf}`]: absentFile(RHEL_LAYOUT.chrony.conf),
  [`service:${RHEL_LAYOUT.chrony.unit}`]: missingService(RHEL_LAYOUT.chrony.unit),
  [`file:${RHEL_LAYOUT.keepalivedOptions.path}`]: absentFile(RHEL_LAYOUT.keepalivedOptions.path),
  // no vrrp.notify in the lab inventory: nothing there
  [`file:${NOTIFY_SCRIPT_PATH}`]: absentFile(NOTIFY_SCRIPT_PATH),
};
const summaries = (d: { changes: { summary: string }[] }) => d.changes.map((c) => c.summary);

describe('tasks: diff from fixture facts', () => {
  const dr = ctxOf('lvs-dr');
  const rs = ctxOf('lvs01');

  it('keepalived on a bare director: the switches folder, both files, then enable and start (the chain is predicted)', () => {
    const d = keepalivedTask.diff(
      dr,
      fixtureFacts(keepalivedTask, dr, {
        ...onDebian,
        [`file:${SWITCHES_README}`]: absentFile(SWITCHES_README),
        [`file:${KEEPALIVED_CONF_PATH}`]: absentFile(KEEPALIVED_CONF_PATH),
        [`file:${KEEPALIVED_DEFAULTS_PATH}`]: absentFile(KEEPALIVED_DEFAULTS_PATH),
        'service:keepalived.service': missingService('keepalived.service'),
      }),
    );
    assert.deepEqual(summaries(d), [
      `${SWITCHES_README}: missing`,
      `${KEEPALIVED_CONF_PATH}: missing`,
      `${KEEPALIVED_DEFAULTS_PATH}: missing`,
      'keepalived.service not enabled',
      'keepalived.service not running',
    ]);
    const write = d.changes[1].steps[0];
    assert.ok(write.kind === 'write' && write.validate === 'keepalived -t -l -e -f {file}' && write.secret);
  });

  it('keepalived in sync: no change', () => {
    const d = keepalivedTask.diff(
      dr,
      fixtureFacts(keepalivedTask, dr, {
        ...onDebian,
        [`file:${SWITCHES_README}`]: inSync('lvs-dr', SWITCHES_README),
        [`file:${KEEPALIVED_CONF_PATH}`]: inSync('lvs-dr', KEEPALIVED_CONF_PATH),
        [`file:${KEEPALIVED_DEFAULTS_PATH}`]: inSync('lvs-dr', KEEPALIVED_DEFAULTS_PATH),
        'service:keepalived.service': service('keepalived.service'),
      }),
    );
    assert.deepEqual(d.changes, []);
  });

  it('keepalived: a notify script the inventory dropped is removed after the reload of the config that no longer names it', () => {
    const f = fileOf('lvs-dr', KEEPALIVED_CONF_PATH);
    const d = keepalivedTask.diff(
      dr,
      fixtureFacts(keepalivedTask, dr, {
        ...onDebian,
        [`file:${NOTIFY_SCRIPT_PATH}`]: presentFile(NOTIFY_SCRIPT_PATH, '#!/bin/sh\nlogger "$@"\n', 0o755),
        [`file:${SWITCHES_README}`]: inSync('lvs-dr', SWITCHES_README),
        [`file:${KEEPALIVED_CONF_PATH}`]: presentFile(KEEPALIVED_CONF_PATH, `${f.content}# notify ${NOTIFY_SCRIPT_PATH}\n`, f.mode),
        [`file:${KEEPALIVED_DEFAULTS_PATH}`]: inSync('lvs-dr', KEEPALIVED_DEFAULTS_PATH),
        'service:keepalived.service': service('keepalived.service'),
      }),
    );
    assert.deepEqual(
      d.changes.flatMap((c) =>
        c.steps.map((s) => (s.kind === 'service' ? s.action : `${s.kind}${s.kind === 'remove' ? ` ${s.path}` : ''}`)),
      ),
      ['write', 'reload', `remove ${NOTIFY_SCRIPT_PATH}`],
    );
    assert.equal(d.changes.at(-1)!.summary, `${NOTIFY_SCRIPT_PATH}: left over, no vrrp.notify in the inventory`);
  });

  it('keepalived with a changed config byte while running: write and reload, never restart', () => {
    const f = fileOf('lvs-dr', KEEPALIVED_CONF_PATH);
    const d = keepalivedTask.diff(
      dr,
      fixtureFacts(keepalivedTask, dr, {
        ...onDebian,
        [`file:${SWITCHES_README}`]: inSync('lvs-dr', SWITCHES_README),
        [`file:${KEEPALIVED_CONF_PATH}`]: presentFile(KEEPALIVED_CONF_PATH, f.content.replace('advert_int 3', 'advert_int 4'), f.mode),
        [`file:${KEEPALIVED_DEFAULTS_PATH}`]: inSync('lvs-dr', KEEPALIVED_DEFAULTS_PATH),
        'service:keepalived.service': service('keepalived.service'),
      }),
    );
    assert.deepEqual(
      d.changes.flatMap((c) => c.steps.map((s) => (s.kind === 'service' ? s.action : s.kind))),
      ['write', 'reload'],
    );
  });

  it('the --diff of keepalived.conf never shows the VRRP password', () => {
    const d = keepalivedTask.diff(
      dr,
      fixtureFacts(keepalivedTask, dr, {
        ...onDebian,
        [`file:${SWITCHES_README}`]: inSync('lvs-dr', SWITCHES_README),
        [`file:${KEEPALIVED_CONF_PATH}`]: presentFile(KEEPALIVED_CONF_PATH, 'old\n'),
        [`file:${KEEPALIVED_DEFAULTS_PATH}`]: inSync('lvs-dr', KEEPALIVED_DEFAULTS_PATH),
        'service:keepalived.service': service('keepalived.service'),
      }),
    );
    const r = changeReport(d.changes[0], true, secretsRedactor(cluster));
    assert.match(r.diff ?? '', /auth_pass/);
    assert.doesNotMatch(r.diff ?? '', /s3cr3tpw/);
    assert.match(r.diff ?? '', /<redacted>/);
  });

  it('time-sync where the host cannot set its clock: a note, and no drift once configured and enabled', () => {
    const d = timeSyncTask.diff(
      dr,
      fixtureFacts(timeSyncTask, dr, {
        ...onDebian,
        'packages:chrony': { installed: { chrony: '4.3-2' }, aptListsPresent: true },
        [`file:${CHRONY_CONF_PATH}`]: inSync('lvs-dr', CHRONY_CONF_PATH),
        'service:chrony.service': service('chrony.service', { active: false, conditionFailed: true }),
        capabilities: { canSetClock: false },
      }),
    );
    assert.deepEqual(d.changes, []);
    assert.match(d.notes[0].message, /may not set its clock/);
  });

  it('time-sync on a bare host that can set its clock: install, configure, enable, start, wait for sync', () => {
    const d = timeSyncTask.diff(
      dr,
      fixtureFacts(timeSyncTask, dr, {
        ...onDebian,
        'packages:chrony': { installed: { chrony: null }, aptListsPresent: false },
        [`file:${CHRONY_CONF_PATH}`]: absentFile(CHRONY_CONF_PATH),
        'service:chrony.service': missingService('chrony.service'),
        capabilities: { canSetClock: true },
      }),
    );
    assert.deepEqual(summaries(d), [
      'not installed: chrony',
      `${CHRONY_CONF_PATH}: missing`,
      'chrony.service not enabled',
      'chrony.service not running',
      'wait until chrony reports the clock synchronised',
    ]);
    const install = d.changes[0].steps[0];
    assert.ok(install.kind === 'install' && install.refresh === true && install.manager === 'apt');
    // the package's postinst already started chrony with its own config: restart, not start
    assert.deepEqual(d.changes[3].steps, [{ kind: 'service', unit: 'chrony.service', action: 'restart' }]);
  });

  it('packages: only the missing ones, with the detected package manager', () => {
    const d = packagesTask.diff(
      dr,
      fixtureFacts(packagesTask, dr, {
        'os-release': { ...debian, id: 'rocky', family: 'rhel', packageManager: 'dnf' },
        'packages:ipvsadm,keepalived': { installed: { keepalived: '2.2.7', ipvsadm: null }, aptListsPresent: false },
      }),
    );
    assert.deepEqual(d.changes[0].steps, [{ kind: 'install', packages: ['ipvsadm'], manager: 'dnf', refresh: false }]);
  });

  it('sysctl: a value changed by hand is drift even when the file is right', () => {
    const keys = 'net.ipv4.conf.all.arp_announce,net.ipv4.conf.all.arp_ignore,net.ipv4.conf.lo.arp_announce,net.ipv4.conf.lo.arp_ignore';
    const d = sysctlTask.diff(
      rs,
      fixtureFacts(sysctlTask, rs, {
        [`file:${SYSCTL_CONF_PATH}`]: inSync('lvs01', SYSCTL_CONF_PATH),
        [`sysctl:${keys}`]: {
          'net.ipv4.conf.all.arp_announce': '2',
          'net.ipv4.conf.all.arp_ignore': '0',
          'net.ipv4.conf.lo.arp_announce': '2',
          'net.ipv4.conf.lo.arp_ignore': '1',
        },
        // deployed before: the original value is on record already
        [`file:${SYSCTL_ORIGINALS_PATH}`]: presentFile(
          SYSCTL_ORIGINALS_PATH,
          renderSysctlOriginals('lab', 'lvs01', { 'net.ipv4.conf.all.arp_ignore': '0' }),
        ),
        'recorded-sysctls': { 'net.ipv4.conf.all.arp_ignore': '0' },
      }),
    );
    assert.deepEqual(summaries(d), ['net.ipv4.conf.all.arp_ignore is 0, want 1']);
    assert.deepEqual(d.changes[0].steps, [{ kind: 'sysctl', key: 'net.ipv4.conf.all.arp_ignore', value: '1', previous: '0' }]);
  });

  it('dr-client: a VIP removed from lo by hand is repaired by a reload', () => {
    const keys = 'net.ipv4.conf.all.arp_announce,net.ipv4.conf.all.arp_ignore,net.ipv4.conf.lo.arp_announce,net.ipv4.conf.lo.arp_ignore';
    const d = drClientTask.diff(
      rs,
      fixtureFacts(drClientTask, rs, {
        [`file:${DR_CLIENT_PATHS.script}`]: inSync('lvs01', DR_CLIENT_PATHS.script),
        [`file:${DR_CLIENT_PATHS.vips}`]: inSync('lvs01', DR_CLIENT_PATHS.vips),
        [`file:${DR_CLIENT_PATHS.unit}`]: inSync('lvs01', DR_CLIENT_PATHS.unit),
        'service:lvs-play-dr-client.service': service('lvs-play-dr-client.service'),
        'addresses:lo': [
          { address: '127.0.0.1', prefix: 8 },
          { address: '198.18.0.100', prefix: 32 },
        ],
        [`sysctl:${keys}`]: {
          'net.ipv4.conf.all.arp_announce': '2',
          'net.ipv4.conf.all.arp_ignore': '1',
          'net.ipv4.conf.lo.arp_announce': '2',
          'net.ipv4.conf.lo.arp_ignore': '1',
        },
      }),
    );
    assert.deepEqual(summaries(d), ['lvs-play-dr-client.service must reload (VIP 198.18.0.110 missing on lo)']);
  });
});

describe('tasks: secrets in diffs', () => {
  it('marks a changed auth_pass in the diff without showing either value', () => {
    const cluster = clusterOf('lab');
    const ctx: TaskContext = { cluster, host: cluster.hosts.find((h) => h.name === 'lvs-dr')! };
    const f = hostFiles(cluster, 'lvs-dr').find((x) => x.path === KEEPALIVED_CONF_PATH)!;
    const onHost = f.content.replace(/auth_pass \S+/g, 'auth_pass oldpass1');
    const d = keepalivedTask.diff(
      ctx,
      fixtureFacts(keepalivedTask, ctx, {
        ...onDebian,
        [`file:${SWITCHES_README}`]: presentFile(
          SWITCHES_README,
          hostFiles(cluster, 'lvs-dr').find((x) => x.path === SWITCHES_README)!.content,
        ),
        [`file:${KEEPALIVED_CONF_PATH}`]: presentFile(KEEPALIVED_CONF_PATH, onHost, f.mode),
        [`file:${KEEPALIVED_DEFAULTS_PATH}`]: presentFile(
          KEEPALIVED_DEFAULTS_PATH,
          hostFiles(cluster, 'lvs-dr').find((x) => x.path === KEEPALIVED_DEFAULTS_PATH)!.content,
        ),
        'service:keepalived.service': service('keepalived.service'),
      }),
    );
    const r = changeReport(d.changes.find((c) => c.diff?.label === KEEPALIVED_CONF_PATH)!, true, secretsRedactor(cluster));
    assert.match(r.diff ?? '', /^-\s*auth_pass <redacted: differs>$/m);
    assert.match(r.diff ?? '', /^\+\s*auth_pass <redacted>$/m);
    assert.doesNotMatch(r.diff ?? '', /oldpass1|s3cr3tpw/);
  });
});

describe("tasks: a real director's IPVS defaults (issue 14)", () => {
  const seed = clusterOf('example'); // keepalived in full mode: directors keep an IPVS table
  const ctx = (cluster: typeof seed, name: string): TaskContext => ({ cluster, host: cluster.hosts.find((h) => h.name === name)! });
  const dr = ctx(seed, 'lvs-dr');
  const seedFile = (path: string) => hostFiles(seed, 'lvs-dr').find((f) => f.path === path)!;

  it('a director in full mode gets ip_vs in modules-load.d and loaded now, before the sysctl task needs its keys', () => {
    const d = kernelModulesTask.diff(
      dr,
      fixtureFacts(kernelModulesTask, dr, {
        [`file:${MODULES_LOAD_PATH}`]: absentFile(MODULES_LOAD_PATH),
        'modules:ip_vs': { ip_vs: false },
      }),
    );
    assert.deepEqual(summaries(d), [`${MODULES_LOAD_PATH}: missing`, 'kernel module ip_vs not loaded']);
    assert.deepEqual(d.changes[1].steps, [{ kind: 'module', module: 'ip_vs' }]);
    assert.match(seedFile(MODULES_LOAD_PATH).content, /^ip_vs$/m);
  });

  it('ip_vs listed and loaded: in sync', () => {
    const f = seedFile(MODULES_LOAD_PATH);
    const d = kernelModulesTask.diff(
      dr,
      fixtureFacts(kernelModulesTask, dr, {
        [`file:${MODULES_LOAD_PATH}`]: presentFile(MODULES_LOAD_PATH, f.content, f.mode),
        'modules:ip_vs': { ip_vs: true },
      }),
    );
    assert.deepEqual(d.changes, []);
  });

  it('a vrrp-only director (no IP_VS in its kernel) gets no module to load', () => {
    const labDr = ctx(cluster, 'lvs-dr');
    const f = fileOf('lvs-dr', MODULES_LOAD_PATH);
    assert.doesNotMatch(f.content, /ip_vs/);
    const d = kernelModulesTask.diff(
      labDr,
      fixtureFacts(kernelModulesTask, labDr, {
        [`file:${MODULES_LOAD_PATH}`]: presentFile(MODULES_LOAD_PATH, f.content, f.mode),
        'modules:': {},
      }),
    );
    assert.deepEqual(d.changes, []);
    assert.equal(
      Object.keys(hostSysctls(cluster, 'lvs-dr')).some((k) => k.startsWith('net.ipv4.vs.')),
      false,
    );
  });

  it('directors in full mode get expire_nodest_conn=1 and expire_quiescent_template=1 by default, real servers do not', () => {
    assert.deepEqual(hostSysctls(seed, 'lvs-dr'), { ...DIRECTOR_IPVS_SYSCTLS });
    assert.deepEqual(DIRECTOR_IPVS_SYSCTLS, { 'net.ipv4.vs.expire_nodest_conn': '1', 'net.ipv4.vs.expire_quiescent_template': '1' });
    assert.equal(
      Object.keys(hostSysctls(seed, 'lvs01')).some((k) => k.startsWith('net.ipv4.vs.')),
      false,
    );
  });

  it("the inventory overrides a default (an operator who wants the kernel's 0)", () => {
    const own = clusterOf('example', (inv) => {
      inv.sysctl = { directors: { 'net.ipv4.vs.expire_nodest_conn': 0 } };
    });
    assert.deepEqual(hostSysctls(own, 'lvs-dr'), { 'net.ipv4.vs.expire_nodest_conn': '0', 'net.ipv4.vs.expire_quiescent_template': '1' });
  });

  it('on a director whose ip_vs is not loaded yet, check predicts the chain: modprobe, then each key set', () => {
    const keys = Object.keys(DIRECTOR_IPVS_SYSCTLS).join(',');
    const f = seedFile('/etc/sysctl.d/90-lvs-play.conf');
    const d = sysctlTask.diff(
      dr,
      fixtureFacts(sysctlTask, dr, {
        [`file:${f.path}`]: presentFile(f.path, f.content, f.mode),
        [`sysctl:${keys}`]: { 'net.ipv4.vs.expire_nodest_conn': null, 'net.ipv4.vs.expire_quiescent_template': null },
        [`file:${SYSCTL_ORIGINALS_PATH}`]: absentFile(SYSCTL_ORIGINALS_PATH),
        'recorded-sysctls': {},
      }),
    );
    assert.deepEqual(summaries(d), [
      'net.ipv4.vs.expire_nodest_conn does not exist on this host',
      'net.ipv4.vs.expire_quiescent_template does not exist on this host',
    ]);
    assert.deepEqual(
      d.changes.map((c) => c.steps[0]),
      [
        { kind: 'sysctl', key: 'net.ipv4.vs.expire_nodest_conn', value: '1', previous: null },
        { kind: 'sysctl', key: 'net.ipv4.vs.expire_quiescent_template', value: '1', previous: null },
      ],
    );
  });
});

describe('tasks: a sysctl removed from the inventory goes back to the value it had before (issue 14)', () => {
  const withKey = clusterOf('lab', (inv) => {
    inv.sysctl = { realservers: { 'net.ipv4.tcp_fin_timeout': 30 } };
  });
  const without = clusterOf('lab');
  const ctxIn = (c: typeof withKey): TaskContext => ({ cluster: c, host: c.hosts.find((h) => h.name === 'lvs01')! });
  const arp = {
    'net.ipv4.conf.all.arp_announce': '2',
    'net.ipv4.conf.all.arp_ignore': '1',
    'net.ipv4.conf.lo.arp_announce': '2',
    'net.ipv4.conf.lo.arp_ignore': '1',
  };
  const sysctlFile = (c: typeof withKey) => {
    const f = hostFiles(c, 'lvs01').find((x) => x.path === SYSCTL_CONF_PATH)!;
    return presentFile(f.path, f.content, f.mode);
  };
  const arpKeys = Object.keys(arp).sort().join(',');

  it('the first time lvs-play sets a key, its value before is recorded on the host, ahead of the change', () => {
    const ctx = ctxIn(withKey);
    const d = sysctlTask.diff(
      ctx,
      fixtureFacts(sysctlTask, ctx, {
        [`file:${SYSCTL_CONF_PATH}`]: sysctlFile(without),
        [`sysctl:${arpKeys},net.ipv4.tcp_fin_timeout`]: { ...arp, 'net.ipv4.tcp_fin_timeout': '60' },
        [`file:${SYSCTL_ORIGINALS_PATH}`]: absentFile(SYSCTL_ORIGINALS_PATH),
        'recorded-sysctls': {},
      }),
    );
    assert.deepEqual(summaries(d), [
      `record net.ipv4.tcp_fin_timeout=60 (the value before lvs-play sets it) in ${SYSCTL_ORIGINALS_PATH}`,
      `${SYSCTL_CONF_PATH}: content differs`,
      'net.ipv4.tcp_fin_timeout is 60, want 30',
    ]);
    const record = d.changes[0].steps[0];
    assert.ok(record.kind === 'write');
    assert.deepEqual(parseSysctlOriginals(record.content), { 'net.ipv4.tcp_fin_timeout': '60' });
  });

  it('a key removed from the inventory: sysctl.d rewritten, the recorded value put back, the key dropped from the record', () => {
    const ctx = ctxIn(without);
    const d = sysctlTask.diff(
      ctx,
      fixtureFacts(sysctlTask, ctx, {
        [`file:${SYSCTL_CONF_PATH}`]: sysctlFile(withKey),
        [`sysctl:${arpKeys}`]: arp,
        [`file:${SYSCTL_ORIGINALS_PATH}`]: presentFile(
          SYSCTL_ORIGINALS_PATH,
          renderSysctlOriginals('lab', 'lvs01', { 'net.ipv4.tcp_fin_timeout': '60' }),
        ),
        'recorded-sysctls': { 'net.ipv4.tcp_fin_timeout': '30' },
      }),
    );
    assert.deepEqual(summaries(d), [
      `${SYSCTL_ORIGINALS_PATH}: content differs`,
      `${SYSCTL_CONF_PATH}: content differs`,
      'net.ipv4.tcp_fin_timeout is no longer in the inventory: back to 60, its value before lvs-play set it (now 30)',
    ]);
    assert.deepEqual(d.changes[2].steps, [{ kind: 'sysctl', key: 'net.ipv4.tcp_fin_timeout', value: '60', previous: '30' }]);
    const record = d.changes[0].steps[0];
    assert.ok(record.kind === 'write');
    assert.deepEqual(parseSysctlOriginals(record.content), {});
  });

  it('a host where lvs-play never changed a value gets no record file; a deployed one with nothing left to restore is in sync', () => {
    const ctx = ctxIn(without);
    const facts = (record: ReturnType<typeof absentFile>) =>
      fixtureFacts(sysctlTask, ctx, {
        [`file:${SYSCTL_CONF_PATH}`]: sysctlFile(without),
        [`sysctl:${arpKeys}`]: arp,
        [`file:${SYSCTL_ORIGINALS_PATH}`]: record,
        'recorded-sysctls': {},
      });
    assert.deepEqual(sysctlTask.diff(ctx, facts(absentFile(SYSCTL_ORIGINALS_PATH))).changes, []);
    assert.deepEqual(
      sysctlTask.diff(ctx, facts(presentFile(SYSCTL_ORIGINALS_PATH, renderSysctlOriginals('lab', 'lvs01', {})))).changes,
      [],
    );
  });

  it('a key that did not exist when first set is not recorded (nothing to put back); a damaged record line is ignored', () => {
    assert.deepEqual(parseSysctlOriginals('# c\nnet.a=1\nbad key=2\n$(reboot)=3\n=4\nnet.b=1 2 3\n'), { 'net.a': '1', 'net.b': '1 2 3' });
  });
});
