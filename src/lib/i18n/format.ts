// Numbers, dates and times in the current language (Intl), for display only.
import { intlTag } from './index.svelte';

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(intlTag()).format(n);
}

/** A calendar date `YYYY-MM-DD` in words, e.g. „14. März 2026“. */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(intlTag(), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(intlTag(), { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

/** "14.–15. März 2026" style ranges are left to Intl; a single day when there is no end. */
export function formatDateRange(start: string | null, end: string | null): string {
  if (!start) return end ? formatIsoDate(end) : '';
  if (!end || end === start) return formatIsoDate(start);
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de2] = end.split('-').map(Number);
  if (!ys || !ms || !ds || !ye || !me || !de2) return `${start} – ${end}`;
  const f = new Intl.DateTimeFormat(intlTag(), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  });
  return f.formatRange(new Date(Date.UTC(ys, ms - 1, ds)), new Date(Date.UTC(ye, me - 1, de2)));
}
