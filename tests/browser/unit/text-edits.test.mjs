// Changes as edits, the library's pure part (README "Edits"): the checksum is
// the relay's (same numbers as the README's example and the core's test), the
// edits between two texts rebuild the second, and edits that break the rules
// are not applied.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, editsBetween, textSum } from '../../../transport/WebDevSync.Browser/src/text-edits.js';

describe('text edits', () => {
  it('sums a text as the relay does: length and h * 31 + c modulo 2^32', () => {
    assert.deepEqual(textSum("console.log('hi!');"), { length: 19, hash: 3798447941 });
    assert.deepEqual(textSum(''), { length: 0, hash: 0 });
  });

  it('the edits between two texts turn the first into the second, never cutting a surrogate pair', () => {
    for (const [before, after] of [['abc', 'abXc'], ['', 'new'], ['gone', ''], ['a😀b', 'a😁b'], ['same', 'same'], ['x😀', '😀x😀']]) {
      const edits = editsBetween(before, after);
      assert.equal(applyEdits(before, edits), after, `${before} -> ${after}`);
    }
    assert.deepEqual(editsBetween('a😀b', 'a😁b'), [[1, 3, '😁']]);
  });

  it('does not apply edits that are unsorted, overlapping, out of range or inside a surrogate pair', () => {
    assert.equal(applyEdits('abcdef', [[3, 4, 'x'], [0, 1, 'y']]), undefined);
    assert.equal(applyEdits('abcdef', [[0, 3, 'x'], [2, 4, 'y']]), undefined);
    assert.equal(applyEdits('abc', [[2, 9, '']]), undefined);
    assert.equal(applyEdits('a😀', [[2, 2, 'x']]), undefined);
    assert.equal(applyEdits('abc', [[0, 1]]), undefined);
    assert.equal(applyEdits('abc', 'not a list'), undefined);
    assert.equal(applyEdits('abcdef', [[0, 1, 'A'], [3, 3, '-']]), 'Abc-def');
  });
});
