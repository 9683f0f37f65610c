// Marktplatz suggestions: offers meet needs through German word stems, with the reason; shared fields count;
// pairs that already cooperate are left out; 500 initiatives stay quick.
import { describe, expect, test } from 'vitest';
import type { Cooperation, FieldId, Initiative, InitiativeId } from '../../src/lib/model';
import { stem, suggestMatches } from '../../src/lib/model/initiative-match';

const ini = (id: string, p: Partial<Initiative>): Initiative => ({
  id: id as InitiativeId,
  name: id,
  description: '',
  status: 'exists',
  fieldIds: [],
  place: '',
  coords: null,
  needs: '',
  offers: '',
  support: '',
  website: '',
  author: '',
  ownerTag: '',
  createdAt: 0,
  mergedFrom: [],
  hidden: null,
  ...p
});

describe('suggestMatches', () => {
  test('German word forms meet, with the words and shared fields as the reason', () => {
    expect(stem('Helfende')).toBe(stem('Helfer'));
    const list = [
      ini('solawi', { needs: 'Wir suchen Helfende für die Ernte.', fieldIds: ['food' as FieldId] }),
      ini('verein', { offers: 'Viele Helfer am Wochenende.', fieldIds: ['food' as FieldId] }),
      ini('laden', { offers: 'Ernteanteile und Helfer.' }),
      ini('bank', { offers: 'Kredite.' })
    ];
    const found = suggestMatches(list);
    expect(found.map((s) => [s.seeker, s.offerer, s.words, s.fields, s.score])).toEqual([
      ['solawi', 'verein', ['Helfer'], ['food'], 3],
      ['solawi', 'laden', ['Helfer'], [], 2]
    ]);
  });

  test('leaves out pairs that already cooperate and never suggests an initiative to itself', () => {
    const list = [ini('a', { needs: 'Fahrräder', offers: 'Fahrräder' }), ini('b', { offers: 'Fahrräder' })];
    const coop = { a: 'b', b: 'a' } as unknown as Cooperation;
    expect(suggestMatches(list, [coop])).toEqual([]);
    expect(suggestMatches(list).map((s) => [s.seeker, s.offerer])).toEqual([['a', 'b']]);
  });

  test('500 initiatives take well under a second', () => {
    const list = Array.from({ length: 500 }, (_, n) =>
      ini(`i${n}`, {
        needs: `Räume Werkzeug Helfende Thema${n % 30}`,
        offers: `Werkzeug Thema${(n + 1) % 30} Beratung`
      })
    );
    const t0 = performance.now();
    const found = suggestMatches(list, [], 50);
    expect(found).toHaveLength(50);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
