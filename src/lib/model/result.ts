// The result type every command and validator returns: no exceptions for expected failures. Error codes
// are stable strings the UI maps to German and English messages; `field` names the offending input.

export type Result<T, E extends string = string> =
  { ok: true; value: T } | { ok: false; error: E; field?: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <E extends string>(error: E, field?: string): { ok: false; error: E; field?: string } =>
  field === undefined ? { ok: false, error } : { ok: false, error, field };

/**
 * Every error code a command can return:
 * - `empty`: a required text is blank (Bitte ausfüllen / Please fill in)
 * - `tooLong`: a text exceeds its limit in LIMITS (Zu lang / Too long)
 * - `invalidDate`: not a real date as YYYY-MM-DD (Ungültiges Datum / Invalid date)
 * - `dateOrder`: the end date lies before the start date (Ende vor Beginn / End before start)
 * - `notFound`: the entity does not exist (any more), e.g. removed by someone else
 * - `unknownField`: a table refers to a Handlungsfeld that does not exist
 * - `invalidPosition`: a move target index is not an integer
 * - `invalidTime`: a programme time, duration or day is out of range
 * - `invalidLink`: a link is not an http(s) address
 * - `invalidKind`: a programme item kind the app does not know
 * - `invalidUrl`: a website that is not an http(s) address
 * - `invalidCoordinates`: latitude or longitude out of range or not a number
 * - `sameInitiative`: a cooperation or merge of an initiative with itself
 */
export type CommandError =
  | 'empty'
  | 'tooLong'
  | 'invalidDate'
  | 'dateOrder'
  | 'notFound'
  | 'unknownField'
  | 'invalidPosition'
  | 'invalidTime'
  | 'invalidLink'
  | 'invalidKind'
  | 'invalidUrl'
  | 'invalidCoordinates'
  | 'sameInitiative';
