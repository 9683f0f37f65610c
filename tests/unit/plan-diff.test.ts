import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../../src/lib/model';
import { unsavedPlanTexts } from '../../src/lib/model/plan-diff';

function plan(id: string, title: string, more: Partial<Plan> = {}): Plan {
  return {
    id: id as Plan['id'],
    title,
    goal: '',
    fieldId: null,
    resources: '',
    partners: [],
    partnersText: '',
    contact: '',
    status: 'planned',
    origin: { kind: 'scratch', id: '', title: '' },
    steps: [],
    notes: [],
    createdAt: 1,
    ...more
  };
}

const step = (id: string, text: string, who = '', due: string | null = null): PlanStep => ({
  id: id as PlanStep['id'],
  text,
  who,
  due,
  done: false,
  order: 'a0'
});

describe('unsavedPlanTexts', () => {
  it('is empty when the relay holds everything this device wrote', () => {
    const mine = [plan('p1', 'Solardächer', { goal: 'Alle Schulen', steps: [step('s1', 'Dächer zählen')] })];
    expect(unsavedPlanTexts(mine, structuredClone(mine))).toEqual([]);
  });

  it('names a plan the relay does not hold, with its texts, steps and notes', () => {
    const mine = [
      plan('p1', 'Lastenrad-Verleih', {
        goal: 'Drei Räder im Ort',
        contact: 'Ina, 0171 000',
        steps: [step('s1', 'Verein fragen', 'Ina', '2027-03-03')],
        notes: [{ id: 'n1' as Plan['notes'][number]['id'], text: 'Förderung beantragt', at: 5 }]
      })
    ];
    expect(unsavedPlanTexts(mine, [])).toEqual([
      { plan: 'Lastenrad-Verleih', kind: 'plan', text: 'Lastenrad-Verleih' },
      { plan: 'Lastenrad-Verleih', kind: 'goal', text: 'Drei Räder im Ort' },
      { plan: 'Lastenrad-Verleih', kind: 'contact', text: 'Ina, 0171 000' },
      { plan: 'Lastenrad-Verleih', kind: 'step', text: 'Verein fragen', who: 'Ina', due: '2027-03-03' },
      { plan: 'Lastenrad-Verleih', kind: 'note', text: 'Förderung beantragt' }
    ]);
  });

  it('names changed texts, new or changed steps and new notes of a plan both hold, and nothing else', () => {
    const theirs = [
      plan('p1', 'Solardächer', {
        goal: 'Alle Schulen',
        resources: 'Gerüst',
        steps: [step('s1', 'Dächer zählen'), step('s2', 'Gemeinderat fragen', 'Ben')]
      })
    ];
    const mine = [
      plan('p1', 'Solardächer', {
        goal: 'Alle Schulen und das Rathaus',
        resources: 'Gerüst',
        status: 'running',
        steps: [
          { ...step('s1', 'Dächer zählen'), done: true },
          step('s2', 'Gemeinderat fragen', 'Ben', '2027-01-15'),
          step('s3', 'Angebote einholen')
        ],
        notes: [{ id: 'n9' as Plan['notes'][number]['id'], text: 'Kirche will mitmachen', at: 9 }]
      })
    ];
    expect(unsavedPlanTexts(mine, theirs)).toEqual([
      { plan: 'Solardächer', kind: 'goal', text: 'Alle Schulen und das Rathaus' },
      { plan: 'Solardächer', kind: 'step', text: 'Gemeinderat fragen', who: 'Ben', due: '2027-01-15' },
      { plan: 'Solardächer', kind: 'step', text: 'Angebote einholen' },
      { plan: 'Solardächer', kind: 'note', text: 'Kirche will mitmachen' }
    ]);
  });

  it('leaves out a text this device emptied', () => {
    const theirs = [plan('p1', 'Solardächer', { goal: 'Alle Schulen' })];
    const mine = [plan('p1', 'Solardächer', { goal: '' })];
    expect(unsavedPlanTexts(mine, theirs)).toEqual([]);
  });
});
