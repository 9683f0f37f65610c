// How long the relay keeps a conference (sync-server/src/retention.ts): everyone in the room reads the
// deletion date (the app announces it), only facilitators set it (a future time, or null for the default);
// the sweeper deletes a room once its date has come, through the same path as DELETE /api/rooms/<id>
// (sockets close with 4410, 410 afterwards); RETENTION_DAYS gives rooms without a date of their own one,
// counted from their registration. Another room stays.

import { describe, expect, it } from 'vitest';
import { generateRoomId, generateToken, hashToken } from '../../sync-server/src/auth';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, startTestRelay, waitFor, type TestRelay } from '../helpers/relay';

const defer = useCleanups();
const DAY_MS = 24 * 3600_000;

async function retention(t: TestRelay, roomId: string, token: string, put?: { deleteAfter: unknown }) {
  const response = await fetch(`${t.url}/api/rooms/${roomId}/retention`, {
    method: put ? 'PUT' : 'GET',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(put ? { body: JSON.stringify(put) } : {})
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('retention', () => {
  it('lets facilitators set the date, everyone read it, and deletes the room once it has come', async () => {
    const t = await startTestRelay({ config: { retentionSweepMs: 100 } });
    defer(() => t.close());
    const { roomId, tokens } = t.room;
    const other = await t.createRoom();
    expect(await retention(t, roomId, tokens.participant)).toEqual({
      status: 200,
      body: { deleteAfter: null, source: null }
    });
    const inADay = Date.now() + DAY_MS;
    expect((await retention(t, roomId, tokens.participant, { deleteAfter: inADay })).status).toBe(403);
    expect((await retention(t, roomId, tokens.facilitator, { deleteAfter: Date.now() - 1 })).status).toBe(
      400
    );
    expect((await retention(t, roomId, tokens.facilitator, { deleteAfter: 'morgen' })).status).toBe(400);
    expect(await retention(t, roomId, tokens.facilitator, { deleteAfter: inADay })).toEqual({
      status: 200,
      body: { deleteAfter: inADay, source: 'room' }
    });
    expect((await retention(t, roomId, tokens.viewer)).body).toEqual({ deleteAfter: inADay, source: 'room' });
    expect((await retention(t, roomId, tokens.facilitator, { deleteAfter: null })).body).toEqual({
      deleteAfter: null,
      source: null
    });

    const client = connectClient(t.wsUrl, roomId, tokens.participant);
    defer(() => client.destroy());
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => void (event && closes.push(event.code)));
    await client.whenSynced();
    const soon = Date.now() + 400;
    await retention(t, roomId, tokens.facilitator, { deleteAfter: soon });
    await waitFor(() => closes.length > 0, { timeoutMs: 5000, message: 'the room was never swept' });
    expect(Date.now()).toBeGreaterThanOrEqual(soon);
    expect(closes[0]).toBe(4410);
    expect((await retention(t, roomId, tokens.participant)).status).toBe(410);
    expect(await t.relay.storage.roomDeletedAt(roomId)).not.toBeNull();
    expect((await retention(t, other.roomId, other.tokens.participant)).status).toBe(200);
  });

  it('gives rooms without a date RETENTION_DAYS from their registration', async () => {
    const t = await startTestRelay({ config: { retentionDays: 30, retentionSweepMs: 100 } });
    defer(() => t.close());
    const { roomId, tokens } = t.room;
    const created = (await t.relay.storage.getRoom(roomId))?.createdAt ?? 0;
    expect((await retention(t, roomId, tokens.viewer)).body).toEqual({
      deleteAfter: created + 30 * DAY_MS,
      source: 'default'
    });
    // A room registered 31 days ago is past the default; one with a later date of its own is not.
    const old = { roomId: generateRoomId(), token: generateToken('facilitator') };
    const kept = { roomId: generateRoomId(), token: generateToken('facilitator') };
    for (const room of [old, kept]) {
      const links = [{ role: 'facilitator' as const, tokenHash: hashToken(room.token), expiresAt: null }];
      await t.relay.storage.createRoom({ roomId: room.roomId, title: null, links }, Date.now() - 31 * DAY_MS);
    }
    await retention(t, kept.roomId, kept.token, { deleteAfter: Date.now() + DAY_MS });
    for (let tries = 0; (await t.relay.storage.roomDeletedAt(old.roomId)) === null; tries++) {
      if (tries > 100) throw new Error('the old room was never swept');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await t.relay.storage.getRoom(roomId)).not.toBeNull();
    expect(await t.relay.storage.getRoom(kept.roomId)).not.toBeNull();
  });
});
