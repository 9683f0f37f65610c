// The current language as a rune, and the message functions. Messages live in `messages/*.json` and are
// compiled by Paraglide into typed functions (`m.status_saved()`, plurals through `Intl.PluralRules`);
// each reads the language through `getLocale`, which this module points at its rune, so a template that
// shows a message re-renders when the language changes. German is the default; the choice is saved by the
// app controller (lib/state/app.svelte.ts), not here, so this module stays storage-free.
//
// The person chooses German or English. The German shown follows the browser's region where it differs:
// Swiss Standard German (`de-CH`) writes "ss" for "ß"; dates and numbers are formatted for `de-AT`
// („Jänner“) and `de-CH` too. The UI stays one German.
import { overwriteGetLocale } from '../paraglide/runtime.js';

export { m } from '../paraglide/messages.js';

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];
/** A German-speaking region whose conventions differ from Germany's where it matters. */
export type Region = 'DE' | 'AT' | 'CH';

let current = $state<Locale>('de');
let region = $state<Region>(regionOf(globalThis.navigator?.languages ?? []));

overwriteGetLocale(() => (current === 'de' && region === 'CH' ? 'de-CH' : current));

/** The region of the first German entry in the browser's language list (DE when there is none). */
export function regionOf(languages: readonly string[]): Region {
  for (const tag of languages) {
    const [lang, reg] = tag.split('-');
    if (lang?.toLowerCase() !== 'de') continue;
    const r = reg?.toUpperCase();
    // South Tyrol (de-IT) and Liechtenstein read Swiss/Austrian forms less consistently: DE is the safe default.
    return r === 'AT' || r === 'CH' ? r : 'DE';
  }
  return 'DE';
}

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

/** For tests and for a browser whose language list changed. */
export function setRegion(next: Region): void {
  region = next;
}

/** The BCP 47 tag for `Intl`: de-DE, de-AT, de-CH or en-GB. */
export function intlTag(): string {
  return current === 'en' ? 'en-GB' : `de-${region}`;
}

export { formatDateRange, formatDateTime, formatIsoDate, formatNumber, formatTime } from './format';
