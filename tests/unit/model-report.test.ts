// The Ergebnisdokumentation's pure rules: German quotes and dates, which sections the report has, the
// vote chart's bars, the map's projection, the page-break decision and the initiatives' answers counted.
import { describe, expect, it } from 'vitest';
import {
  chartBars,
  formatMadeAt,
  formatReportDate,
  formatReportDates,
  keepTogether,
  projectMap,
  quote,
  reportSections,
  supportCounts,
  TOC_ENTRIES_MAX
} from '../../src/lib/model/report';

describe('German typography', () => {
  it('quotes with „…“ in German and “…” in English', () => {
    expect(quote('Wie halten wir Dinge länger im Kreislauf?')).toBe(
      '„Wie halten wir Dinge länger im Kreislauf?“'
    );
    expect(quote('Repair', 'en')).toBe('“Repair”');
    expect(quote('sagt "ja"')).toBe('„sagt "ja"“');
  });

  it('writes dates as „3. März 2027“', () => {
    expect(formatReportDate('2027-03-03')).toBe('3. März 2027');
    expect(formatReportDate('2027-01-15', 'de-AT')).toBe('15. Jänner 2027');
    expect(formatReportDate('2027-03-03', 'en-GB')).toBe('3 March 2027');
  });

  it('leaves malformed or impossible dates as they are', () => {
    expect(formatReportDate('2027-02-30')).toBe('2027-02-30');
    expect(formatReportDate('morgen')).toBe('morgen');
  });

  it('writes the conference days as one date or a range', () => {
    expect(formatReportDates('2027-03-03', null)).toBe('3. März 2027');
    expect(formatReportDates('2027-03-03', '2027-03-03')).toBe('3. März 2027');
    expect(formatReportDates('2027-03-03', '2027-03-04')).toBe('3.–4. März 2027');
    expect(formatReportDates(null, '2027-03-04')).toBe('4. März 2027');
    expect(formatReportDates(null, null)).toBe('');
    // An end before the start is a typo: the start alone.
    expect(formatReportDates('2027-03-04', '2027-03-03')).toBe('4. März 2027');
  });

  it('says when the report was made, in the given time zone', () => {
    const ms = Date.UTC(2026, 11, 2, 14, 5);
    expect(formatMadeAt(ms, 'de-DE', 'Europe/Berlin')).toBe('2. Dezember 2026 um 15:05');
  });
});

describe('the sections', () => {
  const base = {
    hasProgramme: false,
    initiatives: 0,
    tables: [{ id: 't1', title: 'Mobilität' }],
    plans: [],
    contacts: null
  };

  it('always has the tables and the plans, the rest only when there is something', () => {
    expect(reportSections(base).map((s) => s.kind)).toEqual(['tables', 'plans']);
    const all = reportSections({ ...base, hasProgramme: true, initiatives: 3, contacts: 0 });
    expect(all.map((s) => s.kind)).toEqual(['programme', 'landkarte', 'tables', 'plans', 'contacts']);
  });

  it('lists tables and plans in the contents with their anchors', () => {
    const [tables, plans] = reportSections({ ...base, plans: [{ id: 'p1', title: 'Repair-Café' }] });
    expect(tables!.entries).toEqual([{ anchor: 'r-t-t1', title: 'Mobilität' }]);
    expect(plans!.entries).toEqual([{ anchor: 'r-p-p1', title: 'Repair-Café' }]);
  });

  it('sums up a very long list by its section heading only', () => {
    const plans = Array.from({ length: TOC_ENTRIES_MAX + 1 }, (_, i) => ({
      id: `p${i}`,
      title: `Plan ${i}`
    }));
    expect(reportSections({ ...base, plans })[1]!.entries).toEqual([]);
  });

  it('leaves the contacts out for a device that may not read them', () => {
    expect(reportSections({ ...base, contacts: null }).some((s) => s.kind === 'contacts')).toBe(false);
  });
});

describe('page breaks', () => {
  it('keeps a block together up to two thirds of a page', () => {
    expect(keepTogether(10)).toBe(true);
    expect(keepTogether(32)).toBe(true);
    expect(keepTogether(33)).toBe(false);
  });
});

describe('vote charts', () => {
  it('draws the items with points, the first full length', () => {
    const bars = chartBars([
      { id: 'a', label: 'A', points: 8 },
      { id: 'b', label: 'B', points: 2 },
      { id: 'c', label: 'C', points: 0 }
    ]);
    expect(bars).toEqual([
      { id: 'a', label: 'A', points: 8, percent: 100 },
      { id: 'b', label: 'B', points: 2, percent: 25 }
    ]);
  });

  it('shows at most `limit` items and nothing for an empty vote', () => {
    const ranking = Array.from({ length: 15 }, (_, i) => ({ id: `i${i}`, label: `${i}`, points: 15 - i }));
    expect(chartBars(ranking, 10)).toHaveLength(10);
    expect(chartBars([{ id: 'a', label: 'A', points: 0 }])).toEqual([]);
  });
});

describe('the map', () => {
  const square = (lon: number, lat: number, d: number) => [
    [
      [
        [lon - d, lat - d] as [number, number],
        [lon + d, lat - d] as [number, number],
        [lon + d, lat + d] as [number, number],
        [lon - d, lat + d] as [number, number]
      ]
    ]
  ];

  it('is null with nothing to place', () => {
    expect(projectMap({ points: [], outlines: [], region: null })).toBeNull();
  });

  it('places every marker inside the frame, west left and north up', () => {
    const map = projectMap({
      points: [
        { id: 'w', coords: { lat: 47.5, lon: 10.2 } },
        { id: 'e', coords: { lat: 47.6, lon: 10.6 } }
      ],
      outlines: [
        { code: 'DE', coords: square(10.4, 47.5, 2) },
        { code: 'XX', coords: square(-60, 0, 1) }
      ],
      region: null,
      width: 800
    })!;
    const [w, e] = map.markers;
    for (const mk of map.markers) {
      expect(mk.x).toBeGreaterThan(0);
      expect(mk.x).toBeLessThan(map.width);
      expect(mk.y).toBeGreaterThan(0);
      expect(mk.y).toBeLessThan(map.height);
    }
    expect(w!.x).toBeLessThan(e!.x);
    expect(e!.y).toBeLessThan(w!.y);
    // Outlines far from the frame are left out.
    expect(map.outlines.map((o) => o.code)).toEqual(['DE']);
    expect(map.outlines[0]!.d).toMatch(/^M[-\d.]+ [-\d.]+L.*Z$/);
  });

  it('names the biggest places inside the frame, none on top of another', () => {
    const map = projectMap({
      points: [
        { id: 'a', coords: { lat: 47.5, lon: 10.3 } },
        { id: 'b', coords: { lat: 47.7, lon: 10.4 } }
      ],
      outlines: [],
      region: null,
      places: [
        { name: 'Unter dem Marker', lat: 47.7, lon: 10.401 },
        { name: 'München', lat: 48.137, lon: 11.575 },
        { name: 'Sonthofen', lat: 47.515, lon: 10.283 },
        { name: 'Sonthofen-Nord', lat: 47.516, lon: 10.284 },
        { name: 'Immenstadt', lat: 47.56, lon: 10.22 }
      ]
    })!;
    expect(map.places.map((p) => p.name)).toEqual(['Sonthofen', 'Immenstadt']);
  });

  it('frames the region outline too, and a single place gets a frame of some size', () => {
    const one = projectMap({
      points: [{ id: 'a', coords: { lat: 48, lon: 11 } }],
      outlines: [],
      region: null
    })!;
    expect(one.markers[0]!.x).toBeCloseTo(one.width / 2, 0);
    const region = projectMap({ points: [], outlines: [], region: square(11, 48, 0.5) })!;
    expect(region.region).not.toBeNull();
    expect(region.markers).toEqual([]);
  });
});

describe('answers to an initiative', () => {
  it('are counted per initiative and kind, every kind present', () => {
    const counts = supportCounts([
      { initiativeId: 'a', kind: 'join' },
      { initiativeId: 'a', kind: 'join' },
      { initiativeId: 'a', kind: 'contact' },
      { initiativeId: 'b', kind: 'help' }
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      a: { join: 2, help: 0, contact: 1 },
      b: { join: 0, help: 1, contact: 0 }
    });
    expect(supportCounts([]).size).toBe(0);
  });
});
