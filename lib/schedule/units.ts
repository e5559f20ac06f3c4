// The systemd service and timer of a scheduled drift check, rendered from
// plain options (no I/O), and the lvs-play keys read back from an installed
// service so `schedule status` and `schedule remove` find its directories.

import { describeSchedule, type Schedule, timespan } from './interval.js';

export interface UnitOptions {
  cluster: string;
  /** base name of both units: <name>.service and <name>.timer */
  name: string;
  schedule: Schedule;
  /** ExecStart argv, absolute paths (see scheduledRunArgv) */
  command: string[];
  inventory: string;
  stateDir: string;
  textfileDir: string;
  /** EnvironmentFile= (e.g. where a VRRP password variable is set) */
  envFile?: string;
  /** OnFailure= unit, started on drift or error */
  onFailure?: string;
}

export interface UnitFile {
  name: string;
  content: string;
}
export interface RenderedUnits {
  service: UnitFile;
  timer: UnitFile;
}

/** The directories and files a scheduled check uses, as recorded in its service. */
export interface UnitMeta {
  cluster?: string;
  inventory?: string;
  stateDir?: string;
  textfileDir?: string;
}

const META_KEYS: Record<keyof UnitMeta, string> = {
  cluster: 'X-LvsPlay-Cluster',
  inventory: 'X-LvsPlay-Inventory',
  stateDir: 'X-LvsPlay-StateDir',
  textfileDir: 'X-LvsPlay-TextfileDir',
};

/** The argv the service runs: `lvs-play schedule run` with every path spelled out. */
export function scheduledRunArgv(o: {
  node: string;
  entry: string;
  inventory: string;
  stateDir: string;
  textfileDir: string;
  keep: number;
  name: string;
  playbook?: string;
  sshConfig?: string;
}): string[] {
  return [
    o.node,
    o.entry,
    'schedule',
    'run',
    o.inventory,
    '--state-dir',
    o.stateDir,
    '--textfile-dir',
    o.textfileDir,
    '--keep',
    String(o.keep),
    '--name',
    o.name,
    ...(o.playbook ? ['--playbook', o.playbook] : []),
    ...(o.sshConfig ? ['--ssh-config', o.sshConfig] : []),
  ];
}

/**
 * One word of an ExecStart= line (or, with variables false, of a path list
 * such as ReadWritePaths=): systemd splits on whitespace, unquotes "..." with
 * C escapes and expands %-specifiers; ExecStart= also expands $VARS.
 */
export function unitWord(word: string, variables = true): string {
  const plain = variables ? word.replace(/%/g, '%%').replace(/\$/g, '$$$$') : word.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_@%+=:,./$-]+$/.test(plain)) return plain;
  return `"${plain.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

export function renderUnits(o: UnitOptions): RenderedUnits {
  const service = `${o.name}.service`;
  const timer = `${o.name}.timer`;
  const every = describeSchedule(o.schedule);
  const writable = [...new Set([o.stateDir, o.textfileDir])].map((d) => unitWord(`-${d}`, false)).join(' ');
  const serviceText = [
    `# ${service}: drift check of cluster ${o.cluster}, started by ${timer} (${every}).`,
    '# Written by `lvs-play schedule`; `lvs-play schedule remove` removes it.',
    '#',
    "# The exit status is `lvs-play check`'s: 0 in sync, 2 drift, 1 error.",
    '# SuccessExitStatus= is deliberately left at its default (0 only): a drift',
    '# (2) or an error (1) leaves this unit failed, so `systemctl --failed` lists',
    '# it and OnFailure= units fire. The timer starts it again all the same.',
    '[Unit]',
    `Description=lvs-play drift check of cluster ${o.cluster}`,
    'Wants=network-online.target',
    'After=network-online.target',
    ...(o.onFailure ? [`OnFailure=${o.onFailure}`] : []),
    ...metaLines({ cluster: o.cluster, inventory: o.inventory, stateDir: o.stateDir, textfileDir: o.textfileDir }),
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${o.command.map((w) => unitWord(w)).join(' ')}`,
    ...(o.envFile ? [`EnvironmentFile=${o.envFile.replace(/%/g, '%%')}`] : []),
    '# a check still running after this is stuck (a host that accepts and never answers)',
    `TimeoutStartSec=${timespan(Math.min(Math.max(o.schedule.seconds, 60), 1_800))}`,
    '# reads the inventory, its keys and the hosts; writes only its reports and metrics',
    'NoNewPrivileges=yes',
    'ProtectSystem=full',
    `ReadWritePaths=${writable}`,
    '',
  ].join('\n');

  const timing =
    o.schedule.kind === 'calendar'
      ? [`OnCalendar=${o.schedule.calendar}`, '# a run missed while the machine was off happens at the next boot', 'Persistent=true']
      : [
          '# OnBootSec= already past when the timer starts (enabled after boot) fires at once',
          `OnBootSec=${timespan(Math.min(o.schedule.seconds, 300))}`,
          `OnUnitActiveSec=${timespan(o.schedule.seconds)}`,
        ];
  const timerText = [
    `# ${timer}: starts ${service} (${every}).`,
    '# Written by `lvs-play schedule`; `lvs-play schedule remove` removes it.',
    '[Unit]',
    `Description=lvs-play drift check of cluster ${o.cluster}, ${every}`,
    '',
    '[Timer]',
    ...timing,
    '# spreads the checks of several machines or clusters a little',
    `RandomizedDelaySec=${timespan(Math.min(Math.floor(o.schedule.seconds / 10), 60))}`,
    'AccuracySec=1s',
    `Unit=${service}`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service: { name: service, content: serviceText }, timer: { name: timer, content: timerText } };
}

function metaLines(meta: Required<UnitMeta>): string[] {
  // systemd ignores X- keys; values are raw to the end of the line
  return (Object.keys(META_KEYS) as (keyof UnitMeta)[]).map((k) => `${META_KEYS[k]}=${meta[k]}`);
}

/** The X-LvsPlay-* keys of a service written by renderUnits. */
export function readUnitMeta(serviceText: string): UnitMeta {
  const meta: UnitMeta = {};
  for (const line of serviceText.split('\n')) {
    for (const [field, key] of Object.entries(META_KEYS) as [keyof UnitMeta, string][]) {
      if (line.startsWith(`${key}=`)) meta[field] = line.slice(key.length + 1);
    }
  }
  return meta;
}
