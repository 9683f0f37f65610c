// Dot votes through the session on the real relay (port 0): a participant's ballot is their own entry in
// the shared document, so the relay's ownership check accepts it; after a reload (a fresh Y.Doc, so a
// fresh client id, same participant key) the device finds the same ballot and may change it without a
// refusal; another participant's ballot counts beside it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  addIdea,
  addTable,
  createConferenceDocs,
  readVoteResult,
  startVote,
  type ConferenceDocs
} from '../../../src/lib/doc';
import type { RoomId, TableId, VoteId } from '../../../src/lib/model';
import { db, getConference, putConference } from '../../../src/lib/persistence/db';
import { ClusterBoardView } from '../../../src/lib/state/clusters.svelte';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { ballotKeyFor, TableVotes } from '../../../src/lib/state/votes.svelte';
import { newParticipantKey, sessionToken } from '../../helpers/ownership';
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

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
  relay = await startTestRelay();
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  for (const c of clients.splice(0)) c.destroy();
  await relay.close();
});

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

async function facilitator(): Promise<ConferenceDocs & { saved: () => Promise<void> }> {
  const docs = createConferenceDocs(relay.room.roomId as RoomId);
  const { roomId, tokens } = relay.room;
  const control = connectClient(relay.wsUrl, roomId, tokens.facilitator, {
    control: true,
    ack: true,
    doc: docs.control
  });
  const shared = connectClient(relay.wsUrl, roomId, tokens.facilitator, { ack: true, doc: docs.shared });
  clients.push(control, shared);
  await Promise.all([control.whenSynced(), shared.whenSynced()]);
  return {
    ...docs,
    saved: () => Promise.all([control.whenSaved(), shared.whenSaved()]).then(() => undefined)
  };
}

async function participant(): Promise<ConferenceSession> {
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
    WebSocketPolyfill: WS
  });
  if (!session) throw new Error('no session');
  sessions.push(session);
  return session;
}

const stored = async (): Promise<ConferenceDocs> => {
  await relay.relay.flush();
  return {
    shared: readStoredDoc(relay.dataDir, relay.room.roomId),
    control: readStoredDoc(relay.dataDir, `${relay.room.roomId}/control`)
  };
};

describe('dot votes in the session', () => {
  it('keeps one ballot per participant across a reload, accepted by the relay; others count beside it', async () => {
    expect(ballotKeyFor('key-a', 'vote1' as VoteId)).toBe(ballotKeyFor('key-a', 'vote1' as VoteId));
    expect(ballotKeyFor('key-a', 'vote1' as VoteId)).not.toBe(ballotKeyFor('key-b', 'vote1' as VoteId));
    expect(ballotKeyFor('key-a', 'vote1' as VoteId)).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const fac = await facilitator();
    const table = must(addTable(fac.control, { title: 'Mobilität' })) as TableId;
    const a = must(addIdea(fac.shared, { tableId: table, text: 'Rufbus' }));
    const b = must(addIdea(fac.shared, { tableId: table, text: 'Radweg' }));
    const vote = must(startVote(fac.control, table, { target: 'ideas', budget: 3, multiple: true }));
    await fac.saved();

    const first = await participant();
    await vi.waitFor(() => expect(first.view.ideasFor(table)).toHaveLength(2), { timeout: 10_000 });
    let votes = new TableVotes(first, table, new ClusterBoardView(first, table));
    await vi.waitFor(() => expect(votes.current?.id).toBe(vote), { timeout: 10_000 });
    must(votes.setPoints(vote, a, 2));
    expect(votes.setPoints(vote, b, 2)).toMatchObject({ ok: false, error: 'overBudget' });
    await vi.waitFor(
      async () =>
        expect(readVoteResult((await stored()).control, (await stored()).shared, vote)?.total).toBe(2),
      { timeout: 10_000 }
    );
    votes.destroy();
    await first.destroy();
    sessions.splice(sessions.indexOf(first), 1);

    // A reload: a fresh document and client id, the same participant key and so the same ballot.
    const again = await participant();
    votes = new TableVotes(again, table, new ClusterBoardView(again, table));
    await vi.waitFor(() => expect(votes.myBallot(vote).get(a)).toBe(2), { timeout: 10_000 });
    must(votes.setPoints(vote, a, 1));
    must(votes.setPoints(vote, b, 2));

    // Another participant's phone votes too.
    const token = await sessionToken(
      relay.url,
      relay.room.roomId,
      relay.room.tokens.participant,
      newParticipantKey()
    );
    const other = connectClient(relay.wsUrl, relay.room.roomId, token, { ack: true });
    clients.push(other);
    await other.whenSynced();
    other.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      other.doc.getMap('ballots').set(`${vote}.otherPhoneBallot1`, entry);
      entry.set('voteId', vote);
      const points = new Y.Map<unknown>();
      entry.set('points', points);
      points.set(b, 1);
    });
    await other.whenSaved();

    await vi.waitFor(
      async () => {
        const docs = await stored();
        const result = readVoteResult(docs.control, docs.shared, vote);
        expect(result?.ranking.map((r) => [r.label, r.points])).toEqual([
          ['Radweg', 3],
          ['Rufbus', 1]
        ]);
        expect(result?.voters).toBe(2);
      },
      { timeout: 10_000 }
    );
    expect(again.refusedIdeas).toBe(0);
    votes.destroy();
  });
});
