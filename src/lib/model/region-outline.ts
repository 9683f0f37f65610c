// The region's own outline (Landkreis, Gemeinde, Bioregion), imported by a facilitator as GeoJSON, for
// example exported from OpenStreetMap. Accepts a FeatureCollection, a Feature or a bare geometry whose
// polygons become one MultiPolygon; coordinates are rounded to 4 decimals (about 10 m) and the rings
// simplified until the outline has at most MAX_POINTS points, so it stays small in the control document.
import { err, ok, type Result } from './result';

/** [lon, lat] like GeoJSON. */
export type LonLat = [number, number];
/** MultiPolygon coordinates: polygons of rings (the first the outer one) of points. */
export type OutlineCoords = LonLat[][][];

export const OUTLINE_LIMITS = Object.freeze({
  /** Largest file accepted (bytes of text). */
  fileBytes: 5_000_000,
  /** Points kept after simplifying. */
  points: 5000,
  /** Longest stored form (characters); a stored outline above is ignored as malformed. */
  stored: 120_000
});

/**
 * - `outlineTooLarge`: the file is larger than OUTLINE_LIMITS.fileBytes
 * - `outlineNotJson`: not JSON at all
 * - `outlineNoPolygon`: JSON, but no Polygon or MultiPolygon in it (points or lines only, or other data)
 * - `outlineBadCoordinates`: a coordinate outside -180…180 / -90…90 or not a number, or a ring of < 4 points
 */
export type OutlineError =
  'outlineTooLarge' | 'outlineNotJson' | 'outlineNoPolygon' | 'outlineBadCoordinates';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The polygons of any GeoJSON object (null when something in them is not coordinates). */
function polygonsOf(value: unknown, out: unknown[][]): void {
  if (!isObject(value)) return;
  if (value.type === 'FeatureCollection' && Array.isArray(value.features))
    for (const f of value.features) polygonsOf(f, out);
  else if (value.type === 'Feature') polygonsOf(value.geometry, out);
  else if (value.type === 'GeometryCollection' && Array.isArray(value.geometries))
    for (const g of value.geometries) polygonsOf(g, out);
  else if (value.type === 'Polygon' && Array.isArray(value.coordinates)) out.push(value.coordinates);
  else if (value.type === 'MultiPolygon' && Array.isArray(value.coordinates))
    for (const p of value.coordinates) out.push(Array.isArray(p) ? p : [null]);
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

function toRing(raw: unknown): LonLat[] | null {
  if (!Array.isArray(raw)) return null;
  const ring: LonLat[] = [];
  for (const p of raw) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
    const [lon, lat] = p as number[];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon!) > 180 || Math.abs(lat!) > 90)
      return null;
    const q: LonLat = [round4(lon!), round4(lat!)];
    const last = ring[ring.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) ring.push(q);
  }
  return ring.length >= 4 ? ring : null;
}

/** Squared distance of p from the segment a–b (plain degrees: fine for simplifying at region scale). */
function segDist2(p: LonLat, a: LonLat, b: LonLat): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  const [x, y] = [a[0] + t * dx - p[0], a[1] + t * dy - p[1]];
  return x * x + y * y;
}

/** Douglas–Peucker on a closed ring; keeps at least 4 points. */
export function simplifyRing(ring: readonly LonLat[], tolerance: number): LonLat[] {
  if (ring.length <= 4 || tolerance <= 0) return [...ring];
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let [best, at] = [0, -1];
    for (let i = s + 1; i < e; i++) {
      const d = segDist2(ring[i]!, ring[s]!, ring[e]!);
      if (d > best) [best, at] = [d, i];
    }
    if (at >= 0 && best > tol2) {
      keep[at] = 1;
      stack.push([s, at], [at, e]);
    }
  }
  const out = ring.filter((_, i) => keep[i]);
  return out.length >= 4 ? out : [...ring];
}

const count = (polys: OutlineCoords) => polys.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);

/** Reads an uploaded file's text as the region's outline. */
export function parseRegionOutline(text: string): Result<OutlineCoords, OutlineError> {
  if (text.length > OUTLINE_LIMITS.fileBytes) return err('outlineTooLarge');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return err('outlineNotJson');
  }
  const raw: unknown[][] = [];
  polygonsOf(json, raw);
  if (raw.length === 0) return err('outlineNoPolygon');
  let polys: OutlineCoords = [];
  for (const p of raw) {
    const rings = p.map(toRing);
    if (rings.length === 0 || rings.some((r) => r === null)) return err('outlineBadCoordinates');
    polys.push(rings as LonLat[][]);
  }
  for (let tol = 0.0001; count(polys) > OUTLINE_LIMITS.points; tol *= 2)
    polys = polys.map((rings) => rings.map((r) => simplifyRing(r, tol)));
  return ok(polys);
}

/** The compact stored form (a JSON array, 4 decimals). */
export const encodeOutline = (polys: OutlineCoords): string => JSON.stringify(polys);

/** The stored form read back; null when it is missing or malformed (never throws). */
export function decodeOutline(stored: unknown): OutlineCoords | null {
  if (typeof stored !== 'string' || stored.length > OUTLINE_LIMITS.stored) return null;
  try {
    const r = parseRegionOutline(JSON.stringify({ type: 'MultiPolygon', coordinates: JSON.parse(stored) }));
    return r.ok ? r.value : null;
  } catch {
    return null;
  }
}

/** [[south, west], [north, east]] of the outline. */
export function outlineBounds(polys: OutlineCoords): [[number, number], [number, number]] {
  let [s, w, n, e] = [90, 180, -90, -180];
  for (const p of polys)
    for (const [lon, lat] of p[0] ?? []) {
      [s, n] = [Math.min(s, lat), Math.max(n, lat)];
      [w, e] = [Math.min(w, lon), Math.max(e, lon)];
    }
  return [
    [s, w],
    [n, e]
  ];
}
