// Content shipped with the app is written in German and English; this picks one language.
export type Lang = 'de' | 'en';
export interface Localized<T = string> {
  de: T;
  en: T;
}
