import { strict as assert } from 'node:assert';
import { firstDifference } from '../../lib/verify/text-difference.js';

describe('verify/text difference', () => {
  it('finds nothing in equal texts', () => {
    assert.equal(firstDifference('a\nb\n', 'a\nb\n'), null);
  });
  it('names the first differing line, 1-based', () => {
    assert.deepEqual(firstDifference('a\nx\nc\n', 'a\nb\nc\n'), { line: 2, actual: 'x', expected: 'b' });
  });
  it('says which text ended first', () => {
    assert.deepEqual(firstDifference('a\n', 'a\nb\n'), { line: 2, actual: null, expected: 'b' });
    assert.deepEqual(firstDifference('a\nb\n', 'a\n'), { line: 2, actual: 'b', expected: null });
  });
  it('names a missing newline at the end', () => {
    assert.deepEqual(firstDifference('a\nb', 'a\nb\n'), { line: 2, actual: 'b (no newline at end)', expected: 'b' });
    assert.deepEqual(firstDifference('', '\n'), { line: 1, actual: null, expected: '' });
  });
});
