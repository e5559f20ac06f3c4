import { strict as assert } from 'node:assert';
import { KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { KEEPALIVED_DEFAULTS_PATH } from '../../lib/render/keepalived-defaults.js';
import { checkKeepalived } from '../../lib/verify/keepalived.js';
import type { Observations } from '../../lib/verify/types.js';
import { clusterOf } from '../support/clusters.js';
import { missingService, service } from '../support/task-facts.js';
import { healthy, host } from './observations.js';

const lab = clusterOf('lab'); // VRRP password "s3cr3tpw"
const rows = (obs: Observations) => checkKeepalived(lab, obs);
const find = (obs: Observations, check: string, target: string) => rows(obs).find((r) => r.check === check && r.target === target)!;
const file = (obs: Observations, name: string, path: string) => host(obs, name).director!.files.find((f) => f.path === path)!;

describe('verify/keepalived', () => {
  it('passes a running keepalived with the rendered files, on each director', () => {
    const r = rows(healthy(lab));
    assert.deepEqual(
      r.map((x) => `${x.check} ${x.target} ${x.status}`),
      ['keepalived lvs-dr pass', 'keepalived-config lvs-dr pass', 'keepalived lvs-dr2 pass', 'keepalived-config lvs-dr2 pass'],
    );
  });

  it('a stopped keepalived is degraded (its peer can carry the VIPs); not installed is a fail', () => {
    const obs = healthy(lab);
    host(obs, 'lvs-dr').director!.keepalived = service('keepalived.service', { active: false });
    assert.equal(find(obs, 'keepalived', 'lvs-dr').status, 'degraded');
    assert.match(find(obs, 'keepalived', 'lvs-dr').detail, /not running on lvs-dr/);
    host(obs, 'lvs-dr2').director!.keepalived = missingService('keepalived.service');
    assert.equal(find(obs, 'keepalived', 'lvs-dr2').status, 'fail');
  });

  it('says when keepalived is not enabled at boot', () => {
    const obs = healthy(lab);
    host(obs, 'lvs-dr').director!.keepalived = service('keepalived.service', { enabled: false });
    assert.deepEqual(
      [find(obs, 'keepalived', 'lvs-dr').status, find(obs, 'keepalived', 'lvs-dr').detail],
      ['pass', 'running; not enabled at boot'],
    );
  });

  it('a config that differs by content is a fail naming the host and the line, with no password shown', () => {
    const obs = healthy(lab);
    const conf = file(obs, 'lvs-dr2', KEEPALIVED_CONF_PATH);
    conf.content = conf.content.replace('priority 150', 'priority 100');
    const r = find(obs, 'keepalived-config', 'lvs-dr2');
    assert.equal(r.status, 'fail');
    assert.match(
      r.detail,
      /^lvs-dr2: \/etc\/keepalived\/keepalived.conf differs from the rendered one at line \d+: has "priority 100", lvs-play renders "priority 150"/,
    );
    assert.equal(find(obs, 'keepalived-config', 'lvs-dr').status, 'pass');
  });

  it('a changed password is named by its line only: neither password is printed', () => {
    const obs = healthy(lab);
    const conf = file(obs, 'lvs-dr', KEEPALIVED_CONF_PATH);
    conf.content = conf.content.replaceAll('auth_pass s3cr3tpw', 'auth_pass otherpw');
    const r = find(obs, 'keepalived-config', 'lvs-dr');
    assert.equal(r.status, 'fail');
    assert.match(r.detail, /has "auth_pass <redacted>", lvs-play renders "auth_pass <redacted>"/);
    assert.doesNotMatch(r.detail, /s3cr3tpw|otherpw/);
  });

  it('the same text with a different mtime or mode is still a pass: content is what counts', () => {
    const obs = healthy(lab);
    Object.assign(file(obs, 'lvs-dr', KEEPALIVED_CONF_PATH), { mode: 0o600 });
    assert.equal(find(obs, 'keepalived-config', 'lvs-dr').status, 'pass');
  });

  it('a missing config or other daemon options (full instead of --vrrp) are fails', () => {
    const obs = healthy(lab);
    Object.assign(file(obs, 'lvs-dr', KEEPALIVED_CONF_PATH), { exists: false, content: '' });
    const defaults = file(obs, 'lvs-dr', KEEPALIVED_DEFAULTS_PATH);
    defaults.content = defaults.content.replace('DAEMON_ARGS="--vrrp"', 'DAEMON_ARGS=""');
    const r = find(obs, 'keepalived-config', 'lvs-dr');
    assert.equal(r.status, 'fail');
    assert.match(
      r.detail,
      /keepalived.conf is missing; \/etc\/default\/keepalived differs from the rendered one at line \d+: has "DAEMON_ARGS=\\"\\"", lvs-play renders "DAEMON_ARGS=\\"--vrrp\\""/,
    );
  });

  it('an extra line at the end is named as the end of the rendered file', () => {
    const obs = healthy(lab);
    const conf = file(obs, 'lvs-dr', KEEPALIVED_CONF_PATH);
    conf.content += 'include /etc/keepalived/extra.conf\n';
    assert.match(
      find(obs, 'keepalived-config', 'lvs-dr').detail,
      /has "include \/etc\/keepalived\/extra.conf", lvs-play renders \(end of file\)/,
    );
  });

  it('says nothing of unreachable directors (the host row does)', () => {
    const obs = healthy(lab);
    obs.hosts = obs.hosts.map((h) => (h.host === 'lvs-dr' ? { host: 'lvs-dr', reachable: false, error: 'refused' } : h));
    assert.deepEqual(
      rows(obs).map((r) => r.target),
      ['lvs-dr2', 'lvs-dr2'],
    );
  });
});
