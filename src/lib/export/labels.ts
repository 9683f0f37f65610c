// German labels and date formats shared by the CSV and Markdown exports (documents of German conferences,
// made the same on a device in any language and on the command line).

import type { PlanStatus } from '../model';

export const PLAN_STATUS_DE: Record<PlanStatus, string> = {
  planned: 'geplant',
  running: 'läuft',
  done: 'erledigt',
  paused: 'pausiert'
};

/** `2027-04-01` → `01.04.2027` (German Excel reads it as a date); '' for none. */
export const germanDate = (iso: string | null): string =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '';

let berlin: Intl.DateTimeFormat | null = null;

/** Milliseconds → `03.03.2027, 14:05` in Europe/Berlin; '' for 0. One formatter for all (making one is slow). */
export function germanTime(ms: number): string {
  if (ms <= 0) return '';
  berlin ??= new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short'
  });
  return berlin.format(ms);
}
