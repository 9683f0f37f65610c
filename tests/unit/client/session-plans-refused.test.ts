// A participant's plan changes written offline while the facilitators closed the round are refused by the
// relay (101 locked). The session then reloads the plans document from the relay (the replica must not
// diverge, and the device's later changes must not wait behind the refused ones for ever), keeps the
// texts the relay lacks on the device until the person dismisses them, and a Plans controller made before
// follows the fresh document. Once the round opens again, the participant's plan changes reach the relay.
import { describe, expect, it, vi } from 'vitest';
import { lockBoard, readPlans, unlockBoard } from '../../../src/lib/doc';
import { getConference } from '../../../src/lib/persistence/db';
import { Plans } from '../../../src/lib/state/plans.svelte';
import type { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { readStoredDoc } from '../../helpers/relay';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();
const controllers: Plans[] = [];

/** The participant's phone; its record (and participant key) is kept when the app opens again. */
const participant = (connect: boolean) => t.open('participant', { connect, keepRecord: true });

async function close(session: ConferenceSession): Promise<void> {
  for (const p of controllers.splice(0)) p.destroy();
  await t.close(session);
}

const storedPlans = async () => {
  await t.relay.relay.flush();
  return readPlans(readStoredDoc(t.relay.dataDir, `${t.relay.room.roomId}/plans`));
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const controller = (session: ConferenceSession) => {
  const plans = new Plans(session);
  controllers.push(plans);
  return plans;
};

describe('plan changes the relay refused', () => {
  it('reloads the plans from the relay, keeps the refused texts, and writes again after unlocking', async () => {
    // The facilitators' laptop elsewhere in the room (its control document: the lock).
    const { control, saved } = await t.facilitatorDocs();
    const online = await participant(true);
    const planId = must(controller(online).create({ title: 'Solardächer', goal: 'Alle Schulen' }));
    await vi.waitFor(() => expect(online.connection.status).toBe('saved'), { timeout: 10_000 });
    await close(online);

    // Offline at the table: a step, a note and a new plan; meanwhile the round is closed.
    const session = await participant(false);
    const plans = controller(session);
    must(plans.addStep(planId, { text: 'Angebote einholen', who: 'Ina' }));
    must(plans.addNote(planId, 'Die Kirche will mitmachen'));
    must(plans.create({ title: 'Lastenrad-Verleih' }));
    expect(plans.list.map((p) => p.title)).toEqual(['Solardächer', 'Lastenrad-Verleih']);
    lockBoard(control);
    await saved();

    session.connection.start();
    await vi.waitFor(() => expect(plans.refused).toBeGreaterThan(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(plans.unsaved).toHaveLength(3), { timeout: 10_000 });
    expect(plans.unsaved).toEqual([
      { plan: 'Solardächer', kind: 'step', text: 'Angebote einholen', who: 'Ina' },
      { plan: 'Solardächer', kind: 'note', text: 'Die Kirche will mitmachen' },
      { plan: 'Lastenrad-Verleih', kind: 'plan', text: 'Lastenrad-Verleih' }
    ]);
    // The device shows what the relay has: the controller made before follows the fresh document.
    await vi.waitFor(() => expect(plans.list.map((p) => p.title)).toEqual(['Solardächer']));
    expect(plans.get(planId)?.steps).toEqual([]);
    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(session.connection.pendingChanges).toBe(0);
    expect((await storedPlans()).map((p) => p.title)).toEqual(['Solardächer']);

    // The kept texts survive a reload of the app, until dismissed.
    await close(session);
    const again = await participant(true);
    const after = controller(again);
    expect(after.unsaved.map((t) => t.text)).toEqual([
      'Angebote einholen',
      'Die Kirche will mitmachen',
      'Lastenrad-Verleih'
    ]);
    expect(after.list.map((p) => p.title)).toEqual(['Solardächer']);

    // The round opens again: this device's plan changes reach the relay (nothing waits behind the refused).
    unlockBoard(control);
    await saved();
    await vi.waitFor(() => expect(again.locked).toBe(false), { timeout: 10_000 });
    must(after.addStep(planId, { text: 'Angebote einholen', who: 'Ina' }));
    await vi.waitFor(
      async () => expect((await storedPlans())[0]?.steps.map((s) => s.text)).toEqual(['Angebote einholen']),
      {
        timeout: 10_000
      }
    );
    after.dismissRefused();
    expect(after.unsaved).toEqual([]);
    await vi.waitFor(async () =>
      expect((await getConference(t.relay.room.roomId))?.unsavedPlanTexts).toEqual([])
    );
  });
});
