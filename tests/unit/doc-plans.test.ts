// Action plans (lib/doc/plans.ts, plan-steps.ts, read-plans.ts): commands and reads, and seeded
// concurrent offline edits of one plan by several replicas: every field merges, no typed text is lost,
// steps reordered concurrently are never duplicated or lost. Replay one seed with PLANS_SEED=<n>.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  addPlan,
  addStep,
  createPlansDoc,
  editPlanText,
  moveStep,
  readPlan,
  readPlans,
  removeStep,
  setPlanPartner,
  updatePlan,
  updateStep
} from '../../src/lib/doc';
import type { InitiativeId, PlanId, RoomId, StepId } from '../../src/lib/model';
import { mulberry32 } from '../helpers/random';

const ROOM = 'Room_plans_1' as RoomId;
const sync = (docs: Y.Doc[]) => {
  for (const a of docs)
    for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('plan commands', () => {
  it('creates, edits and reads a plan with origin, steps, partners and notes', () => {
    const doc = createPlansDoc(ROOM);
    expect(addPlan(doc, { title: '  ' })).toEqual({ ok: false, error: 'empty', field: 'title' });
    const id = must(
      addPlan(doc, {
        title: 'Repair-Café',
        origin: { kind: 'cluster', id: 'c1', title: 'Reparieren statt wegwerfen' }
      })
    );
    must(editPlanText(doc, id, 'goal', 'Einmal im Monat reparieren'));
    must(updatePlan(doc, id, { status: 'running', contact: 'Aylin', partnersText: 'Gemeinde' }));
    expect(updatePlan(doc, id, { status: 'weird' as never }).ok).toBe(false);
    must(setPlanPartner(doc, id, 'init1' as InitiativeId, true));
    const s1 = must(addStep(doc, id, { text: 'Raum anfragen', who: 'Jonas', due: '2027-01-15' }));
    const s2 = must(addStep(doc, id, { text: 'Flyer drucken' }));
    expect(addStep(doc, id, { text: 'x', due: '2027-02-30' })).toMatchObject({
      ok: false,
      error: 'invalidDate'
    });
    must(updateStep(doc, id, s1, { done: true }));
    must(moveStep(doc, id, s2, 0));
    must(addNote(doc, id, 'Raum ist zugesagt', 1000));
    const plan = readPlan(doc, id)!;
    expect(plan).toMatchObject({
      title: 'Repair-Café',
      goal: 'Einmal im Monat reparieren',
      status: 'running',
      contact: 'Aylin',
      partners: ['init1'],
      partnersText: 'Gemeinde',
      origin: { kind: 'cluster', id: 'c1', title: 'Reparieren statt wegwerfen' }
    });
    expect(plan.steps.map((s) => [s.text, s.who, s.due, s.done])).toEqual([
      ['Flyer drucken', '', null, false],
      ['Raum anfragen', 'Jonas', '2027-01-15', true]
    ]);
    expect(plan.notes.map((n) => n.text)).toEqual(['Raum ist zugesagt']);
    must(removeStep(doc, id, s1));
    expect(readPlan(doc, id)!.steps).toHaveLength(1);
    expect(readPlans(doc)).toHaveLength(1);
  });

  it('keeps the origin title when the cluster it names is gone', () => {
    const doc = createPlansDoc(ROOM);
    const id = must(
      addPlan(doc, { title: 'Plan', origin: { kind: 'cluster', id: 'gone', title: 'Mobilität' } })
    );
    // No cluster exists in this doc at all: the copied title is what the link shows.
    expect(readPlan(doc, id)!.origin).toEqual({ kind: 'cluster', id: 'gone', title: 'Mobilität' });
  });

  it('reads malformed remote data without throwing', () => {
    const doc = createPlansDoc(ROOM);
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      doc.getMap('plans').set('bad1', m);
      m.set('title', 42);
      m.set('steps', 'nope');
      m.set('status', 'exploded');
      m.set('origin', { kind: 'alien', id: '../x' });
      doc.getMap('plans').set('bad2', 'string');
    });
    expect(readPlans(doc)).toMatchObject([
      { id: 'bad1', title: '', status: 'planned', steps: [], origin: { kind: 'scratch' } }
    ]);
  });
});

const seeds = process.env.PLANS_SEED
  ? [Number(process.env.PLANS_SEED)]
  : Array.from({ length: 40 }, (_, i) => i + 1);

describe('concurrent offline edits of one plan', () => {
  it.each(seeds)('seed %i merges field by field, loses no text and duplicates no step', (seed) => {
    const replay = `seed ${seed} (replay: PLANS_SEED=${seed} npx vitest run tests/unit/doc-plans.test.ts)`;
    const rand = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const base = createPlansDoc(ROOM);
    const id = must(addPlan(base, { title: 'Gemeinschaftsgarten', goal: 'Ein Garten für alle' })) as PlanId;
    for (let i = 0; i < 4; i++) must(addStep(base, id, { text: `Schritt ${i}` }));
    const n = 2 + Math.floor(rand() * 3);
    const replicas = Array.from({ length: n }, () => {
      const d = createPlansDoc(ROOM);
      Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
      return d;
    });
    const typed: string[] = [];
    const addedSteps: string[] = [];
    const notes: string[] = [];
    replicas.forEach((d, r) => {
      for (let k = 0; k < 6; k++) {
        const op = Math.floor(rand() * 6);
        const steps = readPlan(d, id)!.steps;
        if (op === 0) {
          const word = ` [r${r}k${k}]`;
          const goal = readPlan(d, id)!.goal;
          // Anywhere outside an earlier insertion (so every typed word can be found whole afterwards).
          const spots = [...Array(goal.length + 1).keys()].filter(
            (i) =>
              i > 0 &&
              goal[i] !== '[' &&
              goal.slice(0, i).split('[').length === goal.slice(0, i).split(']').length
          );
          const at = pick(spots);
          must(editPlanText(d, id, 'goal', goal.slice(0, at) + word + goal.slice(at)));
          typed.push(word.trim());
        } else if (op === 1) {
          const text = `neu r${r}k${k}`;
          must(addStep(d, id, { text, who: pick(['Ana', 'Ben', '']), due: pick(['2027-03-01', null]) }));
          addedSteps.push(text);
        } else if (op === 2) {
          must(moveStep(d, id, pick(steps).id as StepId, Math.floor(rand() * steps.length)));
        } else if (op === 3) {
          must(updateStep(d, id, pick(steps).id as StepId, { done: rand() < 0.5 }));
        } else if (op === 4) {
          const text = `Notiz r${r}k${k}`;
          must(addNote(d, id, text, 1000 + r * 10 + k));
          notes.push(text);
        } else {
          must(
            updatePlan(d, id, {
              status: pick(['planned', 'running', 'done', 'paused'] as const),
              contact: `r${r}`
            })
          );
        }
      }
    });
    sync(replicas);
    const views = replicas.map((d) => readPlan(d, id)!);
    for (const v of views) expect(v, replay).toEqual(views[0]);
    const plan = views[0]!;
    for (const word of typed) expect(plan.goal, replay).toContain(word);
    let rest = plan.goal;
    for (const word of typed) rest = rest.replace(` ${word}`, '');
    expect(rest, replay).toBe('Ein Garten für alle');
    const texts = plan.steps.map((s) => s.text);
    expect(new Set(texts).size, replay).toBe(texts.length);
    expect([...texts].sort(), replay).toEqual(
      [...['0', '1', '2', '3'].map((i) => `Schritt ${i}`), ...addedSteps].sort()
    );
    expect(plan.notes.map((x) => x.text).sort(), replay).toEqual([...notes].sort());
  });
});
