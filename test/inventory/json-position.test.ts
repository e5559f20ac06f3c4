import { strict as assert } from 'node:assert';
import { jsonErrorOffset, lineColumn } from '../../lib/inventory/json-position.js';

describe('jsonErrorOffset', () => {
  it('finds nothing wrong in valid JSON (agrees with JSON.parse)', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0']) {
      JSON.parse(t);
      assert.equal(jsonErrorOffset(t), null, t);
    }
  });

  it('points at the first character that cannot continue the document', () => {
    const cases: [string, number][] = [
      ['{"a":1,}', 7],
      ['{"a" 1}', 5],
      ['[1 2]', 3],
      ['{"a":tru}', 8],
      ['', 0],
      ['{"a":"x\ny"}', 7],
      ['{"a":1} x', 8],
      ['{"a":01}', 6],
      ["{'a':1}", 1],
      ['{"a":"\\q"}', 7],
      ['[1,', 3],
    ];
    for (const [text, offset] of cases) {
      assert.throws(() => JSON.parse(text));
      assert.equal(jsonErrorOffset(text), offset, JSON.stringify(text));
    }
  });

  it('turns an offset into 1-based line and column', () => {
    assert.deepEqual(lineColumn('{\n  "a": [,]\n}', 10), { line: 2, column: 9 });
    assert.deepEqual(lineColumn('x', 0), { line: 1, column: 1 });
  });
});
