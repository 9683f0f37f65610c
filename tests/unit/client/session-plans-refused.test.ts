// A participant's plan changes written offline while the facilitators closed the round are refused by the
// relay (101 locked). The session then reloads the plans document from the relay (the replica must not
// diverge, and the device's later changes must not wait behind the refused ones for ever), keeps the
// texts the relay lacks on the device until the person dismisses them, and a Plans controller made before
// follows the fresh document. Once the round opens again, the participant's plan changes reach the relay.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createConferenceDocs, lockBoard, readPlans, unlockBoard } from '../../../src/lib/doc';
import type { RoomId } from '../../../src/lib/model';
import { db, getConference, putConference } from '../../../src/lib/persistence/db';
import { Plans } from '../../../src/lib/state/plans.svelte';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import {
  connectClient,
  readStoredDoc,
  startTestRelay,
  type TestClient,
  type TestRelay
} from '../../helpers/relay';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let relay: TestRelay;
const sessions: ConferenceSession[] = [];
const clients: TestClient[] = [];
const controllers: Plans[] = [];

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
  relay = await startTestRelay();
});

afterEach(async () => {
  for (const p of controllers.splice(0)) p.destroy();
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  for (const c of clients.splice(0)) c.destroy();
  await relay.close();
});

async function participant(connect: boolean): Promise<ConferenceSession> {
  if (!(await getConference(relay.room.roomId))) {
    await putConference({
      roomId: relay.room.roomId,
      title: 'Konferenz',
      role: 'participant',
      token: relay.room.tokens.participant,
      createdAt: 1,
      lastOpenedAt: 1,
      lastSyncedAt: 0,
      registered: true
    });
  }
  const session = await ConferenceSession.open(relay.room.roomId, {
    origin: relay.url,
    connect,
    WebSocketPolyfill: WS
  });
  if (!session) throw new Error('no session');
  sessions.push(session);
  return session;
}

async function close(session: ConferenceSession): Promise<void> {
  for (const p of controllers.splice(0)) p.destroy();
  await session.destroy();
  sessions.splice(sessions.indexOf(session), 1);
}

/** The facilitators' laptop elsewhere in the room: its control document (the lock). */
async function facilitatorControl(): Promise<TestClient> {
  const { roomId, tokens } = relay.room;
  const control = connectClient(relay.wsUrl, roomId, tokens.facilitator, {
    control: true,
    ack: true,
    doc: createConferenceDocs(roomId as RoomId).control
  });
  clients.push(control);
  await control.whenSynced();
  return control;
}

const storedPlans = async () => {
  await relay.relay.flush();
  return readPlans(readStoredDoc(relay.dataDir, `${relay.room.roomId}/plans`));
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
    const control = await facilitatorControl();
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
    lockBoard(control.doc);
    await control.whenSaved();

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
    unlockBoard(control.doc);
    await control.whenSaved();
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
      expect((await getConference(relay.room.roomId))?.unsavedPlanTexts).toEqual([])
    );
  });
});
