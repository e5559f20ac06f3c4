// keepalived.conf redacted by structure: the value after auth_pass, and
// nothing else, whatever the password is.

import { strict as assert } from 'node:assert';
import { nodeText, parseKeepalivedConf } from '../../lib/keepalived/parse.js';
import { authPassValues, redactKeepalivedText, redactNode } from '../../lib/keepalived/redact.js';
import { renderKeepalivedConf } from '../../lib/render/keepalived-conf.js';
import { classifyConfigChange } from '../../lib/rollout/plan/classify-config.js';
import { redactStepOutput } from '../../lib/run/redactor.js';
import { redact, Secret } from '../../lib/secret.js';
import type { Step } from '../../lib/tasks/step.js';
import { clusterWithPassword } from '../support/clusters.js';

const R = '<redacted>';

describe('keepalived/redact', () => {
  const cases: [string, string, string][] = [
    ['a plain line', '    auth_pass 1111\n', `    auth_pass ${R}\n`],
    ['the value as the last token of the text', 'auth_pass 1', `auth_pass ${R}`],
    ['any case', 'AUTH_PASS 11\nAuth_Pass x1', `AUTH_PASS ${R}\nAuth_Pass ${R}`],
    ['a quoted value with blanks', '  auth_pass "a b 1"  # note\n', `  auth_pass ${R}  # note\n`],
    [
      'an unterminated quote runs to the end of its line only',
      'auth_pass "a b\nvirtual_router_id 11\n',
      `auth_pass ${R}\nvirtual_router_id 11\n`,
    ],
    ['a one-line block', 'authentication { auth_type PASS auth_pass 1111 }', `authentication { auth_type PASS auth_pass ${R} }`],
    ['a one-line block with no blank before the brace', 'authentication {auth_pass 11}', `authentication {auth_pass ${R}}`],
    ['tabs and CRLF', 'auth_pass\t11\r\npriority 110\r\n', `auth_pass\t${R}\r\npriority 110\r\n`],
    ['a comment glued to the value goes with it', 'auth_pass 11#old 22', `auth_pass ${R} 22`],
    [
      'auth_pass alone on its line: the next line is not its value',
      '    auth_pass\n    198.18.0.11/32\n',
      '    auth_pass\n    198.18.0.11/32\n',
    ],
    ['a longer keyword is not auth_pass', 'my_auth_pass 1 auth_passwd 1', 'my_auth_pass 1 auth_passwd 1'],
    [
      'already redacted text stays as it is',
      `auth_pass ${R} auth_pass <redacted: differs>`,
      `auth_pass ${R} auth_pass <redacted: differs>`,
    ],
    [
      'nothing else is touched, however short the password',
      'virtual_server 198.18.0.110 80 {\n  priority 1\n  advert_int 1\n}',
      'virtual_server 198.18.0.110 80 {\n  priority 1\n  advert_int 1\n}',
    ],
  ];
  for (const [name, text, want] of cases) {
    it(`redacts by structure: ${name}`, () => assert.equal(redactKeepalivedText(text), want));
  }

  it('is idempotent', () => {
    for (const [, text] of cases) assert.equal(redactKeepalivedText(redactKeepalivedText(text)), redactKeepalivedText(text));
  });

  it('finds the values a file carries, unquoted', () => {
    assert.deepEqual(authPassValues('auth_pass 1\nauthentication { auth_pass "a b" }\nauth_pass <redacted>'), ['1', 'a b']);
  });

  it('redacts parsed nodes for printing: the word after auth_pass, as keyword or inside a one-line block, children included', () => {
    const [inst] = parseKeepalivedConf(
      'vrrp_instance v { authentication { auth_type PASS auth_pass 1111 extra }\nauth_pass 11 more\npriority 11 }',
    );
    assert.equal(
      nodeText(redactNode(inst!)),
      `vrrp_instance v { authentication { auth_type PASS auth_pass ${R} extra }; auth_pass ${R} more; priority 11 }`,
    );
  });

  it('the parser quotes a line it cannot read with its auth_pass redacted', () => {
    assert.throws(
      () => parseKeepalivedConf('vrrp_instance v {\n{ auth_type PASS auth_pass 11 }\n}\n'),
      (e: Error) => {
        assert.equal(e.message, `line 2: "{" without a keyword: { auth_type PASS auth_pass ${R} }`);
        return true;
      },
    );
  });

  it('the rollout planner names a stray auth_pass redacted, wherever a hand-edited config puts it', () => {
    const now = renderKeepalivedConf(clusterWithPassword('lab', '11'), 'lvs-dr');
    const edited = `auth_pass 11\n${now.replace('198.18.0.100/32\n', '198.18.0.100/32\n        auth_pass 11\n')}`;
    assert.deepEqual(
      classifyConfigChange(edited, now).map((c) => c.reason),
      [
        `vrrp_instance bl_one: virtual_ipaddress 198.18.0.100/32, auth_pass ${R} -> 198.18.0.100/32 (peers reject adverts that differ)`,
        `auth_pass ${R} (removed) changed`,
      ],
    );
  });

  it('the value guard replaces quoted whole words only: a bare "1" is a line number, not the password', () => {
    const text = '(x.conf: Line 1) value \'1\' rejected; auth_pass "1" in 198.18.0.11, exit 1';
    assert.equal(redact(text, [new Secret('1')]), `(x.conf: Line 1) value '${R}' rejected; auth_pass "${R}" in 198.18.0.11, exit 1`);
  });

  it("a secret file's command output gets the guard with the file's own values; any other step only the structure", () => {
    const secretWrite: Step = {
      kind: 'write',
      path: '/etc/keepalived/keepalived.conf',
      content: 'auth_pass 11\n',
      mode: 0o640,
      owner: 'root',
      group: 'root',
      secret: true,
    };
    const plainWrite: Step = { ...secretWrite, secret: false };
    const said = "(Line 11) auth_pass 11 bad; Unknown keyword '11'";
    assert.equal(redactStepOutput(secretWrite, said), `(Line 11) auth_pass ${R} bad; Unknown keyword '${R}'`);
    assert.equal(redactStepOutput(plainWrite, said), `(Line 11) auth_pass ${R} bad; Unknown keyword '11'`);
  });
});
