import { strict as assert } from 'node:assert';
import { droppedBeforeHandshake } from '../../lib/ssh/connect-errors.js';

const withCode = (code: string) => Object.assign(new Error(`read ${code}`), { code });

describe('droppedBeforeHandshake: which connection failures are tried again', () => {
  it('a server that closed or reset the connection before the login: closed before the banner, reset on a read, EPIPE on a write', () => {
    assert.equal(droppedBeforeHandshake(new Error('Connection lost before handshake')), true);
    assert.equal(droppedBeforeHandshake(withCode('ECONNRESET')), true);
    assert.equal(droppedBeforeHandshake(withCode('EPIPE')), true);
    // as the pool sees them: wrapped in the host's error
    assert.equal(droppedBeforeHandshake(new Error('cannot connect', { cause: withCode('EPIPE') })), true);
  });

  it('not a refusal, an unreachable host, a timeout, a login or host key failure', () => {
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT'])
      assert.equal(droppedBeforeHandshake(withCode(code)), false, code);
    assert.equal(droppedBeforeHandshake(new Error('All configured authentication methods failed')), false);
    assert.equal(droppedBeforeHandshake(new Error('host key refused')), false);
  });
});
