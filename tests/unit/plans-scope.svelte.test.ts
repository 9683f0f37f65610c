// A device joined through a plan link (planScope): the Plans controller lets it change its own plan only,
// never create one, and every command it runs on its plan makes an update the relay's check accepts
// (sync-server/src/plan-scope.ts): the doc commands write only inside the plan's map.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createConferenceDocs, createPlansDoc } from '../../src/lib/doc';
import type { InitiativeId, PlanId, RoomId } from '../../src/lib/model';
import { Plans } from '../../src/lib/state/plans.svelte';
import { PlanRefusals } from '../../src/lib/state/plan-refusals.svelte';
import type { ConferenceSession } from '../../src/lib/state/session.svelte';
import { withinPlan } from '../../sync-server/src/plan-scope';

function device(plansDoc: Y.Doc, role: 'facilitator' | 'participant', planScope: string | null = null) {
  const session = {
    roomId: 'room-scope',
    docs: createConferenceDocs('room-scope' as RoomId),
    plansDoc,
    role,
    planScope,
    canModerate: role === 'facilitator',
    canWrite: role === 'facilitator' || planScope === null,
    locked: false,
    planRefusals: new PlanRefusals([], async () => undefined),
    onPlansReplaced: () => () => undefined
  } as unknown as ConferenceSession;
  return new Plans(session);
}

describe('Plans with a plan link', () => {
  test('edits its own plan only, within the plan’s map', () => {
    const relay = createPlansDoc('room-scope' as RoomId);
    const moderation = device(relay, 'facilitator');
    const own = moderation.create({ title: 'Repair-Café', goal: 'Reparieren' });
    const other = moderation.create({ title: 'Lastenrad' });
    if (!own.ok || !other.ok) throw new Error('plans not created');
    const mine = own.value;

    const replica = createPlansDoc('room-scope' as RoomId);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(relay));
    const scoped = device(replica, 'participant', mine);
    expect(scoped.canEditPlan(mine)).toBe(true);
    expect(scoped.canEditPlan(other.value)).toBe(false);
    expect(scoped.readOnlyReasonFor(other.value)).toBe('plan');
    expect(scoped.readOnlyReasonFor(mine)).toBeNull();
    expect(scoped.canEdit).toBe(false);
    expect(scoped.create({ title: 'Neu' })).toEqual({ ok: false, error: 'notAllowed' });
    expect(scoped.update(other.value, { title: 'Übernommen' })).toEqual({ ok: false, error: 'notAllowed' });

    // Every command on its own plan: accepted by the relay's check, then applied there.
    const updates: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => updates.push(u));
    const run = <R extends { ok: boolean }>(label: string, command: () => R): R => {
      updates.length = 0;
      const result = command();
      expect(result.ok, label).toBe(true);
      expect(updates.length, label).toBeGreaterThan(0);
      for (const u of updates) {
        expect(withinPlan(relay, mine, u), label).toBe(true);
        expect(withinPlan(relay, other.value, u), label).toBe(false);
        Y.applyUpdate(relay, u);
      }
      return result;
    };
    run('title', () => scoped.update(mine, { title: 'Repair-Café im Rathaus', status: 'running' }));
    run('goal', () => scoped.editText(mine, 'goal', 'Gemeinsam reparieren', 'Reparieren'));
    run('partner', () => scoped.setPartner(mine, 'ini-1' as InitiativeId, true));
    const step = run('add step', () => scoped.addStep(mine, { text: 'Raum anfragen', who: 'Ina' }));
    const second = run('add step', () => scoped.addStep(mine, { text: 'Flyer' }));
    if (!step.ok || !second.ok) throw new Error('steps not added');
    run('step', () => scoped.updateStep(mine, step.value, { done: true }));
    run('move', () => scoped.moveStep(mine, second.value, 0));
    run('remove step', () => scoped.removeStep(mine, step.value));
    const note = run('add note', () => scoped.addNote(mine, 'Erstes Treffen war gut.'));
    if (!note.ok) throw new Error('note not added');
    run('remove note', () => scoped.removeNote(mine, note.value));
    expect(moderation.get(mine)?.title).toBe('Repair-Café im Rathaus');
    expect(moderation.get(mine)?.goal).toBe('Gemeinsam reparieren');
    expect(moderation.get(other.value as PlanId)?.title).toBe('Lastenrad');
  });
});
