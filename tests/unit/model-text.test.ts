// cleanText, validateText and validateDate: well-formedness, control characters, NFC, caps.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  capLength,
  cleanText,
  isIsoDate,
  LIMITS,
  toWellFormed,
  validateDate,
  validateText
} from '../../src/lib/model';

const isWellFormed = (s: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('cleanText', () => {
  test('replaces lone surrogates with U+FFFD and keeps pairs', () => {
    expect(cleanText('a\uD800b', 10)).toBe('a\uFFFDb');
    expect(cleanText('a\uDC00b', 10)).toBe('a\uFFFDb');
    expect(cleanText('x\uDBFF', 10)).toBe('x\uFFFD');
    expect(cleanText('😀', 10)).toBe('😀');
  });

  test('manual pass matches the native toWellFormed', () => {
    const proto = String.prototype as { toWellFormed?: () => string };
    const native = proto.toWellFormed;
    const input = 'a\uD800\uD83D\uDE00\uDC00z\uD800';
    const expected = 'a\uFFFD😀\uFFFDz\uFFFD';
    try {
      proto.toWellFormed = undefined;
      expect(toWellFormed(input)).toBe(expected);
    } finally {
      proto.toWellFormed = native;
    }
    expect(toWellFormed(input)).toBe(expected);
  });

  test('strips control characters except newline and tab, turns CR and CRLF into newline', () => {
    expect(cleanText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f', 20)).toBe('abcdef');
    expect(cleanText('line1\r\nline2\rline3\tend', 40)).toBe('line1\nline2\nline3\tend');
  });

  test('singleLine turns newlines and tabs into one space', () => {
    expect(cleanText('Energie\n\n\tund Wärme', 40, { singleLine: true })).toBe('Energie und Wärme');
  });

  test('normalises to NFC and trims', () => {
    expect(cleanText('  Mobilita\u0308t \n', 20)).toBe('Mobilität');
    expect(cleanText('  Mobilita\u0308t \n', 20).length).toBe(9);
  });

  test('caps length without splitting a surrogate pair', () => {
    expect(cleanText('abcdef', 4)).toBe('abcd');
    expect(cleanText('abc😀', 4)).toBe('abc');
    expect(cleanText('ab😀', 4)).toBe('ab😀');
    expect(capLength('😀😀', 3)).toBe('😀');
    expect(capLength('😀', 0)).toBe('');
  });

  test('non-strings become text or empty', () => {
    expect(cleanText(undefined, 5)).toBe('');
    expect(cleanText(null, 5)).toBe('');
    expect(cleanText(42, 5)).toBe('42');
  });

  test('property: always well-formed, NFC, within the cap, no stray controls, trimmed', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme-composite' }),
      fc.string()
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 40 }), fc.boolean(), (input, max, singleLine) => {
        const out = cleanText(input, max, { singleLine });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isWellFormed(out)).toBe(true);
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(out)).toBe(false);
        expect(out).toBe(out.trim());
        expect(out).toBe(out.normalize('NFC'));
        if (singleLine) expect(/[\n\t]/.test(out)).toBe(false);
        expect(cleanText(out, max, { singleLine })).toBe(out);
      }),
      { numRuns: 1000 }
    );
  });
});

describe('validateText', () => {
  test('empty when required and blank after cleaning', () => {
    expect(validateText(' \u0000\n ', { max: 10, required: true })).toEqual({ ok: false, error: 'empty' });
    expect(validateText('', { max: 10 })).toEqual({ ok: true, value: '' });
  });

  test('tooLong instead of silently cutting', () => {
    expect(validateText('x'.repeat(LIMITS.fieldName + 1), { max: LIMITS.fieldName })).toEqual({
      ok: false,
      error: 'tooLong'
    });
    expect(validateText('  ' + 'x'.repeat(LIMITS.fieldName) + '  ', { max: LIMITS.fieldName })).toEqual({
      ok: true,
      value: 'x'.repeat(LIMITS.fieldName)
    });
  });
});

describe('dates', () => {
  test('isIsoDate accepts real calendar dates only', () => {
    expect(isIsoDate('2025-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('25-01-01')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });

  test('validateDate: blank is null, garbage is invalidDate', () => {
    expect(validateDate(null)).toEqual({ ok: true, value: null });
    expect(validateDate('  ')).toEqual({ ok: true, value: null });
    expect(validateDate(' 2025-06-01 ')).toEqual({ ok: true, value: '2025-06-01' });
    expect(validateDate('1.6.2025')).toEqual({ ok: false, error: 'invalidDate' });
    expect(validateDate(3)).toEqual({ ok: false, error: 'invalidDate' });
  });
});
