// What a change runs on a host. Each kind has a fixed meaning for apply and
// for undo (see lib/run/apply.ts and lib/run/rollback.ts), so the rollback of
// any change is known before the change is made.

export type ServiceAction = 'enable' | 'disable' | 'start' | 'stop' | 'reload' | 'restart' | 'daemon-reload';

export type Step =
  /** atomic write: temp file in the target's folder, validate, back up the old file, rename */
  | {
      kind: 'write';
      path: string;
      content: string;
      mode: number;
      owner: string;
      group: string;
      secret: boolean;
      /** a command run against the temp file ({file} is replaced by its quoted path); must exit 0 */
      validate?: string;
    }
  /** a file lvs-play wrote before that the inventory no longer wants: backed up into the journal, then removed */
  | { kind: 'remove'; path: string }
  | { kind: 'install'; packages: string[]; manager: 'apt' | 'dnf' | 'yum'; refresh: boolean }
  | { kind: 'sysctl'; key: string; value: string; previous: string | null }
  /** load a kernel module now (modprobe); a loaded module stays loaded on undo, as an installed package stays */
  | { kind: 'module'; module: string }
  | { kind: 'service'; unit: string; action: ServiceAction }
  /** a bounded wait that must succeed (e.g. chrony's first sync); changes nothing, undoes nothing */
  | { kind: 'wait'; command: string; description: string; timeoutMs: number };

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'write':
      return `write ${step.path}`;
    case 'remove':
      return `remove ${step.path}`;
    case 'install':
      return `install ${step.packages.join(' ')}`;
    case 'sysctl':
      return `sysctl ${step.key}=${step.value}`;
    case 'module':
      return `modprobe ${step.module}`;
    case 'wait':
      return step.description;
    case 'service':
      return step.action === 'daemon-reload' ? 'systemctl daemon-reload' : `systemctl ${step.action} ${step.unit}`;
  }
}
