// Text hygiene and validation. Every user string is cleaned here before it enters a Yjs document, and
// every string read back from a document is cleaned again (a peer may run other code).

import { type Result, ok, err } from './result';

/** Maximum lengths in UTF-16 code units. */
export const LIMITS = Object.freeze({
  conferenceTitle: 120,
  region: 80,
  venue: 120,
  fieldName: 60,
  tableTitle: 120,
  question: 300,
  host: 60,
  ideaText: 500,
  name: 60,
  /** The reason facilitators give for hiding an idea (one line; its author reads it on a phone). */
  hiddenReason: 200
});

export interface CleanOptions {
  /** Replace newlines and tabs with spaces (titles, names). */
  singleLine?: boolean;
}

// C0 controls except tab (09) and newline (0A), DEL and the C1 block.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

type WellFormed = { toWellFormed?: () => string };

/** Replaces every lone surrogate with U+FFFD. */
export function toWellFormed(input: string): string {
  const native = (String.prototype as WellFormed).toWellFormed;
  if (typeof native === 'function') return native.call(input);
  return input.replace(LONE_SURROGATE, '\uFFFD');
}

/** Cuts `s` to at most `max` code units without leaving half a surrogate pair at the end. */
export function capLength(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, Math.floor(max));
  const last = s.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

/**
 * Well-formed, NFC, no control characters except newline and tab (CR/CRLF become newline), trimmed,
 * at most `maxLength` code units. Never splits a surrogate pair.
 */
export function cleanText(input: unknown, maxLength: number, options: CleanOptions = {}): string {
  let s = typeof input === 'string' ? input : input == null ? '' : String(input);
  s = toWellFormed(s).normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  if (options.singleLine) s = s.replace(/[\n\t]+/g, ' ');
  s = s.trim();
  return capLength(s, maxLength).trimEnd();
}

export type TextError = 'empty' | 'tooLong';

export interface TextRule {
  max: number;
  required?: boolean;
  singleLine?: boolean;
}

/** Cleans and checks a user-entered string; too long is an error (the UI shows it), never silently cut. */
export function validateText(input: unknown, rule: TextRule): Result<string, TextError> {
  const cleaned = cleanText(input, Number.POSITIVE_INFINITY, { singleLine: rule.singleLine });
  if (rule.required && cleaned.length === 0) return err('empty');
  if (cleaned.length > rule.max) return err('tooLong');
  return ok(cleaned);
}

export type DateError = 'invalidDate';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `null`, `undefined` and blank mean "no date". */
export function validateDate(input: unknown): Result<string | null, DateError> {
  if (input == null) return ok(null);
  if (typeof input !== 'string') return err('invalidDate');
  const s = input.trim();
  if (s === '') return ok(null);
  return isIsoDate(s) ? ok(s) : err('invalidDate');
}
