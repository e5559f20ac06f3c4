import { strict as assert } from 'node:assert';
import { Journal, rollbackPlan } from '../../lib/run/journal.js';
import type { Step } from '../../lib/tasks/step.js';

describe('run/journal', () => {
  it('orders the rollback: stop services, restore files newest first, then reload against restored files', () => {
    const j = new Journal('r1');
    const steps: [string, Step][] = [
      ['sysctl', { kind: 'sysctl', key: 'net.a', value: '1', previous: '0' }],
      ['dr-client', { kind: 'write', path: '/etc/systemd/system/u.service', content: '', mode: 0o644, owner: 'root', group: 'root', secret: false }],
      ['dr-client', { kind: 'service', unit: 'u.service', action: 'daemon-reload' }],
      ['dr-client', { kind: 'service', unit: 'u.service', action: 'enable' }],
      ['dr-client', { kind: 'service', unit: 'u.service', action: 'start' }],
      ['keepalived', { kind: 'install', packages: ['keepalived'], manager: 'apt', refresh: false }],
      ['keepalived', { kind: 'write', path: '/etc/keepalived/keepalived.conf', content: '', mode: 0o640, owner: 'root', group: 'root', secret: true }],
      ['keepalived', { kind: 'service', unit: 'keepalived.service', action: 'reload' }],
    ];
    for (const [task, step] of steps) j.record(task, step, j.reserve());
    assert.deepEqual(rollbackPlan(j).map((u) => u.description), [
      'systemctl stop u.service',
      'systemctl disable u.service',
      'restore /etc/keepalived/keepalived.conf',
      'restore /etc/systemd/system/u.service',
      'sysctl net.a=0',
      'systemctl daemon-reload',
      'systemctl reload keepalived.service',
    ]);
    assert.deepEqual(j.installedPackages, ['keepalived']);
  });
});
