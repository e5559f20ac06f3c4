// What the output may do, by stdout and environment: no terminal needed.

import { strict as assert } from 'node:assert';
import { colourAllowed, drawsInPlace } from '../../lib/report/terminal-kind.js';

describe('report/terminal kind', () => {
  it('draws in place and colours only on a terminal that is not TERM=dumb; NO_COLOR takes colour away only', () => {
    const tty = { isTTY: true };
    assert.equal(drawsInPlace(tty, { TERM: 'xterm-256color' }), true);
    assert.equal(drawsInPlace(tty, {}), true);
    assert.equal(drawsInPlace(tty, { TERM: 'dumb' }), false);
    assert.equal(drawsInPlace({}, { TERM: 'xterm' }), false, 'a pipe');
    assert.equal(colourAllowed(tty, { TERM: 'xterm' }), true);
    assert.equal(colourAllowed(tty, { TERM: 'xterm', NO_COLOR: '1' }), false);
    assert.equal(drawsInPlace(tty, { TERM: 'xterm', NO_COLOR: '1' }), true, 'NO_COLOR is about colour, not redrawing');
    assert.equal(colourAllowed(tty, { TERM: 'dumb' }), false);
    assert.equal(colourAllowed({}, {}), false);
  });
});
