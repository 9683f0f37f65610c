// The current language as a rune and the translation function. German is the default; the choice is
// saved by the app controller (lib/state/app.svelte.ts), not here, so this module stays storage-free.
import { de, type MessageKey, type Messages } from './de';
import { en } from './en';

export type { MessageKey, Messages };
export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

const catalogs: Record<Locale, Messages> = { de, en };

let current = $state<Locale>('de');

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export type Params = Record<string, string | number>;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match
  );
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  return fill(catalogs[current][key], params);
}

type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

/** Picks `<base>.zero` (if present and count is 0), `<base>.one` or `<base>.other`, filling {count}. */
export function tn(base: PluralBase, count: number): string {
  const zero = `${base}.zero` as MessageKey;
  const key: MessageKey =
    count === 0 && zero in catalogs[current]
      ? zero
      : ((count === 1 ? `${base}.one` : `${base}.other`) as MessageKey);
  return t(key, { count: new Intl.NumberFormat(current === 'de' ? 'de-DE' : 'en-GB').format(count) });
}

export { formatDateRange, formatDateTime, formatIsoDate, formatNumber, formatTime } from './format';
