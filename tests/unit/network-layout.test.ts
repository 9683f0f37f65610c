// The Netzwerk's layout: every cooperating initiative gets a position inside the box, the same input
// gives the same picture, and cooperating initiatives end up nearer each other than unrelated ones.
import { describe, expect, it } from 'vitest';
import { layoutNetwork } from '../../src/lib/ui/landkarte/map/network-layout';

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('layoutNetwork', () => {
  it('places every node inside 0…1, the same way every time', () => {
    const ids = Array.from({ length: 150 }, (_, i) => `i${i}`);
    const edges = ids.slice(1).map((id, i) => ({ a: ids[Math.floor(i / 3)]!, b: id }));
    const first = layoutNetwork(ids, edges);
    expect(first.size).toBe(150);
    for (const p of first.values()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(1);
    }
    expect(layoutNetwork(ids, edges)).toEqual(first);
  });

  it('keeps two clusters apart', () => {
    const ids = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
    const edges = [
      { a: 'a1', b: 'a2' },
      { a: 'a2', b: 'a3' },
      { a: 'a1', b: 'a3' },
      { a: 'b1', b: 'b2' },
      { a: 'b2', b: 'b3' },
      { a: 'b1', b: 'b3' }
    ];
    const p = layoutNetwork(ids, edges);
    const within = dist(p.get('a1')!, p.get('a2')!) + dist(p.get('b1')!, p.get('b2')!);
    const across = dist(p.get('a1')!, p.get('b1')!) + dist(p.get('a2')!, p.get('b2')!);
    expect(within).toBeLessThan(across);
  });

  it('handles nothing and a single pair', () => {
    expect(layoutNetwork([], []).size).toBe(0);
    const pair = layoutNetwork(['x', 'y'], [{ a: 'x', b: 'y' }]);
    expect(pair.size).toBe(2);
  });
});
