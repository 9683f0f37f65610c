// Turns the stable error codes of commands and forms into a sentence in the current language.
import { m } from './index.svelte';

const TEXTS: Record<string, (max: number | string) => string> = {
  empty: () => m.error_empty(),
  tooLong: (max) => m.error_tooLong({ max }),
  invalidDate: () => m.error_invalidDate(),
  dateOrder: () => m.error_dateOrder(),
  notFound: () => m.error_notFound(),
  unknownField: () => m.error_unknownField(),
  invalidPosition: () => m.error_invalidPosition(),
  invalidTime: () => m.error_invalidTime(),
  invalidLink: () => m.error_invalidLink(),
  invalidKind: () => m.error_invalidKind(),
  alreadyInitialized: () => m.error_alreadyInitialized(),
  notAllowed: () => m.error_notAllowed(),
  locked: () => m.error_locked(),
  saveFailed: () => m.new_saveFailed(),
  invalidUrl: () => m.landkarte_error_invalidUrl(),
  invalidCoordinates: () => m.landkarte_error_invalidCoordinates(),
  sameInitiative: () => m.landkarte_error_sameInitiative(),
  invalidStatus: () => m.landkarte_error_invalidStatus(),
  voteClosed: () => m.vote_errorClosed(),
  overBudget: () => m.vote_errorOverBudget(),
  invalidBudget: () => m.vote_errorBudget()
};

/** `max` fills „höchstens {max} Zeichen“ for `tooLong`. An unknown code is shown as it is. */
export function errorText(code: string, max?: number): string {
  const text = TEXTS[code];
  return text ? text(max ?? '') : code;
}
