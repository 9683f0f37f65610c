// Contact details with consent (lib/state/contacts.svelte.ts) on the real relay: a participant's device sends
// them to the facilitators-only document without ever holding it; a facilitator's device reads them there;
// the shared document (what every participant gets) holds nothing of them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { InitiativeId } from '../../../src/lib/model';
import { db, putConference } from '../../../src/lib/persistence/db';
import { ContactRequests } from '../../../src/lib/state/contacts.svelte';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { startTestRelay, type TestRelay } from '../../helpers/relay';
import { relayCopy } from '../../helpers/ownership';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let relay: TestRelay;
const sessions: ConferenceSession[] = [];

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
  relay = await startTestRelay();
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  await relay.close();
});

async function open(role: 'facilitator' | 'participant'): Promise<ConferenceSession> {
  await db.conferences.clear();
  await putConference({
    roomId: relay.room.roomId,
    title: 'Konferenz',
    role,
    token: relay.room.tokens[role],
    createdAt: 1,
    lastOpenedAt: 1,
    lastSyncedAt: 0,
    registered: true
  });
  const session = await ConferenceSession.open(relay.room.roomId, {
    origin: relay.url,
    WebSocketPolyfill: WS
  });
  if (!session) throw new Error('no session');
  sessions.push(session);
  return session;
}

describe('contact details with consent', () => {
  it('reach the facilitators only', async () => {
    const ini = 'ini-aaaaaaaaaaaaaaaaaaaa' as InitiativeId;
    const participant = await open('participant');
    const asking = new ContactRequests(participant);
    expect(asking.canSend).toBe(true);
    expect(asking.canRead).toBe(false);
    expect(await asking.send(ini, 'Resi', '  ')).toBe('empty');
    expect(await asking.send(ini, 'Resi', 'resi@example.org')).toBe('sent');
    expect(asking.forInitiative(ini)).toEqual([]);

    const facilitator = await open('facilitator');
    const reading = new ContactRequests(facilitator);
    expect(reading.canSend).toBe(false);
    await vi.waitFor(
      () =>
        expect(reading.forInitiative(ini).map((c) => [c.name, c.contact])).toEqual([
          ['Resi', 'resi@example.org']
        ]),
      { timeout: 10_000 }
    );
    const shared = await relayCopy(relay.wsUrl, relay.room.roomId, relay.room.tokens.participant);
    expect(Buffer.from(Y.encodeStateAsUpdate(shared)).includes(Buffer.from('resi@example.org'))).toBe(false);
  });
});
