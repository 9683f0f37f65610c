// Full-text search over the Aktionspool (MiniSearch), tuned for German: words are folded to lower case
// with umlauts spelt out (ä→ae, ß→ss), so "Bürgerenergie" and "Buergerenergie" are one word; every word
// is also indexed by its endings of four letters or more, so "Energie" finds "Bürgerenergie" and "Laden"
// finds "Dorfladen"; query words match as prefixes and, from four letters, with a typo or two. Loaded
// only on the pool page.

import MiniSearch from 'minisearch';
import type { PoolAction, PoolEffort, PoolField } from '../model';

const MIN_PART = 4;

/** Lower case, umlauts spelt out, accents removed: the same for the index and for queries. */
export function foldGerman(word: string): string {
  return word
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** The word and its endings of at least MIN_PART letters (compound parts: "buergerenergie" → "energie"). */
function withEndings(word: string): string[] {
  const out = [word];
  for (let i = 1; i + MIN_PART <= word.length; i++) out.push(word.slice(i));
  return out;
}

const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

export interface PoolFilter {
  field?: PoolField | null;
  effort?: PoolEffort | null;
}

export class PoolSearch {
  readonly #byId: Map<string, PoolAction>;
  readonly #index: MiniSearch<{ id: string }>;
  readonly #all: readonly PoolAction[];

  constructor(actions: readonly PoolAction[]) {
    this.#all = actions;
    this.#byId = new Map(actions.map((a) => [a.id, a]));
    this.#index = new MiniSearch<{ id: string }>({
      fields: ['title', 'achieves', 'steps', 'partners'],
      extractField: (doc, field) => {
        const action = doc as unknown as PoolAction;
        const value = action[field as keyof PoolAction];
        return Array.isArray(value) ? value.join(' ') : String(value ?? '');
      },
      tokenize,
      processTerm: (term) => {
        const folded = foldGerman(term);
        return folded.length >= MIN_PART ? withEndings(folded) : folded;
      },
      searchOptions: {
        processTerm: (term) => foldGerman(term),
        boost: { title: 3, achieves: 1.5 },
        prefix: true,
        fuzzy: (term) => (term.length >= 8 ? 0.25 : term.length >= 4 ? 1 : false),
        combineWith: 'AND'
      }
    });
    this.#index.addAll(actions as unknown as { id: string }[]);
  }

  /** Actions matching the words (all of them) and the filter; best first. Without words: all, by title. */
  search(query: string, filter: PoolFilter = {}): PoolAction[] {
    const keep = (a: PoolAction) =>
      (!filter.field || a.field === filter.field) && (!filter.effort || a.effort === filter.effort);
    if (query.trim() === '') {
      return this.#all.filter(keep).sort((a, b) => a.title.localeCompare(b.title, 'de'));
    }
    return this.#index
      .search(query)
      .map((r) => this.#byId.get(String(r.id)))
      .filter((a): a is PoolAction => a !== undefined && keep(a));
  }
}
