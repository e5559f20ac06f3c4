import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sh } from '../../lib/shell/quote.js';
import { sudoRefusal, wrapSudo } from '../../lib/ssh/sudo.js';

const run = promisify(execFile);

describe('sudo wrapping', () => {
  it('wraps a command as one quoted sh -c argument that survives the extra shell', async () => {
    const inner = sh`printf '%s|' ${["it's", '$(id)', 'a b']}`;
    const wrapped = wrapSudo(inner);
    assert.match(wrapped, /^sudo -n -- sh -c '/);
    // run it with a stand-in for sudo that drops its own options, as sudo does
    const fake = `sudo() { while [ "$1" != "--" ]; do shift; done; shift; "$@"; }\n${wrapped}`;
    const { stdout } = await run('/bin/sh', ['-c', fake]);
    assert.equal(stdout, "it's|$(id)|a b|");
  });

  it('recognises sudo asking for a password, naming host and user', () => {
    const e = sudoRefusal('web1', 'deploy', { code: 1, stderr: 'sudo: a password is required\n' });
    assert.equal(e?.message, 'web1: sudo needs a password on web1: allow NOPASSWD for deploy');
    assert.match(e?.hint ?? '', /deploy ALL=\(ALL\) NOPASSWD: ALL/);
    const behindWarning = sudoRefusal('web1', 'deploy', {
      code: 1,
      stderr: 'sudo: unable to resolve host web1: Name or service not known\nsudo: a password is required\n',
    });
    assert.match(behindWarning?.message ?? '', /needs a password/);
  });

  it('recognises a user without sudo rights and a host without sudo', () => {
    assert.match(
      sudoRefusal('w', 'u', { code: 1, stderr: 'u is not in the sudoers file.  This incident will be reported.\n' })?.message ?? '',
      /u may not use sudo on w/,
    );
    assert.match(sudoRefusal('w', 'u', { code: 127, stderr: 'sh: 1: sudo: not found\n' })?.message ?? '', /sudo is not installed on w/);
  });

  it("leaves the command's own failures alone", () => {
    assert.equal(sudoRefusal('w', 'u', { code: 1, stderr: 'grep: x: No such file\nsudo: a password is required\n' }), null);
    assert.equal(sudoRefusal('w', 'u', { code: 0, stderr: '' }), null);
    assert.equal(sudoRefusal('w', 'u', { code: 2, stderr: 'sudo: a password is required\n' }), null);
  });
});
