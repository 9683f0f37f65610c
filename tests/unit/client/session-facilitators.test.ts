// The facilitators-only document in the session: the device that has the share tokens (it created the
// conference) writes them there once it synced; another facilitator device, which only has the facilitator
// link, takes them from there into its record, so its share dialog and QR page show the join links.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { db, getConference, putConference } from '../../../src/lib/persistence/db';
import { deleteConferenceStores } from '../../../src/lib/persistence/doc-store';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { setShareToken, shareLinksOf } from '../../../src/lib/state/links.svelte';
import { makeToken } from '../../../src/lib/model';
import { connectClient, startTestRelay, type TestClient, type TestRelay } from '../../helpers/relay';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let relay: TestRelay;
const sessions: ConferenceSession[] = [];
const clients: TestClient[] = [];

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
  relay = await startTestRelay();
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  for (const c of clients.splice(0)) c.destroy();
  await relay.close();
});

async function facilitatorDevice(shareTokens?: { participant: string; viewer: string }) {
  const { roomId, tokens } = relay.room;
  await putConference({
    roomId,
    title: 'Konferenz',
    role: 'facilitator',
    token: tokens.facilitator,
    ...(shareTokens ? { shareTokens } : {}),
    createdAt: 1,
    lastOpenedAt: 1,
    lastSyncedAt: 0,
    registered: true
  });
  const session = await ConferenceSession.open(roomId, { origin: relay.url, WebSocketPolyfill: WS });
  if (!session) throw new Error('no session');
  sessions.push(session);
  return session;
}

describe('share links on every facilitator device', () => {
  it('reach a second facilitator device through the facilitators-only document', async () => {
    const { roomId, tokens } = relay.room;
    const first = await facilitatorDevice({ participant: tokens.participant, viewer: tokens.viewer });
    const links = shareLinksOf(first);
    await vi.waitFor(() => expect(first.connection.status).toBe('saved'), { timeout: 10_000 });
    await first.destroy();
    sessions.splice(0);

    // Another device: nothing of this conference but the facilitator link.
    await db.conferences.clear();
    await deleteConferenceStores(roomId);
    const second = await facilitatorDevice();
    expect(shareLinksOf(second).participant).toBeNull();
    await vi.waitFor(() => expect(shareLinksOf(second)).toEqual(links), { timeout: 10_000 });
    expect((await getConference(roomId))?.shareTokens).toEqual({
      participant: tokens.participant,
      viewer: tokens.viewer
    });

    // A link renewed on this device reaches the others; one revoked elsewhere disappears here.
    const other = connectClient(relay.wsUrl, `${roomId}/facilitators`, tokens.facilitator);
    clients.push(other);
    await other.whenSynced();
    const renewed = makeToken('participant');
    await setShareToken(second, 'participant', renewed);
    await vi.waitFor(() => expect(other.doc.getMap('links').get('participant')).toBe(renewed));
    other.doc.getMap('links').delete('viewer');
    await vi.waitFor(() => expect(shareLinksOf(second).viewer).toBeNull());
    expect((await getConference(roomId))?.shareTokens).toEqual({ participant: renewed });
  });
});
