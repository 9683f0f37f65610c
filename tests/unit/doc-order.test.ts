// Order keys: appending and moving produce the intended order, also over duplicate or malformed keys.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { generateNKeysBetween } from 'fractional-indexing';
import { compareOrdered, keyAfter, planMove, type Ordered } from '../../src/lib/doc/order';

function apply(list: Ordered[], changes: Map<string, string>): Ordered[] {
  return list.map((e) => ({ id: e.id, order: changes.get(e.id) ?? e.order })).sort(compareOrdered);
}

describe('order keys', () => {
  test('keyAfter sorts after every valid key and skips invalid ones', () => {
    expect(keyAfter([])).toBe('a0');
    expect(keyAfter(['a0', 'a5', 'a2'])).toBe('a6');
    const k = keyAfter(['a0', 'not a key', '']);
    expect(k > 'a0').toBe(true);
  });

  test('compareOrdered uses code units, then id', () => {
    const list: Ordered[] = [
      { id: 'b', order: 'a1' },
      { id: 'a', order: 'a1' },
      { id: 'c', order: 'Zz' },
      { id: 'd', order: 'a0V' }
    ];
    expect([...list].sort(compareOrdered).map((e) => e.id)).toEqual(['c', 'd', 'a', 'b']);
  });

  test('a move between distinct valid keys writes one key', () => {
    const keys = generateNKeysBetween(null, null, 4);
    const list = keys.map((order, i) => ({ id: `e${i}`, order }));
    const changes = planMove(list, 'e3', 1);
    expect(changes.size).toBe(1);
    expect(apply(list, changes).map((e) => e.id)).toEqual(['e0', 'e3', 'e1', 'e2']);
    expect(planMove(list, 'e1', 1).size).toBe(0);
    expect(planMove(list, 'missing', 0).size).toBe(0);
  });

  test('property: a move always yields the intended order, whatever the keys', () => {
    const key = fc.oneof(
      fc.constantFrom('a0', 'a1', 'a1', 'a2', 'Zz', 'a0V', 'b00'),
      fc.string({ maxLength: 4 })
    );
    const list = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-z]{1,3}$/), order: key }), {
      minLength: 1,
      maxLength: 8,
      selector: (e) => e.id
    });
    fc.assert(
      fc.property(list, fc.nat(), fc.integer({ min: -2, max: 10 }), (raw, pick, to) => {
        const sorted = [...raw].sort(compareOrdered);
        const moving = sorted[pick % sorted.length]!;
        const expected = sorted.filter((e) => e.id !== moving.id).map((e) => e.id);
        expected.splice(Math.min(Math.max(0, to), expected.length), 0, moving.id);
        expect(apply(sorted, planMove(sorted, moving.id, to)).map((e) => e.id)).toEqual(expected);
      }),
      { numRuns: 500 }
    );
  });
});
