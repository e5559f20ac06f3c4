// The --diff of keepalived.conf is redacted at its source (fileChange), by
// structure: auth_pass values only, marked where the host's differs.

import { strict as assert } from 'node:assert';
import { hostFiles, KEEPALIVED_CONF_PATH } from '../../lib/render/host-files.js';
import { fileChange } from '../../lib/tasks/file-change.js';
import { clusterWithPassword } from '../support/clusters.js';
import { presentFile } from '../support/task-facts.js';

const confOf = (cluster: ReturnType<typeof clusterWithPassword>) =>
  hostFiles(cluster, 'lvs-dr').find((f) => f.path === KEEPALIVED_CONF_PATH)!;

describe('tasks/file-change: the redacted diff of keepalived.conf', () => {
  it('marks a host value that is none of the rendered ones, not a line only written differently', () => {
    const file = confOf(clusterWithPassword('lab', '11'));
    const host = file.content
      .replace('auth_pass 11\n', 'auth_pass 1\n')
      .replace(
        / {4}authentication \{\n {8}auth_type PASS\n {8}auth_pass 11\n {4}\}/,
        '    authentication { auth_type PASS auth_pass "11" }',
      );
    const d = fileChange(file, presentFile(KEEPALIVED_CONF_PATH, host, 0o640))!.diff!;
    assert.deepEqual(d.before!.match(/auth_pass \S+( \S+)?/g), ['auth_pass <redacted: differs>', 'auth_pass <redacted> }']);
    assert.equal(
      d.before!.replace('auth_pass <redacted: differs>', 'auth_pass 1').replace('auth_pass <redacted> }', 'auth_pass "11" }'),
      host,
    );
    assert.doesNotMatch(d.after, /auth_pass (?!<redacted>$)/m);
  });

  it("redacts the host's copy even when the inventory has no authentication (the host may still have a password)", () => {
    const file = confOf(
      clusterWithPassword('lab', '11', (inv) => {
        delete inv.vrrp!.authentication;
      }),
    );
    assert.equal(file.secret, false);
    const d = fileChange(
      file,
      presentFile(
        KEEPALIVED_CONF_PATH,
        'vrrp_instance x {\n    authentication { auth_type PASS auth_pass 11 }\n    priority 110\n}\n',
        0o640,
      ),
    )!.diff!;
    assert.equal(d.before, 'vrrp_instance x {\n    authentication { auth_type PASS auth_pass <redacted: differs> }\n    priority 110\n}\n');
  });
});
