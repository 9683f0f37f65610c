// Every action plan step with a due date as one iCalendar file (model/plan-ical.ts, German descriptions).

import { plansToIcal } from '../model/plan-ical';
import type { ConferenceExport } from './snapshot';

export function stepsToIcal(data: ConferenceExport, stamp?: Date): string {
  return plansToIcal(data.plans, {
    name: data.conference.title || 'Aktionspläne',
    labels: { plan: 'Aktionsplan', who: 'Wer', done: 'erledigt' },
    stamp: stamp ?? new Date(data.exportedAt)
  });
}
