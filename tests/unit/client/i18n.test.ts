// Messages: German and English have the same keys with the same placeholders, plurals pick the right
// form, error codes become sentences, and dates read naturally in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { de } from '../../../src/lib/i18n/de';
import { en } from '../../../src/lib/i18n/en';
import { errorText } from '../../../src/lib/i18n/errors';
import { formatDateRange, setLocale, t, tn } from '../../../src/lib/i18n/index.svelte';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => setLocale('de'));

describe('i18n', () => {
  it('English has every German key with the same placeholders, and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
      expect(de[key].trim().length, key).toBeGreaterThan(0);
      expect(en[key].trim().length, key).toBeGreaterThan(0);
    }
  });

  it('fills placeholders and picks plural forms', () => {
    expect(tn('status.pending', 1)).toBe('1 Änderung wartet auf den Server');
    expect(tn('status.pending', 3)).toBe('3 Änderungen warten auf den Server');
    expect(tn('ideas.count', 0)).toBe('Noch keine Ideen');
    expect(tn('ideas.count', 1200)).toBe('1.200 Ideen');
    setLocale('en');
    expect(tn('ideas.count', 2)).toBe('2 ideas');
    expect(t('idea.sentAs', { name: 'Anna' })).toBe('Appears as “Anna”');
  });

  it('turns error codes into sentences with the limit', () => {
    expect(errorText('tooLong', 120)).toBe('Zu lang – höchstens 120 Zeichen.');
    expect(errorText('empty')).toBe('Bitte ausfüllen.');
  });

  it('formats conference dates', () => {
    expect(formatDateRange('2026-03-14', null)).toBe('14. März 2026');
    expect(formatDateRange('2026-03-14', '2026-03-15')).toBe('14.–15. März 2026');
    expect(formatDateRange(null, null)).toBe('');
  });
});
