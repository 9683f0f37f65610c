// The region outline import: which GeoJSON is accepted, the errors, simplifying, and the stored form.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeOutline,
  encodeOutline,
  OUTLINE_LIMITS,
  outlineBounds,
  parseRegionOutline,
  type LonLat
} from '../../src/lib/model/region-outline';
import { createConferenceDocs } from '../../src/lib/doc/docs';
import { clearRegionOutline, readRegionOutline, setRegionOutline } from '../../src/lib/doc/region-outline';
import { LOCAL_ORIGIN } from '../../src/lib/doc/origin';
import type { RoomId } from '../../src/lib/model';

const square: LonLat[] = [
  [9.5, 47.7],
  [9.7, 47.7],
  [9.7, 47.9],
  [9.5, 47.9],
  [9.5, 47.7]
];
const polygon = { type: 'Polygon', coordinates: [square] };

/** A circle of `n` points around Ravensburg, as an OSM export's detailed boundary would be. */
function circle(n: number): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    ring.push([9.61 + 0.3 * Math.cos(a), 47.78 + 0.2 * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('parseRegionOutline', () => {
  it('accepts a Polygon, a MultiPolygon, a Feature and a FeatureCollection (with a BOM)', () => {
    const forms = [
      polygon,
      { type: 'MultiPolygon', coordinates: [[square], [square.map(([x, y]) => [x + 1, y])]] },
      { type: 'Feature', properties: { name: 'Ravensburg' }, geometry: polygon },
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [9.6, 47.8] } },
          { type: 'Feature', properties: {}, geometry: polygon }
        ]
      }
    ];
    for (const form of forms) {
      const r = parseRegionOutline('\uFEFF' + JSON.stringify(form));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value[0]![0]).toEqual(square);
    }
  });

  it('answers clear errors', () => {
    expect(parseRegionOutline('kein json')).toMatchObject({ ok: false, error: 'outlineNotJson' });
    expect(parseRegionOutline('{"type":"Point","coordinates":[9,47]}')).toMatchObject({
      ok: false,
      error: 'outlineNoPolygon'
    });
    expect(parseRegionOutline('[1,2,3]')).toMatchObject({ ok: false, error: 'outlineNoPolygon' });
    const bad = {
      type: 'Polygon',
      coordinates: [
        [
          [9, 47],
          [200, 47],
          [9, 48],
          [9, 47]
        ]
      ]
    };
    expect(parseRegionOutline(JSON.stringify(bad))).toMatchObject({
      ok: false,
      error: 'outlineBadCoordinates'
    });
    const short = {
      type: 'Polygon',
      coordinates: [
        [
          [9, 47],
          [9, 48],
          [9, 47]
        ]
      ]
    };
    expect(parseRegionOutline(JSON.stringify(short))).toMatchObject({
      ok: false,
      error: 'outlineBadCoordinates'
    });
    expect(parseRegionOutline(' '.repeat(OUTLINE_LIMITS.fileBytes + 1))).toMatchObject({
      ok: false,
      error: 'outlineTooLarge'
    });
  });

  it('simplifies a detailed boundary to the point limit and keeps its shape', () => {
    const r = parseRegionOutline(JSON.stringify({ type: 'Polygon', coordinates: [circle(40_000)] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const points = r.value[0]![0]!.length;
    expect(points).toBeLessThanOrEqual(OUTLINE_LIMITS.points);
    expect(points).toBeGreaterThan(50);
    const [[s, w], [n, e]] = outlineBounds(r.value);
    expect(s).toBeCloseTo(47.58, 2);
    expect(n).toBeCloseTo(47.98, 2);
    expect(w).toBeCloseTo(9.31, 2);
    expect(e).toBeCloseTo(9.91, 2);
    expect(encodeOutline(r.value).length).toBeLessThan(OUTLINE_LIMITS.stored);
  });

  it('reads a malformed stored value as none', () => {
    for (const v of [null, 3, '', '{', '[[[["a","b"]]]]', 'x'.repeat(OUTLINE_LIMITS.stored + 1)])
      expect(decodeOutline(v)).toBeNull();
    expect(decodeOutline(encodeOutline([[square]]))).toEqual([[square]]);
  });
});

describe('regionOutline in the control document', () => {
  it('is set, read, replaced by a remote peer and cleared', () => {
    const docs = createConferenceDocs('room-outline' as RoomId);
    expect(readRegionOutline(docs.control)).toBeNull();
    expect(setRegionOutline(docs.control, [[square]], 'Landkreis Ravensburg', LOCAL_ORIGIN).ok).toBe(true);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(docs.control));
    expect(readRegionOutline(other)).toEqual({ coords: [[square]], name: 'Landkreis Ravensburg' });
    other.getMap('regionOutline').set('coords', '[[[[1,2]]]]'); // a hostile peer's malformed value
    expect(readRegionOutline(other)).toBeNull();
    clearRegionOutline(docs.control, LOCAL_ORIGIN);
    expect(readRegionOutline(docs.control)).toBeNull();
  });
});
