// Messages: every locale has every German key with the same placeholders, nothing is left in German in the
// English catalogue, the Swiss catalogue is current, plurals pick the right form, error codes become
// sentences, and dates read naturally in German, Austrian German and English.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { errorText } from '../../../src/lib/i18n/errors';
import {
  formatDateRange,
  formatIsoDate,
  m,
  regionOf,
  setLocale,
  setRegion
} from '../../../src/lib/i18n/index.svelte';

type Catalogue = Record<string, unknown>;
const load = (locale: string): Catalogue => {
  const { $schema: _, ...messages } = JSON.parse(
    readFileSync(`messages/${locale}.json`, 'utf8')
  ) as Catalogue;
  return messages;
};
const de = load('de');
const en = load('en');
const deCh = load('de-CH');

/** Every text of a message (a plain string, or each variant of a plural), flattened. */
const texts = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap((v: { match?: Record<string, string> }) => Object.values(v.match ?? {}))
      : [];
/** The inputs a message takes: `{name}` placeholders, and `input x` of plural declarations. */
const inputs = (value: unknown): string[] => {
  if (typeof value === 'string')
    return [...new Set([...value.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!))].sort();
  const declared = (value as { declarations: string[] }[]).flatMap((v) =>
    v.declarations.filter((d) => d.startsWith('input ')).map((d) => d.slice(6))
  );
  const locals = new Set(
    (value as { declarations: string[] }[]).flatMap((v) =>
      v.declarations.filter((d) => d.startsWith('local ')).map((d) => d.split(' ')[1]!)
    )
  );
  const used = texts(value).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!));
  return [...new Set([...declared, ...used.filter((u) => !locals.has(u))])].sort();
};

/** Words that are the same in both languages on purpose. */
const SAME_IN_ENGLISH = new Set([
  'app_name',
  'landkarte_name',
  'landkarte_website',
  'map_region_LI',
  'lang_de',
  'lang_en',
  'form_region',
  'share_linkLabel',
  'status_offline',
  'status_details',
  'status_server',
  'status_internet'
]);

afterEach(() => {
  setLocale('de');
  setRegion('DE');
});

describe('message catalogues', () => {
  it('English has exactly the German keys, with the same inputs and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const key of Object.keys(de)) {
      expect(inputs(en[key]), key).toEqual(inputs(de[key]));
      for (const text of [...texts(de[key]), ...texts(en[key])]) expect(text.trim(), key).not.toBe('');
    }
  });

  it('leaves no German text in the English catalogue', () => {
    const german = /[äöüß]|\b(und|oder|nicht|bitte|der|die|das|mit|für|ist|keine?)\b/i;
    for (const key of Object.keys(de)) {
      if (SAME_IN_ENGLISH.has(key)) continue;
      expect(JSON.stringify(en[key]), `${key} is the German text`).not.toBe(JSON.stringify(de[key]));
      for (const text of texts(en[key])) expect(text, `${key} looks German`).not.toMatch(german);
    }
  });

  it('uses every message somewhere in the app, and uses no message that does not exist', () => {
    // Messages are shown by routes, components and the i18n helpers (lib/doc's `m` is a Y.Map).
    const source = execFileSync(
      'grep',
      ['-rhoE', '\\bm\\.[A-Za-z0-9_]+\\(', 'src/routes', 'src/lib/ui', 'src/lib/i18n', 'src/lib/state'],
      { encoding: 'utf8' }
    );
    const used = new Set([...source.matchAll(/m\.(\w+)\(/g)].map((x) => x[1]!));
    const unused = Object.keys(de).filter((key) => !used.has(key));
    expect(unused, 'messages no screen shows').toEqual([]);
    const missing = [...used].filter((key) => !(key in de));
    expect(missing, 'messages used but not in messages/de.json').toEqual([]);
  });

  it('keeps the Swiss catalogue current: ß becomes ss, only where German has ß', () => {
    expect(() => execFileSync('node', ['scripts/i18n-de-ch.js', '--check'], { stdio: 'pipe' })).not.toThrow();
    for (const key of Object.keys(deCh)) {
      expect(key in de, key).toBe(true);
      expect(JSON.stringify(deCh[key])).not.toMatch(/ß/);
    }
  });
});

describe('message functions', () => {
  it('fill placeholders and pick plural forms with numbers formatted for the language', () => {
    expect(m.status_pending({ count: 1 })).toBe('1 Änderung wartet auf den Server');
    expect(m.status_pending({ count: 3 })).toBe('3 Änderungen warten auf den Server');
    expect(m.ideas_count({ count: 0 })).toBe('Noch keine Ideen');
    expect(m.ideas_count({ count: 1200 })).toBe('1.200 Ideen');
    setLocale('en');
    expect(m.ideas_count({ count: 2 })).toBe('2 ideas');
    expect(m.ideas_count({ count: 1200 })).toBe('1,200 ideas');
    expect(m.idea_sentAs({ name: 'Anna' })).toBe('Appears as “Anna”');
  });

  it('write ss for ß for Swiss readers and follow the language switch', () => {
    expect(m.lock_close()).toBe('Runde schließen');
    setRegion('CH');
    expect(m.lock_close()).toBe('Runde schliessen');
    expect(m.status_saved()).toBe(m.status_saved({}, { locale: 'de' }));
    setLocale('en');
    expect(m.lock_close()).not.toMatch(/schlie/);
  });

  it('turn error codes into sentences with the limit', () => {
    expect(errorText('tooLong', 120)).toBe('Zu lang – höchstens 120 Zeichen.');
    expect(errorText('empty')).toBe('Bitte ausfüllen.');
    expect(errorText('somethingNew')).toBe('somethingNew');
  });
});

describe('dates and regions', () => {
  it('formats conference dates', () => {
    expect(formatDateRange('2026-03-14', null)).toBe('14. März 2026');
    expect(formatDateRange('2026-03-14', '2026-03-15')).toBe('14.–15. März 2026');
    expect(formatDateRange(null, null)).toBe('');
  });

  it('says Jänner to Austrian readers', () => {
    expect(formatIsoDate('2027-01-20')).toBe('20. Januar 2027');
    setRegion('AT');
    expect(formatIsoDate('2027-01-20')).toBe('20. Jänner 2027');
  });

  it('reads the region from the first German entry of the browser languages', () => {
    expect(regionOf(['de-AT', 'en'])).toBe('AT');
    expect(regionOf(['en-US', 'de-CH'])).toBe('CH');
    expect(regionOf(['de'])).toBe('DE');
    expect(regionOf(['de-IT'])).toBe('DE');
    expect(regionOf(['fr-CH'])).toBe('DE');
  });
});
