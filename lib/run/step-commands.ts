// The shell command of every step and of its undo. Pure: a step and where
// its journal lives in, a command out, so the exact commands are testable
// without a host. Every value is quoted; file content travels on stdin.

import { posix } from 'node:path';
import { quote } from '../shell/quote.js';
import type { ServiceAction, Step } from '../tasks/step.js';

/** Where a run keeps, on the host, the files it replaced (removed when the run ends). */
export function journalDir(runId: string): string {
  return `/var/lib/lvs-play/journal/${runId}`;
}

export interface StepCommand {
  command: string;
  stdin?: string;
}

export function applyCommand(step: Step, runId: string, index: number): StepCommand {
  switch (step.kind) {
    case 'write': return writeCommand(step, runId, index);
    case 'install': return { command: installCommand(step.manager, step.packages, step.refresh) };
    case 'sysctl': return { command: `sysctl -q -w ${quote(`${step.key}=${step.value}`)}` };
    case 'service': return { command: serviceCommand(step.unit, step.action) };
    case 'wait': return { command: step.command };
  }
}

function writeCommand(step: Extract<Step, { kind: 'write' }>, runId: string, index: number): StepCommand {
  const dir = posix.dirname(step.path);
  const tmp = posix.join(dir, `.${posix.basename(step.path)}.lvs-play-${runId}.tmp`);
  const backup = posix.join(journalDir(runId), String(index));
  const validate = step.validate ? step.validate.split('{file}').join(quote(tmp)) : 'true';
  const command = [
    'set -e',
    'umask 077',
    `mkdir -p ${quote(dir)} ${quote(journalDir(runId))}`,
    `t=${quote(tmp)}`,
    'cat > "$t"',
    `chmod ${step.mode.toString(8)} "$t"`,
    `chown ${quote(`${step.owner}:${step.group}`)} "$t"`,
    // validation output goes to stderr so the caller can show why it failed
    `if ! out=$(${validate} 2>&1); then rm -f "$t"; printf '%s\\n' "$out" >&2; echo 'validation failed' >&2; exit 3; fi`,
    `if [ -e ${quote(step.path)} ]; then cp -a ${quote(step.path)} ${quote(backup)}; else : > ${quote(backup + '.absent')}; fi`,
    `mv -f "$t" ${quote(step.path)}`,
  ].join('\n');
  return { command, stdin: step.content };
}

export function installCommand(manager: 'apt' | 'dnf' | 'yum', packages: string[], refresh: boolean): string {
  const words = packages.map(quote).join(' ');
  if (manager === 'apt') {
    const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold ${words}`;
    // a package unknown to stale lists: refresh once and try again
    return refresh ? `apt-get update -q && ${install}` : `${install} || { apt-get update -q && ${install}; }`;
  }
  return `${manager} install -y ${words}`;
}

export function serviceCommand(unit: string, action: ServiceAction): string {
  return action === 'daemon-reload' ? 'systemctl daemon-reload' : `systemctl ${action} ${quote(unit)}`;
}

/** When an undo runs: service stops/disables before files are restored, the rest after. */
export type UndoPhase = 'before-restore' | 'restore' | 'after-restore';

export interface UndoCommand { phase: UndoPhase; description: string; command: string }

const SERVICE_UNDO: Record<ServiceAction, { action: ServiceAction; phase: UndoPhase }> = {
  enable: { action: 'disable', phase: 'before-restore' },
  start: { action: 'stop', phase: 'before-restore' },
  disable: { action: 'enable', phase: 'after-restore' },
  stop: { action: 'start', phase: 'after-restore' },
  reload: { action: 'reload', phase: 'after-restore' },
  restart: { action: 'restart', phase: 'after-restore' },
  'daemon-reload': { action: 'daemon-reload', phase: 'after-restore' },
};

/** The undo of an applied step; null when there is nothing to undo (packages stay installed). */
export function undoCommand(step: Step, runId: string, index: number): UndoCommand | null {
  switch (step.kind) {
    case 'write': {
      const backup = posix.join(journalDir(runId), String(index));
      const p = quote(step.path);
      return {
        phase: 'restore',
        description: `restore ${step.path}`,
        command: `if [ -e ${quote(backup)} ]; then cp -a ${quote(backup)} ${p}.lvs-play-restore && mv -f ${p}.lvs-play-restore ${p}; else rm -f ${p}; fi`,
      };
    }
    case 'sysctl':
      if (step.previous === null) return null;
      return { phase: 'restore', description: `sysctl ${step.key}=${step.previous}`, command: `sysctl -q -w ${quote(`${step.key}=${step.previous}`)}` };
    case 'install':
    case 'wait':
      return null;
    case 'service': {
      const u = SERVICE_UNDO[step.action];
      const command = serviceCommand(step.unit, u.action);
      // reloading a unit that is not running fails and means nothing
      const guarded = u.action === 'reload' ? `if systemctl is-active -q ${quote(step.unit)}; then ${command}; fi` : command;
      return { phase: u.phase, description: u.action === 'daemon-reload' ? 'systemctl daemon-reload' : `systemctl ${u.action} ${step.unit}`, command: guarded };
    }
  }
}
