// Turns the stable error codes of commands and forms into a sentence in the current language.
import { t, type MessageKey } from './index.svelte';

const KEYS: Record<string, MessageKey> = {
  empty: 'error.empty',
  tooLong: 'error.tooLong',
  invalidDate: 'error.invalidDate',
  dateOrder: 'error.dateOrder',
  notFound: 'error.notFound',
  unknownField: 'error.unknownField',
  invalidPosition: 'error.invalidPosition',
  alreadyInitialized: 'error.alreadyInitialized',
  notAllowed: 'error.notAllowed',
  locked: 'error.locked',
  saveFailed: 'new.saveFailed'
};

/** `max` fills „höchstens {max} Zeichen“ for `tooLong`. */
export function errorText(code: string, max?: number): string {
  const key = KEYS[code];
  return key ? t(key, { max: max ?? '' }) : code;
}
