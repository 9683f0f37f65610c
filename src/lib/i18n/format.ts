// Numbers, dates and times in the current language (Intl), for display only. Formatters are made once per
// language and kind: constructing an Intl.DateTimeFormat costs far more than formatting with it (a table of
// 2,000 ideas spent most of its first render making one per idea).
import { intlTag } from './index.svelte';

const tag = intlTag;

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag()}|${kind}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(tag(), options)));
  return f;
}

export function formatNumber(n: number): string {
  const key = `${tag()}|number`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(tag())));
  return f.format(n);
}

/** A calendar date `YYYY-MM-DD` in words, e.g. „14. März 2026“. */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return dateFormat('day', DAY).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(ms: number): string {
  return dateFormat('dateTime', DATE_TIME).format(new Date(ms));
}

export function formatTime(ms: number): string {
  return dateFormat('time', TIME).format(new Date(ms));
}

/** "14.–15. März 2026" style ranges are left to Intl; a single day when there is no end. */
export function formatDateRange(start: string | null, end: string | null): string {
  if (!start) return end ? formatIsoDate(end) : '';
  if (!end || end === start) return formatIsoDate(start);
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de2] = end.split('-').map(Number);
  if (!ys || !ms || !ds || !ye || !me || !de2) return `${start} – ${end}`;
  return dateFormat('day', DAY).formatRange(
    new Date(Date.UTC(ys, ms - 1, ds)),
    new Date(Date.UTC(ye, me - 1, de2))
  );
}
