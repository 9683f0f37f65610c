// The Ernte of a table (lib/doc/harvest.ts) and the conference-day baseline; the plan views of
// model/plan.ts (by person, due soon, changes since the conference).

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addHarvestStep,
  addNote,
  addPlan,
  addStep,
  createConferenceDocs,
  createPlansDoc,
  moveHarvestStep,
  readConferenceEnd,
  readHarvest,
  readPlans,
  setHarvestClusters,
  setHarvestResults,
  updatePlan,
  updateStep,
  writeConferenceEnd
} from '../../src/lib/doc';
import {
  baselineOf,
  changesSince,
  plansByField,
  titleFrom,
  type FieldId,
  statusThenAndNow,
  stepsByPerson,
  stepsDueSoon,
  type RoomId,
  type TableId
} from '../../src/lib/model';

const ROOM = 'Room_harvest_1' as RoomId;
const T = 'table1' as TableId;
const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('harvest', () => {
  it('records results, clusters and ordered steps; two facilitators’ text edits merge', () => {
    const { control } = createConferenceDocs(ROOM);
    expect(readHarvest(control, T)).toEqual({
      tableId: T,
      results: '',
      clusters: [],
      steps: [],
      updatedAt: 0
    });
    must(setHarvestResults(control, T, 'Mehr Grün in der Stadt'));
    must(
      setHarvestClusters(control, T, [
        { title: 'Bäume pflanzen', points: 12 },
        { title: ' ', points: 1 }
      ])
    );
    const a = must(addHarvestStep(control, T, { text: 'Förderantrag stellen', who: 'Mia' }));
    must(addHarvestStep(control, T, { text: 'Treffen im Januar' }));
    must(moveHarvestStep(control, T, a, 1));
    const h = readHarvest(control, T);
    expect(h.clusters).toEqual([{ title: 'Bäume pflanzen', points: 12 }]);
    expect(h.steps.map((s) => s.text)).toEqual(['Treffen im Januar', 'Förderantrag stellen']);
    expect(h.updatedAt).toBeGreaterThan(0);

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(control));
    must(setHarvestResults(control, T, 'Mehr Grün in der Stadt, mit Schulen'));
    must(setHarvestResults(other, T, 'Viel mehr Grün in der Stadt'));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(control));
    Y.applyUpdate(control, Y.encodeStateAsUpdate(other));
    expect(readHarvest(control, T).results).toBe('Viel mehr Grün in der Stadt, mit Schulen');
    expect(readHarvest(other, T).results).toBe(readHarvest(control, T).results);
  });
});

describe('plan views and the conference-day baseline', () => {
  it('lists who does what by when, steps due soon, and what changed since the conference', () => {
    const { control } = createConferenceDocs(ROOM);
    const plans = createPlansDoc(ROOM);
    const p1 = must(addPlan(plans, { title: 'Repair-Café' }));
    const p2 = must(addPlan(plans, { title: 'Bürgerbus' }));
    const s1 = must(addStep(plans, p1, { text: 'Raum anfragen', who: 'Jonas', due: '2027-01-10' }));
    must(addStep(plans, p1, { text: 'Werkzeug sammeln', who: 'jonas', due: '2027-03-01' }));
    must(addStep(plans, p2, { text: 'Fahrplan', who: 'Ana' }));
    const byPerson = stepsByPerson(readPlans(plans));
    expect(byPerson.map((g) => [g.who, g.steps.map((s) => s.step.text)])).toEqual([
      ['Ana', ['Fahrplan']],
      ['Jonas', ['Raum anfragen', 'Werkzeug sammeln']]
    ]);
    expect(stepsDueSoon(readPlans(plans), '2027-01-01').map((s) => s.step.text)).toEqual(['Raum anfragen']);

    must(writeConferenceEnd(control, baselineOf(readPlans(plans), 5000)));
    const end = readConferenceEnd(control)!;
    expect(end.plans[p1]).toEqual({
      title: 'Repair-Café',
      status: 'planned',
      stepsDone: 0,
      stepsTotal: 2,
      notes: 0
    });

    must(updateStep(plans, p1, s1, { done: true }));
    must(updatePlan(plans, p1, { status: 'running' }));
    must(addNote(plans, p1, 'Erstes Treffen war voll', 9000));
    const p3 = must(addPlan(plans, { title: 'Neu danach' }));
    const changes = changesSince(readPlans(plans), end);
    const c1 = changes.find((c) => c.plan.id === p1)!;
    expect(c1).toMatchObject({ statusChanged: true, stepsDoneSince: 1, stepsAddedSince: 0 });
    expect(c1.newNotes.map((n) => n.text)).toEqual(['Erstes Treffen war voll']);
    expect(changes.find((c) => c.plan.id === p3)!.then).toBeNull();
    expect(statusThenAndNow(readPlans(plans), end)).toEqual([
      { status: 'planned', then: 2, now: 2 },
      { status: 'running', then: 0, now: 1 },
      { status: 'done', then: 0, now: 0 },
      { status: 'paused', then: 0, now: 0 }
    ]);
  });
});

describe('plan titles and groups', () => {
  it('titles a plan by the first line of an idea, cut at a word', () => {
    expect(titleFrom('Repair-Café\nim Rathaus')).toBe('Repair-Café');
    const long = `${'Wort '.repeat(40)}Ende`;
    const title = titleFrom(long);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('Wort…')).toBe(true);
  });

  it('groups plans by Handlungsfeld in the fields’ order, unknown fields last', () => {
    const plans = createPlansDoc(ROOM);
    must(addPlan(plans, { title: 'A', fieldId: 'f2' as FieldId }));
    must(addPlan(plans, { title: 'B', fieldId: 'gone' as FieldId }));
    must(addPlan(plans, { title: 'C', fieldId: 'f1' as FieldId }));
    const groups = plansByField(readPlans(plans), ['f1', 'f2'] as FieldId[]);
    expect(groups.map((g) => [g.fieldId, g.plans.map((p) => p.title)])).toEqual([
      ['f1', ['C']],
      ['f2', ['A']],
      [null, ['B']]
    ]);
  });
});
