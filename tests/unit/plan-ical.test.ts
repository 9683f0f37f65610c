// iCal export of action plan steps, parsed back with ical.js: every step with a due date is one all-day
// event on that date with the step as its title; steps without a date are left out.

import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { addPlan, addStep, createPlansDoc, readPlans, updateStep } from '../../src/lib/doc';
import { plansToIcal } from '../../src/lib/model/plan-ical';
import type { RoomId } from '../../src/lib/model';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('plansToIcal', () => {
  it('writes one all-day event per dated step, read back with the right date and title', () => {
    const doc = createPlansDoc('Room_ical_01' as RoomId);
    const a = must(addPlan(doc, { title: 'Repair-Café' }));
    const b = must(addPlan(doc, { title: 'Bürgerbus; Linie 2, Nord' }));
    must(addStep(doc, a, { text: 'Raum anfragen', who: 'Jonas', due: '2027-01-15' }));
    must(addStep(doc, a, { text: 'Ohne Datum' }));
    const late = must(addStep(doc, b, { text: 'Fahrplan, Entwurf; fertig', due: '2027-12-31' }));
    must(addStep(doc, b, { text: 'Silvester-Test', due: '2027-03-28' })); // DST change in Berlin
    must(updateStep(doc, b, late, { done: true }));
    const plans = readPlans(doc);
    const text = plansToIcal(plans, {
      name: 'Zukunftskonferenz',
      labels: { plan: 'Aktionsplan', who: 'Wer', done: 'erledigt' },
      planUrl: (p) => `https://example.org/c/Room_ical_01/plans/${p.id}`,
      stamp: new Date('2026-12-02T10:00:00Z')
    });
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const got = events
      .map((e) => ({ title: e.summary, date: e.startDate.toString(), allDay: e.startDate.isDate }))
      .sort((x, y) => x.date.localeCompare(y.date));
    const expected = plans
      .flatMap((p) => p.steps)
      .filter((s) => s.due)
      .map((s) => ({ title: s.text, date: s.due!, allDay: true }))
      .sort((x, y) => x.date.localeCompare(y.date));
    expect(got).toEqual(expected);
    expect(got).toHaveLength(3);
    expect(events.find((e) => e.summary === 'Raum anfragen')!.description).toContain(
      'Aktionsplan: Repair-Café'
    );
  });
});
