// Action plan steps as an iCalendar file (ical-generator): one all-day event per step with a due date,
// from one plan or all of them. Dates are calendar dates (VALUE=DATE), the same day wherever the file
// is opened; the calendar says Europe/Berlin as its time zone for clients that want one. Load this module
// with a dynamic import where a download is asked for (it carries the generator).

import ical from 'ical-generator';
import type { Plan } from './plan';

export interface IcalOptions {
  /** The calendar's name (the conference title). */
  name: string;
  /** Text of the description lines, already translated. */
  labels: { plan: string; who: string; done: string };
  /** The address of a plan's page, for the event's URL. */
  planUrl?: (plan: Plan) => string;
  /** DTSTAMP of every event (tests fix it). */
  stamp?: Date;
}

export function plansToIcal(plans: readonly Plan[], opts: IcalOptions): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: 'Stadt Land Tisch', product: 'Aktionsplaene', language: 'DE' },
    x: [{ key: 'X-WR-TIMEZONE', value: 'Europe/Berlin' }]
  });
  const stamp = opts.stamp ?? new Date();
  for (const plan of plans)
    for (const step of plan.steps) {
      if (!step.due) continue;
      const [y, m, d] = step.due.split('-').map(Number) as [number, number, number];
      const lines = [`${opts.labels.plan}: ${plan.title}`];
      if (step.who) lines.push(`${opts.labels.who}: ${step.who}`);
      if (step.done) lines.push(opts.labels.done);
      cal.createEvent({
        id: `${plan.id}-${step.id}@stadt-land-tisch`,
        start: new Date(Date.UTC(y, m - 1, d)),
        allDay: true,
        summary: step.text,
        description: lines.join('\n'),
        stamp,
        url: opts.planUrl?.(plan) ?? null
      });
    }
  return cal.toString();
}
